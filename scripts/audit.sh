#!/usr/bin/env bash
# Dependency audit with cargo-deny: licences, banned crates, sources, and security advisories.
#
# Advisories are checked for real against the RustSec database. The machines this project
# builds on reach crates.io but not GitHub, so the database comes from the offline snapshot in
# ../shared/advisory-db/advisory-db.bundle (a git bundle; HAVEN_ADVISORY_DB_BUNDLE overrides
# the path). Where no snapshot is present, cargo-deny fetches the database itself; if it cannot,
# the audit fails: an advisory check that did not run is never reported as passed.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v cargo-deny >/dev/null || cargo install --locked --quiet cargo-deny

cargo deny --locked check licenses bans sources

bundle="${HAVEN_ADVISORY_DB_BUNDLE:-../shared/advisory-db/advisory-db.bundle}"
if [ -f "$bundle" ]; then
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  # cargo-deny looks for the default database under this exact name inside db-path.
  db="$work/advisory-db-3157b0e258782691"
  git -c advice.detachedHead=false clone --quiet "$bundle" "$db"
  echo "advisories: RustSec snapshot $(git -C "$db" log -1 --format='%h of %cd' --date=short)"
  # deny.toml with the snapshot as the database.
  sed "s|^\[advisories\]|[advisories]\ndb-path = \"$work\"|" deny.toml >"$work/deny.toml"
  cargo deny --offline --locked --config "$work/deny.toml" check advisories
else
  echo "advisories: no offline snapshot at $bundle; fetching the RustSec database"
  cargo deny --locked check advisories
fi
echo "advisories: ok"
