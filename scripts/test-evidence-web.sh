#!/usr/bin/env bash
# The evidence format in a real browser: haven-evidence's tests under wasm-bindgen-test in
# headless Chromium, then the built single-file verifier (dist/haven-verifier.html) opening
# bundles made by the real core, driven through chromedriver (evidence/web/tests/).
#
# Installs what it needs — Debian's chromium, chromium-driver and python3-selenium, the
# wasm32 target, wasm-bindgen-cli at the version in Cargo.lock — only when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
for pkg in chromium chromium-driver python3-selenium; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq && apt-get install -y -qq "${missing[@]}"
fi
rustup target list --installed | grep -qx wasm32-unknown-unknown ||
  rustup target add wasm32-unknown-unknown
want=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
[ "$have" = "$want" ] || cargo install wasm-bindgen-cli --version "$want"

echo "== haven-evidence tests in headless Chromium (wasm-bindgen-test)"
(cd evidence && CHROMEDRIVER=/usr/bin/chromedriver \
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  WASM_BINDGEN_TEST_TIMEOUT=600 \
  cargo test --locked --target wasm32-unknown-unknown --test bundle)

echo "== the single-file verifier in headless Chromium"
scripts/build-verifier.sh
cargo build --locked -p haven-cli --bin haven --example sample_bundle
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pass="correct horse battery"
echo "$pass" | target/debug/examples/sample_bundle "$work/sample.haven" --tampered "$work/tampered.haven"
head=$(echo "$pass" | target/debug/haven bundle verify "$work/sample.haven" | sed -n 's/^chain head: //p')
shots=${VERIFIER_SCREENSHOTS:-target/verifier-screenshots}
mkdir -p "$shots"
/usr/bin/python3 evidence/web/tests/browser_test.py dist/haven-verifier.html \
  "$work/sample.haven" "$work/tampered.haven" "$pass" "$head" "$shots"
