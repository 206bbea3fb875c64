#!/usr/bin/env bash
# Builds the HavenCoreFFI XCFramework (device + simulator) and the generated Swift for the
# Swift package ios/HavenCorePackage (binaryTarget + Swift target).
#
#   bindings/scripts/build-ios.sh
#
# Output (generated, git-ignored):
#   ios/HavenCorePackage/HavenCoreFFI.xcframework   ios-arm64 and ios-arm64_x86_64-simulator
#   ios/HavenCorePackage/Sources/HavenCore/*.swift
#
# NOT RUN on the project's Linux machines: it needs macOS with Xcode (xcodebuild, lipo). The
# generated Swift itself IS compiled and tested on Linux (bindings/swift/run-tests.sh).
# Prerequisites:
#   - macOS with Xcode 16+ and its command line tools;
#   - rustup target add aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios.
# SQLCipher uses CommonCrypto on Apple (feature system-crypto): no OpenSSL is built.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
package="$root/ios/HavenCorePackage"
export IPHONEOS_DEPLOYMENT_TARGET="${IPHONEOS_DEPLOYMENT_TARGET:-16.0}"

[[ "$(uname)" == Darwin ]] || { echo "build-ios.sh needs macOS with Xcode" >&2; exit 1; }
target_dir="$(cargo metadata --format-version 1 --no-deps |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')"

# Release static libraries, WITHOUT the default `insecure-test-kdf` feature. Unstripped: the
# Swift is generated from the device library's symbol table (the app's own link strips).
for target in aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios; do
    CARGO_PROFILE_RELEASE_STRIP=false cargo build -p haven-ffi --release --locked \
        --target "$target" --no-default-features --features system-crypto
done

# One simulator library for both simulator architectures.
sim="$target_dir/ios-simulator"
mkdir -p "$sim"
lipo -create \
    "$target_dir/aarch64-apple-ios-sim/release/libhaven_ffi.a" \
    "$target_dir/x86_64-apple-ios/release/libhaven_ffi.a" \
    -output "$sim/libhaven_ffi.a"

# Swift sources, C headers and one modulemap (module HavenCoreFFI) for both crates, generated
# from the device library that ships.
cargo build -p uniffi-bindgen --locked
gen="$target_dir/uniffi-swift"
rm -rf "$gen"
"$target_dir/debug/uniffi-bindgen-swift" "$target_dir/aarch64-apple-ios/release/libhaven_ffi.a" "$gen" \
    --swift-sources --headers --modulemap \
    --module-name HavenCoreFFI --modulemap-filename module.modulemap
if grep -qE "newInsecureForTests|installPackTrustingTestKey" "$gen"/*.swift; then
    echo "the iOS bindings must not contain the test-only calls" >&2
    exit 1
fi
headers="$gen/headers"
mkdir -p "$headers"
mv "$gen"/*.h "$gen/module.modulemap" "$headers/"

rm -rf "$package/HavenCoreFFI.xcframework" "$package/Sources/HavenCore"
mkdir -p "$package/Sources/HavenCore"
xcodebuild -create-xcframework \
    -library "$target_dir/aarch64-apple-ios/release/libhaven_ffi.a" -headers "$headers" \
    -library "$sim/libhaven_ffi.a" -headers "$headers" \
    -output "$package/HavenCoreFFI.xcframework"
cp "$gen"/*.swift "$package/Sources/HavenCore/"

echo "XCFramework and Swift sources in $package"
