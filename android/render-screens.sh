#!/usr/bin/env bash
# Renders every screen and dialog of the app (ScreensTest: Robolectric native graphics, a small
# 360 × 640 dp phone and a large 411 × 891 dp one, Kazakh, Russian and English, plus the dark theme
# once) into docs/screens/android/<size>/<lang>/<screen>.png, checking each rendering for clipped
# text, small touch targets, missing labels and low contrast.
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
printf '%s PNGs in %s (%s)\n' "$(find "$out" -name '*.png' | wc -l)" "$out" "$(du -sh "$out" | cut -f1)"
