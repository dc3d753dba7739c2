#!/usr/bin/env bash
# Load test of the web API: POST /api/analyze with a typical 30-ingredient label, and the pages.
# Needs wrk (Debian: apt-get install wrk). Builds and starts `glasskin serve` on a temporary
# database, measures, and stops it. Not run by CI: numbers depend on the machine.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
db=$(mktemp -d)/glasskin.db
GLASSKIN_DB="$db" RUST_LOG=warn ./target/release/glasskin serve --addr 127.0.0.1:7899 2>/dev/null &
server=$!
trap 'kill $server' EXIT
sleep 1
echo "== POST /api/analyze (30 ingredients)"
wrk -t2 -c32 -d10s --latency -s bench/analyze.lua http://127.0.0.1:7899/api/analyze
for page in / /tips /shelf; do
  echo "== GET $page"
  wrk -t2 -c8 -d5s --latency "http://127.0.0.1:7899$page"
done
