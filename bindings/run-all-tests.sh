#!/usr/bin/env bash
# The binding tests, for the README's test command and .ci/run: Kotlin on a JVM, then Swift in
# a Debian trixie chroot (needs root), then the Rust check that the bindings both were compiled
# against match what the current library generates. See docs/bindings.md.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
start=$SECONDS

"$here/kotlin/run-tests.sh"
"$here/swift/run-tests.sh"

printf '\n== generated bindings match the library (Rust)\n'
cd "$here/.."
HAVEN_REQUIRE_GENERATED_BINDINGS=1 cargo test -p haven-ffi --test generated_bindings

printf '[time] all binding tests: %ss\n' "$((SECONDS - start))" >&2
