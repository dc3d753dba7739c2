#!/usr/bin/env bash
# A/B of two glasskin builds under load, on the same seeded year (examples/seed_year.rs):
#   ./bench/ab.sh OLD_GLASSKIN NEW_GLASSKIN
# Each round starts each build in turn on a fresh copy of the database and runs wrk (2 threads,
# 32 connections, 10 s) on each page, then POST /api/analyze. PAGES and ROUNDS change what runs.
# Needs wrk. Not run by CI: numbers depend on the machine.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -eq 2 ] || { echo "usage: $0 OLD_GLASSKIN NEW_GLASSKIN" >&2; exit 2; }
cargo build --release --quiet -p glasskin-web --example seed_year
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
./target/release/examples/seed_year "$dir/seed.db"
for round in $(seq "${ROUNDS:-2}"); do
  for side in A B; do
    bin=$1; [ "$side" = B ] && bin=$2
    rm -f "$dir/run.db"*; cp "$dir/seed.db" "$dir/run.db"
    GLASSKIN_DB="$dir/run.db" RUST_LOG=warn "$bin" serve --addr 127.0.0.1:7899 2>/dev/null &
    server=$!
    sleep 1.5
    for page in ${PAGES:-/week /insights /today /api/today}; do
      echo "== round $round $side GET $page"
      wrk -t2 -c32 -d10s --latency "http://127.0.0.1:7899$page" | grep -E "Requests/sec|  50%|  99%|Non-2xx"
    done
    echo "== round $round $side POST /api/analyze"
    wrk -t2 -c32 -d10s --latency -s bench/analyze.lua http://127.0.0.1:7899/api/analyze | grep -E "Requests/sec|  50%|  99%|Non-2xx"
    kill "$server"; wait "$server" 2>/dev/null || true
  done
done
