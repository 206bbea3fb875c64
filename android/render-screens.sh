#!/usr/bin/env bash
# Renders every screen and dialog of the app (ScreensTest: Robolectric native graphics, a small
# 360 × 640 dp phone and a large 411 × 891 dp one, Kazakh, Russian and English, plus the dark theme
# once) into docs/screens/android/<size>/<lang>/<screen>.png — the small phone at full scrolling
# length, the large one as its first screen — checking each rendering for clipped text, small
# touch targets, missing labels and low contrast.
#
# Run on its own after android/run-jvm-tests.sh has built the core and generated the bindings
# (it reuses them), or with HAVEN_RENDER_FULL=1 to run the whole of run-jvm-tests.sh first.
# The PNGs are committed: look at them after a change to a screen.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
out="$root/docs/screens/android"

if [[ "${HAVEN_RENDER_FULL:-0}" == 1 || ! -d "$here/jvm-test/target/generated-sources/uniffi" ]]; then
    "$here/run-jvm-tests.sh"
fi

target_dir="$(cd "$root" && cargo metadata --format-version 1 --no-deps |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')"

rm -rf "$out"
mkdir -p "$out"
mvn_args=(-B -ntp -f "$here/jvm-test/pom.xml" "-Dhaven.lib.dir=$target_dir/debug" "-Dhaven.screens.dir=$out" -Dtest=ScreensTest)
if [[ "${HAVEN_MAVEN_OFFLINE:-0}" == 1 ]]; then
    mvn_args+=(-o)
fi
mvn "${mvn_args[@]}" test
# Keep the committed PNGs small: a 256-colour palette (pngquant, Debian package "pngquant")
# makes them about 4x smaller with no visible change to text.
if command -v pngquant > /dev/null; then
    find "$out" -name '*.png' -print0 | xargs -0 pngquant --quality 60-90 --speed 1 --strip --force --ext .png
else
    echo "pngquant not found: PNGs left uncompressed (apt-get install pngquant)" >&2
fi
printf '%s PNGs in %s (%s)\n' "$(find "$out" -name '*.png' | wc -l)" "$out" "$(du -sh "$out" | cut -f1)"
