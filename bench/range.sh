#!/usr/bin/env bash
# The range benchmark of issue 14: MONTHS province-months of N synthetic visit rows each (plus the other datasets),
# run one after the other into one home with `run`, then `report --from --to` over all of them, timed from start-up
# to exit with its peak heap (GC log) and max RSS. The range is computed in SQL from the months' stored facts, so its
# time should follow the facts in PostgreSQL, not the heap. See bench/README.md.
#
#   bench/range.sh [--months 12] [--rows 2000000] [--province 440000] [--first 2024-03] [--xmx 384m] [--jar PATH] [--keep]
#
# Needs JDK 17 and a built jar (mvn -B -q package -DskipTests).
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
MONTHS=12
ROWS=2000000
PROVINCE=440000
FIRST=2024-03
XMX=384m
JAR="$ROOT/target/provincial-reporting.jar"
KEEP=0
while [ $# -gt 0 ]; do
    case "$1" in
        --months) MONTHS=$2; shift 2 ;;
        --rows) ROWS=$2; shift 2 ;;
        --province) PROVINCE=$2; shift 2 ;;
        --first) FIRST=$2; shift 2 ;;
        --xmx) XMX=$2; shift 2 ;;
        --jar) JAR=$2; shift 2 ;;
        --keep) KEEP=1; shift ;;
        -h|--help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown argument: $1" >&2; exit 2 ;;
    esac
done
[ -f "$JAR" ] || { echo "no jar at $JAR: build it with mvn -B -q package -DskipTests" >&2; exit 2; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/provincial-range.XXXXXX")
cleanup() { if [ "$KEEP" = 1 ]; then echo "kept: $WORK"; else rm -rf "$WORK"; fi; }
trap cleanup EXIT
cp "$JAR" "$WORK/app.jar"
(cd "$WORK" && jar xf app.jar BOOT-INF/classes/reference/regions.csv \
    BOOT-INF/classes/org/provincial/reporting/privacy BOOT-INF/classes/org/provincial/reporting/ingest/validate)
REGIONS="$WORK/BOOT-INF/classes/reference/regions.csv"
HOME_DIR="$WORK/home"
export REPORTING_HOME="$HOME_DIR"

month_of() { date -u -d "$FIRST-01 +$1 month" +%Y-%m; }
LAST=$(month_of $((MONTHS - 1)))
echo "range benchmark in $WORK: $MONTHS months $FIRST..$LAST of $ROWS visit rows, province $PROVINCE, -Xmx$XMX"
echo "jar $(sha256sum "$WORK/app.jar" | cut -c1-12) of $(date -r "$JAR" '+%F %T'); cpus $(nproc), load $(cut -d' ' -f1-3 /proc/loadavg)"

for i in $(seq 0 $((MONTHS - 1))); do
    period=$(month_of "$i")
    source="$WORK/source-$period"
    # a seed per month: each month has persons of its own as well as persons seen before
    java -Xmx1g -cp "$WORK/BOOT-INF/classes" "$BENCH_DIR/Generate.java" --regions "$REGIONS" --province "$PROVINCE" \
        --period "$period" --rows "$ROWS" --format csv --seed $((20250131 + i % 3)) --source "$source" --floor "$WORK/floor-$period" \
        > "$WORK/generate-$period.log"
    started=$(date +%s%N)
    java "-Xmx$XMX" -jar "$WORK/app.jar" run --province "$PROVINCE" --period "$period" --source "$source" \
        --out "$WORK/out" --home "$HOME_DIR" > "$WORK/run-$period.log" 2>&1 \
        || { echo "run of $period failed:"; tail -20 "$WORK/run-$period.log"; exit 1; }
    ended=$(date +%s%N)
    echo "month $period: run $(awk -v a="$started" -v b="$ended" 'BEGIN { printf "%.1f", (b - a) / 1e9 }') s"
    rm -rf "$source" "$WORK/floor-$period"
done

TIME_CMD=()
if [ -x /usr/bin/time ] && /usr/bin/time -v true >/dev/null 2>&1; then TIME_CMD=(/usr/bin/time -v -o "$WORK/range-time.txt"); fi
started=$(date +%s%N)
${TIME_CMD[@]+"${TIME_CMD[@]}"} java "-Xmx$XMX" "-Xlog:gc,gc+heap+exit:file=$WORK/range-gc.log:uptime" -jar "$WORK/app.jar" \
    report --province "$PROVINCE" --from "$FIRST" --to "$LAST" --out "$WORK/out" --home "$HOME_DIR" > "$WORK/range.log" 2>&1 \
    || { echo "report failed:"; tail -20 "$WORK/range.log"; exit 1; }
ended=$(date +%s%N)
peak=$({ grep -oE '[0-9]+[KMG]->[0-9]+[KMG]\(' "$WORK/range-gc.log" | sed -E 's/->.*//'
         grep -oE 'heap +total [0-9]+[KMG], used [0-9]+[KMG]' "$WORK/range-gc.log" | sed -E 's/.*used //'; } \
       | awk '/K$/ { v = $0 / 1024 } /M$/ { v = $0 + 0 } /G$/ { v = $0 * 1024 } { if (v > max) max = v } END { printf "%.0f", max }')
rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$WORK/range-time.txt" 2>/dev/null || echo n/a)
facts=$(grep -E 'facts|rows' "$WORK/range.log" | tail -3 || true)
echo "range report $FIRST..$LAST: $(awk -v a="$started" -v b="$ended" 'BEGIN { printf "%.1f", (b - a) / 1e9 }') s (start-up included), peak heap ${peak} MiB, max RSS ${rss} MiB"
sed 's/^/   /' "$WORK/range.log" | tail -15
ls -la "$WORK/out"/provincial-totals-"$PROVINCE"-"$FIRST"_"$LAST".xlsx
