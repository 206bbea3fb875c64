#!/usr/bin/env bash
# Compiles the generated Swift bindings and runs the XCTest suite on Linux, against the library
# built on this host, with Debian trixie's `swiftlang` (Swift 6.0.3) in a chroot:
#   1. builds libhaven_ffi (debug) and the embedded uniffi-bindgen-swift,
#   2. generates the Swift sources, the C headers and one modulemap into the SwiftPM package
#      (Sources/HavenCore/*.swift, Sources/HavenCoreFFI/): nothing generated is committed,
#   3. creates the chroot with debootstrap (or reuses it: marker files), installs swiftlang,
#   4. bind-mounts /proc, /dev, /dev/pts and the repository, copies the library in, and runs
#      `swift test` (in bindings/swift, or in each package of HAVEN_SWIFT_PACKAGES, paths
#      relative to the repository); everything mounted is unmounted on exit, whatever happens.
# Needs root (debootstrap, mount, chroot) and Debian's mirror; CI runs as root.
# HAVEN_SWIFT_CHROOT overrides where the chroot lives (default /var/tmp/haven-swift-chroot).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"

chroot_dir="${HAVEN_SWIFT_CHROOT:-/var/tmp/haven-swift-chroot}"
base_marker="$chroot_dir/.haven-debootstrap-done"
marker="$chroot_dir/.haven-swift-ready"
# Installed in the chroot. libssl-dev: the Swift test protector's AES-256-GCM (OpenSSL's EVP)
# and the library's own libcrypto.so.3.
packages="swiftlang libc6-dev libssl3t64 libssl-dev"
mirror="http://deb.debian.org/debian"

step() { printf '\n== %s\n' "$*"; }
timed() {
    local label="$1"; shift
    local start=$SECONDS
    "$@"
    printf '[time] %s: %ss\n' "$label" "$((SECONDS - start))" >&2
}

if [[ $EUID -ne 0 ]]; then
    echo "bindings/swift/run-tests.sh needs root (debootstrap, mount, chroot)" >&2
    exit 1
fi

target_dir="$(cargo metadata --format-version 1 --no-deps |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')"
lib="$target_dir/debug/libhaven_ffi.so"

step "cargo build -p haven-ffi (cdylib)"
timed "cargo build haven-ffi" cargo build -p haven-ffi
step "cargo build -p uniffi-bindgen"
timed "cargo build uniffi-bindgen" cargo build -p uniffi-bindgen

step "generate Swift into the package"
gen="$here/.generated"
rm -rf "$gen"
timed "bindgen swift" "$target_dir/debug/uniffi-bindgen-swift" "$lib" "$gen" \
    --swift-sources --headers --modulemap \
    --module-name HavenCoreFFI --modulemap-filename module.modulemap
rm -f "$here"/Sources/HavenCore/*.swift "$here"/Sources/HavenCoreFFI/*.h "$here"/Sources/HavenCoreFFI/module.modulemap
mkdir -p "$here/Sources/HavenCore" "$here/Sources/HavenCoreFFI"
mv "$gen"/*.swift "$here/Sources/HavenCore/"
mv "$gen"/*.h "$gen/module.modulemap" "$here/Sources/HavenCoreFFI/"
rmdir "$gen"
# What the tests are compiled against, for bindings/tests/generated_bindings.rs.
(cd "$here/Sources" && find . -type f \( -name '*.swift' -o -name '*.h' -o -name '*.modulemap' \) |
    LC_ALL=C sort | xargs sha256sum) >"$here/.generated.sha256.new"
# New bindings: build from scratch. SwiftPM's incremental build was seen to keep code compiled
# against the previous generated classes (a vtable mismatch that crashed at run time).
if ! cmp -s "$here/.generated.sha256.new" "$here/.generated.sha256"; then
    rm -rf "$here/.build"
fi
mv "$here/.generated.sha256.new" "$here/.generated.sha256"

mounted=()
cleanup() {
    local status=$?
    # Unmount in reverse order; lazily if something still holds a mount.
    for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
        umount "${mounted[i]}" 2>/dev/null || umount -l "${mounted[i]}" || true
    done
    exit "$status"
}
trap cleanup EXIT INT TERM

mount_into() { # mount_into <mount args...> <target>
    local target="${*: -1}"
    mkdir -p "$target"
    mount "$@"
    mounted+=("$target")
}

# One run at a time per chroot: several worktrees of this repository may test at once on one
# machine, and each run bind-mounts its own checkout at the same place in the chroot.
exec 9>"$chroot_dir.lock"
flock 9

if [[ ! -f "$base_marker" ]]; then
    step "create the Debian trixie chroot at $chroot_dir"
    if ! command -v debootstrap >/dev/null; then
        timed "apt-get install debootstrap" bash -c \
            'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null'
    fi
    # A half-made chroot from an interrupted run is removed, but never with anything mounted in
    # it (a bind mount of the repository would be deleted with it).
    if grep -qF " $chroot_dir/" /proc/mounts; then
        echo "something is still mounted under $chroot_dir; unmount it first" >&2
        exit 1
    fi
    rm -rf --one-file-system "$chroot_dir"
    timed "debootstrap" debootstrap --variant=minbase trixie "$chroot_dir" "$mirror" >/dev/null
    touch "$base_marker"
fi

mount_into -t proc proc "$chroot_dir/proc"
mount_into --bind /dev "$chroot_dir/dev"
mount_into --bind /dev/pts "$chroot_dir/dev/pts"

# The marker records what was installed: a changed package list installs again.
if [[ "$(cat "$marker" 2>/dev/null)" != "$packages" ]]; then
    step "install $packages in the chroot"
    timed "apt-get install swiftlang" chroot "$chroot_dir" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
        DEBIAN_FRONTEND=noninteractive bash -c \
        "apt-get update -qq && apt-get install -y -qq --no-install-recommends $packages >/dev/null"
    echo "$packages" >"$marker"
fi

# The repository, and the library where Package.swift expects it (HAVEN_FFI_LIB_DIR).
mount_into --bind "$root" "$chroot_dir/haven/repo"
mkdir -p "$chroot_dir/haven/lib"
cp "$lib" "$chroot_dir/haven/lib/"

# The SwiftPM packages to test, relative to the repository: these bindings by default;
# ios/run-linux-tests.sh passes the iOS app's logic layer (which depends on this package).
for package in ${HAVEN_SWIFT_PACKAGES:-bindings/swift}; do
    step "swift test in $package (in the chroot)"
    timed "swift test $package" chroot "$chroot_dir" env -i PATH=/usr/bin:/bin HOME=/root \
        HAVEN_FFI_LIB_DIR=/haven/lib bash -c \
        'cd "/haven/repo/$1" && swift test 2>&1 | tee /tmp/swift-test.log; exit ${PIPESTATUS[0]}' _ "$package"
    grep -E "Executed [0-9]+ tests" "$chroot_dir/tmp/swift-test.log" | tail -1 | sed "s|^|[swift $package] |"
done
