#!/usr/bin/env bash
# Compiles every Kotlin source of the Android app against the Android framework jar
# (org.robolectric:android-all, API 35) and runs its JUnit 4 + Robolectric tests on a desktop JVM,
# with the real Rust core loaded through JNA.
#
#   1. builds libhaven_ffi (debug; default features: system libcrypto + the test-only fast KDF
#      constructor) and the embedded uniffi-bindgen,
#   2. generates the Kotlin bindings with the APP's configuration (Android flavour,
#      android_cleaner) into jvm-test/target/generated-sources/uniffi — the same code the APK
#      compiles — and
#   3. runs Maven (jvm-test/pom.xml): kotlin-maven-plugin compiles app/src/main/kotlin + the
#      bindings + app/src/test/kotlin; Surefire runs the tests; Robolectric's instrumented
#      framework jar is fetched as an ordinary Maven artifact and used offline.
#
# Needs: cargo (Rust 1.95), libssl-dev, a JDK 17, Maven. Maven downloads what it needs on the
# first run (~300 MB, mostly android-all and android-all-instrumented); later runs pass -o when
# HAVEN_MAVEN_OFFLINE=1. No Android SDK, NDK or Gradle is needed.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
cd "$root"

step() { printf '\n== %s\n' "$*"; }
timed() {
    local label="$1"; shift
    local start=$SECONDS
    "$@"
    printf '[time] %s: %ss\n' "$label" "$((SECONDS - start))"
}

target_dir="$(cargo metadata --format-version 1 --no-deps |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')"
lib="$target_dir/debug/libhaven_ffi.so"
out="$here/jvm-test/target/generated-sources/uniffi"

step "cargo build -p haven-ffi"
timed "cargo build haven-ffi" cargo build -p haven-ffi
step "cargo build -p uniffi-bindgen"
timed "cargo build uniffi-bindgen" cargo build -p uniffi-bindgen

step "generate Kotlin bindings (the app's Android configuration) into $out"
rm -rf "$out"
timed "bindgen kotlin" "$target_dir/debug/uniffi-bindgen" generate "$lib" \
    --language kotlin --out-dir "$out" --no-format

mvn_args=(-B -ntp -f "$here/jvm-test/pom.xml" "-Dhaven.lib.dir=$target_dir/debug")
if [[ "${HAVEN_MAVEN_OFFLINE:-0}" == 1 ]]; then
    mvn_args+=(-o)
fi

# Compiled classes of sources that no longer exist would otherwise linger and run.
rm -rf "$here/jvm-test/target/classes" "$here/jvm-test/target/test-classes"

step "mvn test (compile all app Kotlin against android-all; JUnit + Robolectric)"
timed "mvn test" mvn "${mvn_args[@]}" test
