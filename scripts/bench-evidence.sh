#!/usr/bin/env bash
# Verifying a bundle of 1,000 entries and 100 MB of attachments (made by the real core):
# natively (criterion, evidence/benches/verify.rs) and in the single-file web verifier in
# headless Chromium (its timing harness), on the same file. Needs what
# scripts/test-evidence-web.sh installs. Figures: docs/benchmarks-evidence.md.
set -euo pipefail
cd "$(dirname "$0")/.."
work=${BENCH_DIR:-$(mktemp -d)}
pass="correct horse battery"
if [ ! -f "$work/big.haven" ]; then
  cargo build --locked --release -p haven-cli --example sample_bundle
  echo "$pass" | target/release/examples/sample_bundle "$work/big.haven" --large 1000 104857600
fi
ls -l "$work/big.haven"
scripts/build-verifier.sh >/dev/null
echo "== native (criterion)"
HAVEN_BENCH_BUNDLE="$work/big.haven" HAVEN_BENCH_PASSPHRASE="$pass" \
  cargo bench --locked -p haven-evidence --bench verify -- --noplot
echo "== web verifier in headless Chromium (open_ms, verify_ms per run)"
/usr/bin/python3 evidence/web/tests/browser_test.py --bench dist/haven-verifier.html "$work/big.haven" "$pass" 5
