#!/usr/bin/env bash
# Builds the fuzz targets (stable toolchain, no sanitizer) and runs each for a fixed number of
# executions from a seed corpus generated here. CI calls it with the default; run it by hand
# with a larger RUNS (or MAX_TIME seconds per target) for a longer campaign:
#   RUNS=20000 scripts/fuzz-smoke.sh            # CI
#   RUNS=-1 MAX_TIME=300 scripts/fuzz-smoke.sh  # five minutes per target
# Needs `cargo install cargo-fuzz`.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-20000}
MAX_TIME=${MAX_TIME:-0}
targets=(pack_read hsds_import query_normalize)

command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
(cd fuzz && cargo fuzz build --sanitizer none --release)

seeds=$(mktemp -d)
trap 'rm -rf "$seeds"' EXIT
mkdir -p "$seeds/pack_read" "$seeds/hsds_import" "$seeds/query_normalize"
cp core/packs/kz/kz.havenpack "$seeds/pack_read/bundled"
head -c 300 core/packs/kz/kz.havenpack >"$seeds/pack_read/truncated"
{ printf '\x00'; cat core/packs/kz/kz.hsds.json; } >"$seeds/hsds_import/json"
{
  printf '\x01'
  printf 'id,name_kk,name_ru,name_en,source,verified_on,verified\no1,А,Б,C,s,2026-01-10,true\n\xff'
  printf 'id,organization_id,name_en,service_types,status,confidential,source,verified_on,verified\ns1,o1,Shelter,shelter,active,true,s,2026-01-10,true\n\xff'
  printf 'id,organization_id,confidential,city_en,country,source,verified_on,verified\nl1,o1,true,Almaty,KZ,s,2026-01-10,true\n\xff'
  printf 'id,service_id,location_id\nx1,s1,l1\n\xff'
  printf 'id,service_id,number,type,source,verified_on,verified\np1,s1,+77000000009,voice,s,2026-01-10,true\n\xff'
  printf 'id,service_id,freq,byday,opens_at,closes_at,closes_next_day,source,verified_on,verified\nh1,s1,WEEKLY,"MO,TU",20:00,08:00,true,s,2026-01-10,true\n\xff'
  printf 'id,service_id,code\ng1,s1,kk\n'
} >"$seeds/hsds_import/csv"
printf 'Алматы almaty NEAR(a b) "x"* ^:()' >"$seeds/query_normalize/mixed"
printf 'Қарағанды Qarağandy Öskemen İstanbul' >"$seeds/query_normalize/kazakh"

bin=fuzz/target/x86_64-unknown-linux-gnu/release
status=0
for t in "${targets[@]}"; do
  mkdir -p "fuzz/corpus/$t" "fuzz/artifacts/$t"
  echo "== $t"
  set +e
  out=$("$bin/$t" "fuzz/corpus/$t" "$seeds/$t" -runs="$RUNS" -max_total_time="$MAX_TIME" -max_len=65536 \
    -artifact_prefix="fuzz/artifacts/$t/" -print_final_stats=1 2>&1)
  rc=$?
  set -e
  grep -E "stat::number_of_executed_units|stat::peak_rss_mb|cov:.*(DONE|INITED)" <<<"$out" | tail -3
  if [ "$rc" -ne 0 ]; then
    tail -40 <<<"$out" >&2
    echo "$t failed (exit $rc); artifacts in fuzz/artifacts/$t" >&2
    status=1
  fi
done
exit $status
