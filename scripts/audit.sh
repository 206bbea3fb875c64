#!/usr/bin/env bash
# Dependency audit with cargo-deny: licences, banned crates, sources, and security advisories.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v cargo-deny >/dev/null || cargo install --locked --quiet cargo-deny

cargo deny --locked check licenses bans sources

# The RustSec advisory database is fetched from GitHub. Machines that reach only the package
# registries (this project's CI) cannot fetch it: say so loudly instead of pretending.
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if cargo deny --locked check advisories >"$log" 2>&1; then
  echo "advisories: ok"
elif grep -qiE 'fetch|clone|network|resolve|connect|advisory database|failed to open' "$log" \
     && ! grep -qE 'error\[(vulnerability|unmaintained|unsound|yanked)\]' "$log"; then
  echo "WARNING: the RustSec advisory database could not be fetched from this machine;"
  echo "WARNING: security advisories were NOT checked here. Run 'scripts/audit.sh' where GitHub is reachable."
  tail -n 3 "$log"
else
  cat "$log"
  exit 1
fi
