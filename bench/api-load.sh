#!/usr/bin/env bash
# Requests per second of `serve` (issue 17, finding 5) on loopback: the same list of runs asked for with a personal
# API token (Authorization: Bearer), with HTTP Basic (a BCrypt check on every request) and as a page with a signed-in
# session, each by CLIENTS concurrent clients sending REQUESTS requests one after the other (bench/ApiLoad.java).
#
#   bench/api-load.sh [--jar PATH] [--clients 50] [--requests 40] [--port 18080]
#
# Starts its own `serve` on a fresh home under a temp directory (removed at the end) with one staff user, signs in
# with curl to make the token and the session (ready once /login answers: the health is DOWN while the jobs' sources
# are unreachable), prints one line per kind and the load average. Needs JDK 17 and curl.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
JAR="$ROOT/target/provincial-reporting.jar"
CLIENTS=50
REQUESTS=40
PORT=18080

while [ $# -gt 0 ]; do
    case "$1" in
        --jar) JAR=$2; shift 2 ;;
        --clients) CLIENTS=$2; shift 2 ;;
        --requests) REQUESTS=$2; shift 2 ;;
        --port) PORT=$2; shift 2 ;;
        -h|--help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown argument: $1" >&2; exit 2 ;;
    esac
done
[ -f "$JAR" ] || (cd "$ROOT" && mvn -B -q package -DskipTests)

WORK=$(mktemp -d "${TMPDIR:-/tmp}/api-load.XXXXXX")
SERVER=
cleanup() {
    if [ -n "$SERVER" ]; then kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT

BASE="http://127.0.0.1:$PORT"
USER_NAME=bench.staff
export BENCH_PASSWORD="Load-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
java -jar "$JAR" user add "$USER_NAME" --role staff --password-env BENCH_PASSWORD --home "$WORK/home" \
    > "$WORK/user.log" 2>&1
java -jar "$JAR" serve --port "$PORT" --home "$WORK/home" > "$WORK/serve.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 600); do
    curl -fs "$BASE/login" > /dev/null 2>&1 && break
    kill -0 "$SERVER" 2>/dev/null || { echo "serve ended:" >&2; tail -20 "$WORK/serve.log" >&2; exit 1; }
    sleep 1
done

# a page session: the sign-in form with its CSRF token
JAR_COOKIES="$WORK/cookies"
csrf() { sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -1; }
TOKEN_FIELD=$(curl -fs -c "$JAR_COOKIES" -b "$JAR_COOKIES" "$BASE/login" | csrf)
curl -fs -o /dev/null -c "$JAR_COOKIES" -b "$JAR_COOKIES" --data-urlencode "username=$USER_NAME" \
    --data-urlencode "password=$BENCH_PASSWORD" --data-urlencode "_csrf=$TOKEN_FIELD" "$BASE/login"
SESSION=$(awk '$6 == "JSESSIONID" { print $7 }' "$JAR_COOKIES")
[ -n "$SESSION" ] || { echo "could not sign in" >&2; exit 1; }
# a personal API token, made on 我的账号 and shown once
TOKEN_FIELD=$(curl -fs -b "$JAR_COOKIES" "$BASE/account" | csrf)
API_TOKEN=$(curl -fs -L -c "$JAR_COOKIES" -b "$JAR_COOKIES" --data-urlencode "label=bench" \
    --data-urlencode "_csrf=$TOKEN_FIELD" "$BASE/account/tokens" | sed -n 's/.*id="new-token">\(prt_[^<]*\)<.*/\1/p')
[ -n "$API_TOKEN" ] || { echo "could not make a token" >&2; exit 1; }
BASIC=$(printf '%s:%s' "$USER_NAME" "$BENCH_PASSWORD" | base64 -w0)

echo "$(nproc) CPUs, load average before:$(uptime | sed 's/.*load average://'); $(pgrep -c java) java processes"
echo "$CLIENTS clients x $REQUESTS requests each, loopback, $(basename "$JAR")"
printf '%-34s ' "API GET /api/runs, Bearer token:"
java "$BENCH_DIR/ApiLoad.java" "$BASE/api/runs" "Bearer $API_TOKEN" "$CLIENTS" "$REQUESTS"
printf '%-34s ' "API GET /api/runs, HTTP Basic:"
java "$BENCH_DIR/ApiLoad.java" "$BASE/api/runs" "Basic $BASIC" "$CLIENTS" "$REQUESTS"
printf '%-34s ' "page GET /runs, signed-in session:"
java "$BENCH_DIR/ApiLoad.java" "$BASE/runs" "Cookie: JSESSIONID=$SESSION" "$CLIENTS" "$REQUESTS"
echo "load average after:$(uptime | sed 's/.*load average://')"
