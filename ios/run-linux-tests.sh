#!/usr/bin/env bash
# Tests the iOS app's logic layer (ios/HavenAppLogic) on Linux, against the real core:
# XCTest under Debian trixie's swiftlang in the bindings' chroot, plus the Info.plist and
# entitlements policy check (PlistPolicyTests, part of the same suite).
#
# Everything platform-specific is the bindings' script, reused rather than copied: it builds
# libhaven_ffi on the host, generates the Swift bindings into bindings/swift, creates or
# reuses the chroot (HAVEN_SWIFT_CHROOT, default /var/tmp/haven-swift-chroot), mounts what it
# needs, runs `swift test` in the packages listed in HAVEN_SWIFT_PACKAGES, and unmounts.
# Needs root (debootstrap, mount, chroot); CI runs as root on a fresh machine.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"

# Always a clean build: the bindings are regenerated on every run, and SwiftPM's incremental
# build was seen to keep test code compiled against the previous generated classes (a vtable
# mismatch that crashed at run time). A clean build of this package takes about 25 s.
rm -rf "$here/HavenAppLogic/.build"

HAVEN_SWIFT_PACKAGES="ios/HavenAppLogic" exec "$root/bindings/swift/run-tests.sh"
