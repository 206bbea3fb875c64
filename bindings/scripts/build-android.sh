#!/usr/bin/env bash
# Builds libhaven_ffi.so for Android and generates the Kotlin bindings the Android module uses.
#
#   bindings/scripts/build-android.sh            # release build of the three ABIs
#
# Output:
#   android/core/src/main/jniLibs/{arm64-v8a,armeabi-v7a,x86_64}/libhaven_ffi.so
#   android/core/src/main/java/org/haven/core/haven_ffi.kt            (package org.haven.core)
#   android/core/src/main/java/org/haven/core/model/haven_core.kt     (package org.haven.core.model)
# Both are generated, git-ignored, and must come from the same commit: run this script in the
# build before Gradle (e.g. from a Gradle Exec task), never commit its output.
#
# NOT RUN on the project's Linux machines: they have no Android NDK (see docs/bindings.md).
# Prerequisites:
#   - Android NDK r27 or newer, ANDROID_NDK_HOME pointing at it (cargo-ndk finds it there);
#   - rustup target add aarch64-linux-android armv7-linux-androideabi x86_64-linux-android;
#   - cargo install cargo-ndk (3.x);
#   - perl and make (OpenSSL is built from source: feature vendored-crypto);
#   - the app depends on JNA's Android build: implementation("net.java.dev.jna:jna:5.19.1@aar").
# Environment: HAVEN_ANDROID_MODULE (default android/core), ANDROID_MIN_SDK (default 26).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
module="${HAVEN_ANDROID_MODULE:-$root/android/core}"
jni_libs="$module/src/main/jniLibs"
kotlin_out="$module/src/main/java"
min_sdk="${ANDROID_MIN_SDK:-26}"

command -v cargo-ndk >/dev/null || { echo "cargo-ndk missing: cargo install cargo-ndk" >&2; exit 1; }
[[ -n "${ANDROID_NDK_HOME:-}" ]] || { echo "ANDROID_NDK_HOME is not set" >&2; exit 1; }

# 16 KB page alignment (required for apps targeting Android 15+ on 64-bit devices).
export CARGO_TARGET_AARCH64_LINUX_ANDROID_RUSTFLAGS="-C link-arg=-Wl,-z,max-page-size=16384"
export CARGO_TARGET_X86_64_LINUX_ANDROID_RUSTFLAGS="-C link-arg=-Wl,-z,max-page-size=16384"

# Release, OpenSSL built from source (Android has no public libcrypto), and WITHOUT the default
# `insecure-test-kdf` feature: Haven.newInsecureForTests does not exist in the app's library.
# Built unstripped: uniffi 0.32.2 reads its metadata from the ELF symbol table, and the Kotlin
# is generated from the very library that ships; the symbols are stripped right after.
rm -rf "$jni_libs"
CARGO_PROFILE_RELEASE_STRIP=false \
    cargo ndk --platform "$min_sdk" -t arm64-v8a -t armeabi-v7a -t x86_64 -o "$jni_libs" \
    build -p haven-ffi --release --locked --no-default-features --features vendored-crypto

# The Kotlin, with the Android configuration (bindings/uniffi.toml and core/uniffi.toml:
# android = true, android_cleaner = true), from the arm64 library.
cargo build -p uniffi-bindgen --locked
target_dir="$(cargo metadata --format-version 1 --no-deps |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')"
rm -f "$kotlin_out/org/haven/core/haven_ffi.kt" "$kotlin_out/org/haven/core/model/haven_core.kt"
"$target_dir/debug/uniffi-bindgen" generate "$jni_libs/arm64-v8a/libhaven_ffi.so" \
    --language kotlin --out-dir "$kotlin_out" --no-format
if grep -qE "newInsecureForTests|installPackTrustingTestKey" "$kotlin_out/org/haven/core/haven_ffi.kt"; then
    echo "the Android bindings must not contain the test-only calls" >&2
    exit 1
fi

# Now strip (the release profile's `strip = true`, done by hand).
llvm_strip="$(find "$ANDROID_NDK_HOME/toolchains/llvm/prebuilt" -name llvm-strip -type f | head -n 1)"
[[ -x "$llvm_strip" ]] || { echo "llvm-strip not found in the NDK" >&2; exit 1; }
for so in "$jni_libs"/*/libhaven_ffi.so; do
    "$llvm_strip" --strip-all "$so"
done

ls -l "$jni_libs"/*/libhaven_ffi.so
echo "Kotlin bindings in $kotlin_out/org/haven/core/"
