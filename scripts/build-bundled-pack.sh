#!/usr/bin/env bash
# Rebuilds the bundled Kazakhstan pack from its committed source, then signs and verifies it.
# Usage: scripts/build-bundled-pack.sh VERSION CREATED [SECRET_KEY]
#   e.g.  scripts/build-bundled-pack.sh 1 2026-11-25T00:00:00Z /root/.haven-pack-keys/haven-dir-1.key
# The secret key never enters the repository. An encrypted key asks for its password;
# set HAVEN_PACK_NO_PASSWORD=1 for an unencrypted development key.
set -euo pipefail
cd "$(dirname "$0")/.."
version=${1:?version}
created=${2:?created (RFC 3339)}
key=${3:-/root/.haven-pack-keys/haven-dir-1.key}
cargo build -q -p haven-cli
haven=target/debug/haven
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$haven" pack build --input core/packs/kz/kz.hsds.json --output "$tmp/kz.unsigned" \
  --region KZ --version "$version" --created "$created" --valid-days 180 --min-core-version 0.1.0
sign_args=(--secret-key "$key" --input "$tmp/kz.unsigned" --output core/packs/kz/kz.havenpack)
"$haven" pack sign "${sign_args[@]}" ${HAVEN_PACK_NO_PASSWORD:+--no-password}
"$haven" pack verify --input core/packs/kz/kz.havenpack
