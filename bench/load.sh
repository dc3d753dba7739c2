#!/usr/bin/env bash
# Load test of the web app: POST /api/analyze with a typical 30-ingredient label, and the pages,
# on a database holding a year of use with full labels (examples/seed_year.rs). Needs wrk
# (Debian: apt-get install wrk). Builds and starts `glasskin serve`, measures, and stops it.
# Not run by CI: numbers depend on the machine.
#
# A/B: GLASSKIN_BIN=/path/to/another/glasskin ./bench/load.sh measures that binary instead, on
# the same kind of database.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet -p glasskin --bin glasskin
cargo build --release --quiet -p glasskin-web --example seed_year
bin=${GLASSKIN_BIN:-./target/release/glasskin}
dir=$(mktemp -d)
db="$dir/glasskin.db"
./target/release/examples/seed_year "$db"
GLASSKIN_DB="$db" RUST_LOG=warn "$bin" serve --addr 127.0.0.1:7899 2>/dev/null &
server=$!
trap 'kill $server; rm -rf "$dir"' EXIT
sleep 1
echo "== POST /api/analyze (30 ingredients)"
wrk -t2 -c32 -d10s --latency -s bench/analyze.lua http://127.0.0.1:7899/api/analyze
for page in /week /insights /today /shelf /tips /; do
  echo "== GET $page (a year of data)"
  wrk -t2 -c32 -d10s --latency "http://127.0.0.1:7899$page"
done
