#!/usr/bin/env bash
# Tests the Kotlin bindings on a desktop JVM against the real library:
#   1. builds libhaven_ffi (debug) and the embedded uniffi-bindgen,
#   2. generates the Kotlin (library mode, JVM config) into target/generated-sources/uniffi,
#   3. runs the JUnit 5 tests with Maven (JNA finds the library through jna.library.path).
# With HAVEN_BENCH=1 it runs only the FFI benchmark (JUnit tag "benchmark") instead.
# Needs: cargo, a JDK 17+, Maven; Maven downloads its plugins and libraries on the first run.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"

step() { printf '\n== %s\n' "$*"; }
timed() {
    local label="$1"; shift
    local start=$SECONDS
    "$@"
    printf '[time] %s: %ss\n' "$label" "$((SECONDS - start))" >&2
}

target_dir="$(cargo metadata --format-version 1 --no-deps |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')"
lib="$target_dir/debug/libhaven_ffi.so"
out="$here/target/generated-sources/uniffi"

step "cargo build -p haven-ffi (cdylib)"
timed "cargo build haven-ffi" cargo build -p haven-ffi
step "cargo build -p uniffi-bindgen"
timed "cargo build uniffi-bindgen" cargo build -p uniffi-bindgen

step "generate Kotlin (JVM config) into $out"
rm -rf "$out"
timed "bindgen kotlin" "$target_dir/debug/uniffi-bindgen" generate "$lib" \
    --language kotlin --out-dir "$out" --no-format --config "$root/bindings/uniffi-jvm.toml"
# What the tests are compiled against, for bindings/tests/generated_bindings.rs.
(cd "$out" && find . -type f -name '*.kt' | LC_ALL=C sort | xargs sha256sum) >"$here/target/generated.sha256"

mvn_args=(-q -B -f "$here/pom.xml" "-Djna.library.path=$target_dir/debug")
if [[ "${HAVEN_BENCH:-0}" == 1 ]]; then
    mvn_args+=(-Dgroups=benchmark -DexcludedGroups=none)
fi
step "mvn test"
timed "mvn test" mvn "${mvn_args[@]}" test

# Surefire's counts, summed over the test classes.
python3 - "$here/target/surefire-reports" <<'PY'
import glob, re, sys
totals = [0, 0, 0, 0]
for path in glob.glob(sys.argv[1] + "/*.txt"):
    m = re.search(r"Tests run: (\d+), Failures: (\d+), Errors: (\d+), Skipped: (\d+)", open(path).read())
    if m:
        totals = [a + int(b) for a, b in zip(totals, m.groups())]
print("[kotlin] tests run: %d, failures: %d, errors: %d, skipped: %d" % tuple(totals))
PY
