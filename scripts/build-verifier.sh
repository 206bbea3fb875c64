#!/usr/bin/env bash
# Builds the offline web verifier: haven-evidence compiled to WebAssembly (wasm-bindgen,
# --target no-modules), inlined with its glue, page script and style into ONE HTML file with
# a strict Content-Security-Policy: dist/haven-verifier.html. Prints its SHA-256, which is
# what an NGO publishes beside it.
#
# Installs what it needs (the wasm32 target; wasm-bindgen-cli at exactly the version in
# Cargo.lock, since the glue must match the library) and is fast when they are there.
set -euo pipefail
cd "$(dirname "$0")/.."

rustup target list --installed | grep -qx wasm32-unknown-unknown ||
  rustup target add wasm32-unknown-unknown
want=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$want" ]; then
  cargo install wasm-bindgen-cli --version "$want"
fi

# Keep the target_features section wasm-bindgen reads (the release profile strips symbols).
CARGO_PROFILE_RELEASE_STRIP=debuginfo \
  cargo build --locked -p haven-verifier-web --target wasm32-unknown-unknown --release
out=target/verifier-web
rm -rf "$out" && mkdir -p "$out" dist
wasm-bindgen --target no-modules --no-typescript --out-dir "$out" \
  target/wasm32-unknown-unknown/release/haven_verifier_web.wasm
python3 scripts/inline-verifier.py "$out/haven_verifier_web.js" "$out/haven_verifier_web_bg.wasm" \
  evidence/web/page dist/haven-verifier.html
sha256sum dist/haven-verifier.html
