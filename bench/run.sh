#!/usr/bin/env bash
# The benchmark of issue 6: one province-month of N synthetic visit rows (plus the other datasets) through
# `java -jar target/provincial-reporting.jar run`, timed from start-up to exit with peak heap and max RSS, next to
# the floor — the same PostgreSQL just COPYing, deduplicating and totalling the same rows. See bench/README.md.
#
#   bench/run.sh [options] [N …]          N: rows of visits, e.g. 200000, 500k, 2m (default 500000)
#
#   --format csv|xlsx|csv,xlsx   visits files as CSV (UTF-8 / UTF-8 BOM / GBK) or xlsx, or both in turn (default csv)
#   --province CODE              default 440000
#   --period YYYY-MM             default 2025-01
#   --xmx SIZE                   heap limit of the pipeline's JVM (default 384m)
#   --jar PATH                   default target/provincial-reporting.jar (built with `mvn -B -q package -DskipTests`
#                                when missing)
#   --seed N                     seed of the generator (default 20250131)
#   --no-floor                   skip the floor
#   --keep                       keep the generated files, homes and logs (the directory is printed)
#
# Needs JDK 17 (java, jar) and, to build the jar, Maven. GNU time (/usr/bin/time) is used for max RSS when present.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
PROVINCE=440000
PERIOD=2025-01
FORMATS=csv
XMX=384m
JAR="$ROOT/target/provincial-reporting.jar"
SEED=20250131
FLOOR=1
KEEP=0
SIZES=()

usage() {
    sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'
    exit "${1:-0}"
}

while [ $# -gt 0 ]; do
    case "$1" in
        --format) FORMATS=$2; shift 2 ;;
        --province) PROVINCE=$2; shift 2 ;;
        --period) PERIOD=$2; shift 2 ;;
        --xmx) XMX=$2; shift 2 ;;
        --jar) JAR=$2; shift 2 ;;
        --seed) SEED=$2; shift 2 ;;
        --no-floor) FLOOR=0; shift ;;
        --keep) KEEP=1; shift ;;
        -h|--help) usage 0 ;;
        [0-9]*)
            n=$(echo "$1" | tr 'KM' 'km')
            case "$n" in
                *k) n=$(( ${n%k} * 1000 )) ;;
                *m) n=$(( ${n%m} * 1000000 )) ;;
            esac
            [[ "$n" =~ ^[0-9]+$ ]] || { echo "not a row count: $1" >&2; usage 2; }
            SIZES+=("$n"); shift ;;
        *) echo "unknown argument: $1" >&2; usage 2 ;;
    esac
done
[ ${#SIZES[@]} -gt 0 ] || SIZES=(500000)
IFS=',' read -r -a FORMAT_LIST <<< "$FORMATS"
for format in "${FORMAT_LIST[@]}"; do
    case "$format" in csv|xlsx) ;; *) echo "--format is csv, xlsx or csv,xlsx" >&2; exit 2 ;; esac
done

command -v java >/dev/null || { echo "java (JDK 17) is needed" >&2; exit 2; }
command -v jar >/dev/null || { echo "the JDK's jar tool is needed" >&2; exit 2; }
if [ ! -f "$JAR" ]; then
    echo "building $JAR …"
    (cd "$ROOT" && mvn -B -q package -DskipTests)
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/provincial-bench.XXXXXX")
PG_BIN=""
PG_DATA=""
PG_RUN=()
if [ "$(id -u)" = 0 ]; then
    PG_RUN=(unshare -Uu) # PostgreSQL refuses to run as root; zonky's embedded server runs the same way
fi

stop_floor_server() {
    if [ -n "$PG_DATA" ] && [ -f "$PG_DATA/postmaster.pid" ]; then
        ${PG_RUN[@]+"${PG_RUN[@]}"} "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null 2>&1 || true
    fi
    PG_DATA=""
}

cleanup() {
    stop_floor_server
    local pid_file pid i
    for pid_file in "$WORK"/run-*/home/pgdata/postmaster.pid; do # an embedded server its JVM did not stop
        [ -f "$pid_file" ] || continue
        pid=$(head -1 "$pid_file")
        if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
            kill -INT "$pid" 2>/dev/null || true
            for i in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
        fi
    done
    if [ "$KEEP" = 1 ]; then
        echo "kept: $WORK"
    else
        rm -rf "$WORK"
    fi
}
RUN_PID=""
interrupted() {
    if [ -n "$RUN_PID" ]; then # the pipeline's JVM (under GNU time, its child) ignores SIGINT when run in the background
        local pids alive i pid
        pids="$RUN_PID $(ps -o pid= --ppid "$RUN_PID" 2>/dev/null | tr '\n' ' ')"
        kill $pids 2>/dev/null || true
        for i in $(seq 1 120); do # the JVM stops its embedded PostgreSQL on the way out
            alive=0
            for pid in $pids; do
                if kill -0 "$pid" 2>/dev/null; then alive=1; fi
            done
            [ "$alive" = 1 ] || break
            sleep 0.5
        done
    fi
    exit 130
}
trap cleanup EXIT
trap interrupted INT TERM

# The jar is copied, so a rebuild during the benchmark does not change what is measured; the regions, the classes
# the generator takes the check characters from and the PostgreSQL driver come from it.
cp "$JAR" "$WORK/app.jar"
(cd "$WORK" && jar xf app.jar BOOT-INF/classes/reference/regions.csv \
    BOOT-INF/classes/org/provincial/reporting/privacy BOOT-INF/classes/org/provincial/reporting/ingest/validate \
    $(jar tf app.jar | grep -E '^BOOT-INF/lib/postgresql-[0-9.]+\.jar$'))
REGIONS="$WORK/BOOT-INF/classes/reference/regions.csv"
JAR_NOTE="$(sha256sum "$WORK/app.jar" 2>/dev/null | cut -c1-12 || echo '?') of $(date -r "$JAR" '+%F %T' 2>/dev/null || echo '?')"
if GIT_HEAD=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null); then
    [ -z "$(git -C "$ROOT" status --porcelain --untracked-files=no -- src pom.xml 2>/dev/null)" ] || GIT_HEAD="$GIT_HEAD + local changes"
    JAR_NOTE="$JAR_NOTE, tree at $GIT_HEAD"
fi
DRIVER_DIR="$WORK/BOOT-INF/lib"

# the zonky binaries the embedded server runs from, of the data directory's major version
find_pg_bin() {
    local version=$1 dir
    for dir in "${TMPDIR:-/tmp}"/embedded-pg/PG-*/bin /tmp/embedded-pg/PG-*/bin; do
        [ -x "$dir/pg_ctl" ] || continue
        if "$dir/postgres" --version 2>/dev/null | grep -qE "PostgreSQL\) $version\."; then
            echo "$dir"
            return 0
        fi
    done
    return 1
}

free_port() {
    local port i
    for i in $(seq 1 100); do
        port=$(( 20000 + RANDOM % 40000 ))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return 0
        fi
    done
    return 1
}

# peak heap (MiB) from the GC log: the largest heap occupancy before a collection or at exit
peak_heap() {
    local log=$1
    [ -f "$log" ] || { echo "n/a"; return; }
    {
        grep -oE '[0-9]+[KMG]->[0-9]+[KMG]\(' "$log" | sed -E 's/->.*//'
        grep -oE 'heap +total [0-9]+[KMG], used [0-9]+[KMG]' "$log" | sed -E 's/.*used //'
    } | to_mib_max
}

# the largest heap occupancy right after a collection (an upper bound of what the run kept alive)
live_heap() {
    local log=$1
    [ -f "$log" ] || { echo "n/a"; return; }
    grep -oE '[0-9]+[KMG]->[0-9]+[KMG]\(' "$log" | sed -E 's/.*->//; s/\($//' | to_mib_max
}

to_mib_max() {
    awk '
        /K$/ { v = $0 + 0; v /= 1024 }
        /M$/ { v = $0 + 0 }
        /G$/ { v = $0 * 1024 }
        { if (v > max) max = v }
        END { if (max > 0) printf "%.0f", max; else printf "n/a" }'
}

system_note() {
    local others
    others=$(ps -eo pid=,args= | grep -E '(^| )[^ ]*java ' | grep -v -e "$WORK" -e grep | wc -l)
    echo "cpus $(nproc 2>/dev/null || echo ?), load $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo ?), other java processes $others"
}

# Every half second while the pipeline runs: the time, the machine's busy CPU ticks (/proc/stat: user, nice, system,
# irq, softirq, steal), the JVM's own ticks and its embedded PostgreSQL's (the postmaster, the children it reaped and
# the backends alive), for cpu_by_step.
sample_cpu() {
    local run_pid=$1 pgdata=$2 out=$3 jvm="" postmaster
    while kill -0 "$run_pid" 2>/dev/null; do
        [ -n "$jvm" ] || jvm=$(if [ "$(cat "/proc/$run_pid/comm" 2>/dev/null)" = java ]; then echo "$run_pid";
                               else pgrep -P "$run_pid" -x java | head -1; fi)
        postmaster=$(head -1 "$pgdata/postmaster.pid" 2>/dev/null || true)
        awk -v now="$(date +%s.%N)" -v jvm="${jvm:-0}" -v pm="${postmaster:-0}" '
            FILENAME == "/proc/stat" && $1 == "cpu" { machine = $2 + $3 + $4 + $7 + $8 + $9 }
            FILENAME ~ /^\/proc\/[0-9]+\/stat$/ {
                split(FILENAME, path, "/")
                if (path[3] == jvm) java = $14 + $15
                else if (path[3] == pm) pg += $14 + $15 + $16 + $17
                else pg += $14 + $15
            }
            END { printf "%s %d %d %d\n", now, machine, java, pg }' \
            /proc/stat ${jvm:+"/proc/$jvm/stat"} ${postmaster:+"/proc/$postmaster/stat"} \
            $( [ -n "$postmaster" ] && pgrep -P "$postmaster" | sed 's|.*|/proc/&/stat|' ) 2>/dev/null >> "$out" || true
        sleep 0.5
    done
}

# CPU-seconds of each step (from Spring Batch's step lines in the log file, to the millisecond) and of start-up and shut-down: the machine's, the
# JVM's and PostgreSQL's; on a machine doing nothing else the machine's is the JVM's plus PostgreSQL's.
cpu_by_step() {
    local samples=$1 log=$2 started=$3 ended=$4 hz
    hz=$(getconf CLK_TCK)
    {
        echo "start $started"
        grep -E 'Executing step: \[|Step: \[.*\] executed in' "$log" | while read -r line; do
            stamp=$(echo "$line" | grep -oE '^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:.]+' || true)
            [ -n "$stamp" ] || continue
            name=$(echo "$line" | grep -oE 'step: \[[^]]*\]|Step: \[[^]]*\]' | sed -E 's/.*\[(.*)\]/\1/')
            kind=begin; case "$line" in *"executed in"*) kind=end ;; esac
            echo "$kind $(date -d "$stamp" +%s.%N) $name"
        done
        echo "exit $ended"
    } | awk -v hz="$hz" -v samples="$samples" '
        BEGIN {
            # the PostgreSQL count falls to 0 once the JVM stopped the server: it keeps its last value from then on
            while ((getline line < samples) > 0) {
                split(line, f, " "); n++; t[n] = f[1]; m[n] = f[2]; j[n] = f[3]; p[n] = f[4]
                if (n > 1 && p[n] < p[n - 1]) p[n] = p[n - 1]
                if (n > 1 && j[n] < j[n - 1]) j[n] = j[n - 1]
            }
        }
        function at(time,   i) { for (i = 1; i < n && t[i + 1] <= time; i++); return i }
        # the interval since the last event, under the steps running in it (the report and feedback steps overlap)
        function close_interval(time,   a, b, label, name) {
            label = ""
            for (name in running) label = label (label == "" ? "" : "+") name
            if (label == "") label = (seen ? "between steps, shut-down" : "start-up")
            if (!(label in wall)) order[++labels] = label
            a = at(last); b = at(time)
            wall[label] += time - last; machine[label] += m[b] - m[a]; jvm[label] += j[b] - j[a]; pg[label] += p[b] - p[a]
            last = time
        }
        $1 == "start" { start = $2; last = $2; next }
        # a partition counts as its partitioned step: "deduplicate" with both cores busy, not each combination
        $1 == "begin" { close_interval($2); sub(/:partition[0-9]+$/, "", $3); running[$3]++; seen = 1; next }
        $1 == "end" { close_interval($2); sub(/:partition[0-9]+$/, "", $3); if (--running[$3] <= 0) delete running[$3]; next }
        $1 == "exit" {
            close_interval($2)
            order[++labels] = "whole run"; a = at(start); b = at($2)
            wall["whole run"] = $2 - start; machine["whole run"] = m[b] - m[a]; jvm["whole run"] = j[b] - j[a]; pg["whole run"] = p[b] - p[a]
            for (i = 1; i <= labels; i++) {
                label = order[i]
                printf "   cpu %-26s %7.1f s wall %7.1f CPU-s: JVM %6.1f, PostgreSQL %6.1f, other %5.1f\n", label, wall[label],
                    machine[label] / hz, jvm[label] / hz, pg[label] / hz, (machine[label] - jvm[label] - pg[label]) / hz
            }
        }'
}

RESULTS=()
START_NOTE=$(system_note)
echo "benchmark in $WORK ($START_NOTE)"
echo "jar $JAR_NOTE"

for N in "${SIZES[@]}"; do
    for FORMAT in "${FORMAT_LIST[@]}"; do
        RUN="$WORK/run-$N-$FORMAT"
        mkdir -p "$RUN"
        echo
        echo "== N=$N format=$FORMAT"
        java -Xmx1g -cp "$WORK/BOOT-INF/classes" "$BENCH_DIR/Generate.java" --regions "$REGIONS" --province "$PROVINCE" \
            --period "$PERIOD" --rows "$N" --format "$FORMAT" --seed "$SEED" --source "$RUN/source" --floor "$RUN/floor" > "$RUN/generate.log"
        echo "   generated: $(grep -E '^(visits_rows|visits_files|visits_invalid_rows|visits_rereported_copies|visits_conflicting_copies|files|source_bytes|generate_seconds)=' "$RUN/generate.log" | tr '\n' ' ')"
        echo "   before the run: $(system_note)"

        # --- the pipeline, start-up included
        # REPORTING_HOME as well as --home: some builds let application.properties win over --home
        TIME_CMD=()
        if [ -x /usr/bin/time ] && /usr/bin/time -v true >/dev/null 2>&1; then
            TIME_CMD=(/usr/bin/time -v -o "$RUN/time.txt")
        fi
        started=$(date +%s%N)
        set +e
        (
            cd "$RUN"
            export REPORTING_HOME="$RUN/home"
            exec ${TIME_CMD[@]+"${TIME_CMD[@]}"} java "-Xmx$XMX" "-Xlog:gc,gc+heap+exit:file=$RUN/gc.log:uptime" \
                -Dlogging.level.org.springframework.batch.core.step.AbstractStep=INFO \
                -jar "$WORK/app.jar" run --province "$PROVINCE" --period "$PERIOD" \
                --source "$RUN/source" --out "$RUN/out" --home "$RUN/home"
        ) > "$RUN/run.log" 2>&1 &
        run_pid=$!
        RUN_PID=$run_pid
        sample_cpu "$run_pid" "$RUN/home/pgdata" "$RUN/cpu.samples" &
        peak_rss_kb=0
        if [ ${#TIME_CMD[@]} -eq 0 ]; then # no GNU time: poll the JVM's resident set
            while kill -0 "$run_pid" 2>/dev/null; do
                rss=$(ps -o rss= -p "$run_pid" 2>/dev/null | tr -d ' ')
                [ -n "$rss" ] && [ "$rss" -gt "$peak_rss_kb" ] && peak_rss_kb=$rss
                sleep 0.2
            done
        fi
        wait "$run_pid"
        rc=$?
        RUN_PID=""
        set -e
        ended=$(date +%s%N)
        seconds=$(awk -v a="$started" -v b="$ended" 'BEGIN { printf "%.1f", (b - a) / 1e9 }')
        if [ -f "$RUN/time.txt" ]; then
            peak_rss_kb=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$RUN/time.txt")
        fi
        rss_mib=$(awk -v k="${peak_rss_kb:-0}" 'BEGIN { if (k > 0) printf "%.0f", k / 1024; else printf "n/a" }')
        heap_mib=$(peak_heap "$RUN/gc.log")
        live_mib=$(live_heap "$RUN/gc.log")
        rate=$(awk -v n="$N" -v s="$seconds" 'BEGIN { printf "%.0f", n / s }')
        sed -n '/^Run [0-9]* of/,$p' "$RUN/run.log" | sed 's/^/   /'
        wait # the sampler ends with the run
        cpu_by_step "$RUN/cpu.samples" "$RUN/home/logs/reporting.log" "$(awk -v s="$started" 'BEGIN { printf "%.3f", s / 1e9 }')" \
            "$(awk -v s="$ended" 'BEGIN { printf "%.3f", s / 1e9 }')"
        if [ "$rc" != 0 ]; then
            echo "   the run FAILED (exit $rc); last lines of $RUN/run.log:"
            tail -20 "$RUN/run.log" | sed 's/^/   | /'
            seconds="FAILED($rc)"
            rate="-"
        fi

        # --- the floor, on the same PostgreSQL (the embedded one, stopped when the run ended)
        floor="-"
        ratio="-"
        PG_DATA_DIR="$RUN/home/pgdata"
        if [ "$FLOOR" = 1 ]; then
            if [ ! -f "$PG_DATA_DIR/PG_VERSION" ]; then
                echo "   floor: no embedded PostgreSQL under $PG_DATA_DIR"
            elif ! PG_BIN=$(find_pg_bin "$(cat "$PG_DATA_DIR/PG_VERSION")"); then
                echo "   floor: no zonky PostgreSQL $(cat "$PG_DATA_DIR/PG_VERSION") binaries under ${TMPDIR:-/tmp}/embedded-pg"
            else
                PG_DATA="$PG_DATA_DIR"
                # the embedded server's own settings (fsync, synchronous_commit, …) from its last start
                settings=$(grep -oE '"-c" "[^"]*"' "$PG_DATA/postmaster.opts" 2>/dev/null | sed -E 's/"-c" "(.*)"/-c \1/' | tr '\n' ' ' || true)
                port=$(free_port)
                if ${PG_RUN[@]+"${PG_RUN[@]}"} "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$RUN/floor-postgres.log" -w -t 120 \
                        -o "-p $port -c listen_addresses=127.0.0.1 $settings" start > /dev/null; then
                    java -cp "$DRIVER_DIR/*" "$BENCH_DIR/Floor.java" --url "jdbc:postgresql://127.0.0.1:$port/postgres" \
                        --sql "$BENCH_DIR/floor.sql" --manifest "$RUN/floor/visits-files.tsv" --regions "$REGIONS" \
                        --province "$PROVINCE" --period "$PERIOD" > "$RUN/floor.log" 2>&1 || true
                    sed 's/^/   /' "$RUN/floor.log"
                    floor=$(awk -F= '/^floor_seconds=/ { printf "%.1f", $2 }' "$RUN/floor.log")
                    [ -n "$floor" ] || floor="FAILED"
                else
                    echo "   floor: PostgreSQL did not start; see $RUN/floor-postgres.log"
                    floor="FAILED"
                fi
                stop_floor_server
            fi
            if [[ "$floor" =~ ^[0-9.]+$ ]] && [[ "$seconds" =~ ^[0-9.]+$ ]]; then
                ratio=$(awk -v f="$floor" -v p="$seconds" 'BEGIN { printf "%.3f", f / p }')
            fi
        fi
        RESULTS+=("$N|$FORMAT|$seconds|$rate|$heap_mib|$live_mib|$rss_mib|$floor|$ratio")
        [ "$KEEP" = 1 ] || rm -rf "$RUN"
    done
done

echo
echo "provincial-reporting benchmark — province $PROVINCE, period $PERIOD, -Xmx$XMX, $(java -version 2>&1 | head -1)"
echo "jar $JAR_NOTE"
echo "machine at start: $START_NOTE"
printf '%-10s %-6s %11s %8s %14s %15s %12s %8s %15s\n' N format "pipeline s" "rows/s" "peak heap MiB" "after-GC MiB" "max RSS MiB" "floor s" "floor/pipeline"
for result in "${RESULTS[@]}"; do
    IFS='|' read -r n f s r h l m fl ra <<< "$result"
    printf '%-10s %-6s %11s %8s %14s %15s %12s %8s %15s\n' "$n" "$f" "$s" "$r" "$h" "$l" "$m" "$fl" "$ra"
done
