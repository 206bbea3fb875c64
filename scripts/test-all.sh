#!/usr/bin/env bash
# Every test of the project, in the order a failure is cheapest to find.
# Run from anywhere; needs Rust (cargo) and, for the binding and shell tests, what each of
# their scripts says (they install their own Maven dependencies and Swift chroot).
set -euo pipefail
cd "$(dirname "$0")/.."

section() { printf '\n==== %s (%s)\n' "$1" "$(date +%H:%M:%S)"; }

section "Rust: core, CLI (unit, integration, property, crash tests)"
cargo test --workspace --locked

section "Evidence format in a browser: wasm-bindgen tests and the single-file verifier (headless Chromium)"
scripts/test-evidence-web.sh

section "Fuzz smoke: pack reader, HSDS importer, query folding (fixed number of runs)"
scripts/fuzz-smoke.sh

section "Bindings: Kotlin on a JVM (JUnit 5 + JNA), Swift in a Debian trixie chroot (XCTest)"
bindings/run-all-tests.sh

section "Android shell: all Kotlin compiled against android-all, Robolectric tests with the real core"
android/run-jvm-tests.sh

section "iOS shell: logic layer (XCTest, Linux chroot) and Info.plist / entitlements policy"
ios/run-linux-tests.sh

printf '\nAll test suites passed.\n'
