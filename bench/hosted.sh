#!/usr/bin/env bash
# Load test of hosted glasskin (issue 26): its own PostgreSQL and two `glasskin serve --database`
# nodes on loopback, 1,000 accounts each holding a year of use (examples/seed_hosted.rs), and
# examples/hosted_load.rs as that many people, each on their own keep-alive connection to one
# node with their own session cookie. Measures Today, Week, the shelf, ticking a step, logging a
# diary day, a mix of them, and, separately, signing in: first at a fixed rate (RATE requests a
# second in all, latency counted from when each request was due), then as fast as answers come
# (CLOSED_PEOPLE people sending back to back, as wrk does). Needs Debian's postgresql.
# Not run by CI: numbers depend on the machine. docs/bench.md has the figures and how to read
# them.
#
# Bounded: every run has a fixed duration, and on exit (however it exits) the nodes are
# stopped, PostgreSQL is stopped and its directory removed. Everything listens on 127.0.0.1.
#
# Settings, from the environment:
#   ACCOUNTS=1000      accounts seeded
#   DURATION=20        seconds of each measured run (after WARM_UP=3 seconds not counted)
#   RATE=2000          requests a second, all people together, in the fixed-rate runs
#   PEOPLE=1000        people at once in the fixed-rate runs (each RATE/PEOPLE a second)
#   CLOSED_PEOPLE=100  people sending back to back in the as-fast-as-answered runs (0: none)
#   SIGNIN_RATE=40     sign-ins a second (argon2id costs about 30 ms of a core each)
#   FIRST_VISITS=10    seconds of a warm-up first, not counted: each person opening Today, Week
#                      and the shelf (pages are kept from then on until that person writes)
#   SYNCHRONOUS_COMMIT=on  PostgreSQL's synchronous_commit (`off`: a commit does not wait for
#                      its WAL to reach the disk; see docs/bench.md)
#   PG_STATS=1         load pg_stat_statements and print the statements that took the most
#                      time at the end
#   ONLY="today week"  run only these (today week shelf tick diary mixed signin)
#   QUIET_LOAD=1.0     on a shared machine: before measuring, wait (QUIET_WAIT=600 seconds at
#                      most) for the 1-minute load average to fall below this
#   PERF=mixed         record every CPU for 5 s of that run at the fixed rate (perf) and print
#                      where the time went, by program, by library and by function
#   PERF_CALLS=1       record call graphs too (read them with perf report -i KEEP_OUTPUT/perf.data)
#   KEEP_OUTPUT=dir    copy the load generator's outputs, the table and perf.data there
#   GLASSKIN_BIN=path  measure that glasskin (built with --features hosted) instead, for an A/B
#                      on the same kind of database
#   BEFORE_NODES_SQL=  SQL run on the seeded database before the nodes start, as its owner: for
#                      GLASSKIN_BIN of a build that knows fewer migrations, what undoes the newer
#                      ones (docs/bench.md has those for builds before migrations 0003 and 0004)
#   ASYNC_TOO=1        then turn synchronous_commit off (a reload, no restart) and run the
#                      writes and the mix again, to show what waiting for the disk costs
set -euo pipefail
cd "$(dirname "$0")/.."

accounts=${ACCOUNTS:-1000}
duration=${DURATION:-20}
duration=${duration%s}
warm_up=${WARM_UP:-3}
rate=${RATE:-2000}
people=${PEOPLE:-1000}
closed_people=${CLOSED_PEOPLE:-100}
signin_rate=${SIGNIN_RATE:-40}
synchronous_commit=${SYNCHRONOUS_COMMIT:-on}
only=${ONLY:-today week shelf tick diary mixed signin}
target=${CARGO_TARGET_DIR:-target}

cargo build --release --quiet -p glasskin --features hosted --bin glasskin
cargo build --release --quiet -p glasskin-web --features hosted --example seed_hosted --example hosted_load
bin=${GLASSKIN_BIN:-$target/release/glasskin}
seed=$target/release/examples/seed_hosted
load=$target/release/examples/hosted_load

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# PostgreSQL, as .ci/postgres.sh starts one: Debian's server in a temporary directory on a free
# 127.0.0.1 port, as the postgres user when run as root.
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
dir=$(mktemp -d /tmp/glasskin-load.XXXXXX)
chmod 755 "$dir"
pg_as=()
if [ "$(id -u)" -eq 0 ]; then pg_as=(runuser -u postgres --); fi
mkdir "$dir/pg"
if [ "$(id -u)" -eq 0 ]; then chown postgres: "$dir/pg"; fi
nodes=()
cleanup() {
  for pid in "${nodes[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${nodes[@]}"; do wait "$pid" 2>/dev/null || true; done
  "${pg_as[@]}" "$pg_bin/pg_ctl" -D "$dir/pg/data" -m fast -s stop 2>/dev/null || true
  rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

pg_port=$(free_port)
"${pg_as[@]}" "$pg_bin/initdb" -D "$dir/pg/data" -U postgres --auth=trust -E UTF8 --no-sync >/dev/null
preload=()
if [ "${PG_STATS:-0}" = 1 ]; then
  preload=(-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=top)
fi
# Durable by default (fsync on, synchronous_commit as SYNCHRONOUS_COMMIT says); memory sized for
# the seeded data (about 1 GB) to stay cached, as a server's would.
"${pg_as[@]}" "$pg_bin/pg_ctl" -D "$dir/pg/data" -l "$dir/pg/log" -w -s -o "\
  -c listen_addresses=127.0.0.1 -p $pg_port -k $dir/pg -c max_connections=100 \
  -c shared_buffers=1GB -c effective_cache_size=4GB -c work_mem=8MB \
  -c max_wal_size=4GB -c checkpoint_timeout=15min \
  -c synchronous_commit=$synchronous_commit ${preload[*]}" start
psql_admin=("$pg_bin/psql" -q -X -h 127.0.0.1 -p "$pg_port" -U postgres -v ON_ERROR_STOP=1)
"${psql_admin[@]}" -d postgres <<'SQL'
CREATE ROLE glasskin_owner LOGIN NOSUPERUSER NOBYPASSRLS;
CREATE ROLE glasskin_app LOGIN NOSUPERUSER NOCREATEDB NOBYPASSRLS;
CREATE DATABASE glasskin OWNER glasskin_owner;
SQL
if [ "${PG_STATS:-0}" = 1 ]; then
  "${psql_admin[@]}" -d glasskin -c 'CREATE EXTENSION pg_stat_statements'
fi
owner_url="postgres://glasskin_owner@127.0.0.1:$pg_port/glasskin"
app_url="postgres://glasskin_app@127.0.0.1:$pg_port/glasskin"
echo "== PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$pg_port" \
  "(fsync on, synchronous_commit $synchronous_commit, shared_buffers 1GB)"

echo "== seeding $accounts accounts"
timeout 3600 "$seed" "$owner_url" "$dir/seed" --accounts "$accounts"
if [ -n "${BEFORE_NODES_SQL:-}" ]; then
  # For an A/B against a build that knows fewer migrations: undo the newer ones' changes.
  "${psql_admin[@]}" -d glasskin -c "$BEFORE_NODES_SQL" >/dev/null
fi
"${psql_admin[@]}" -d glasskin -c 'VACUUM ANALYZE' >/dev/null
"${psql_admin[@]}" -d glasskin -At -c "SELECT 'database: ' || pg_size_pretty(pg_database_size('glasskin'))
  || ', accounts ' || (SELECT count(*) FROM account) || ', diary days ' || (SELECT count(*) FROM diary)
  || ', check-offs ' || (SELECT count(*) FROM checkoff) || ', products ' || (SELECT count(*) FROM product)"

# Two nodes on the one database, connecting as the application role; the first applies the
# (already applied) migrations as the owner role, as a deployment's would at start-up. Request
# logs off (RUST_LOG=warn), as bench/load.sh has them. The sign-in limit is raised so the
# limiter does not refuse the benchmark's own sign-ins, all from 127.0.0.1.
ports=("$(free_port)" "$(free_port)")
for i in 0 1; do
  migrate=()
  if [ "$i" = 0 ]; then migrate=(--migrate-with "$owner_url"); fi
  RUST_LOG=warn "$bin" serve --addr "127.0.0.1:${ports[$i]}" --database "$app_url" \
    "${migrate[@]}" --sign-in-attempts 100000000 2>"$dir/node$i.log" &
  nodes+=($!)
done
first=$(awk '{print $1; exit}' "$dir/seed/users.txt")
for i in 0 1; do
  for _ in $(seq 100); do
    code=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: __Host-glasskin_session=$first" \
      "http://127.0.0.1:${ports[$i]}/today" || true)
    [ "$code" = 200 ] && break
    sleep 0.2
  done
  if [ "$code" != 200 ]; then
    echo "node $i at 127.0.0.1:${ports[$i]} does not answer /today with 200 ($code)" >&2
    cat "$dir/node$i.log" >&2
    exit 1
  fi
done
echo "== nodes on 127.0.0.1:${ports[0]} and 127.0.0.1:${ports[1]}"

export GLASSKIN_USERS=$dir/seed/users.txt GLASSKIN_EMAILS=$dir/seed/emails.txt
GLASSKIN_PASSWORD=$(cat "$dir/seed/password.txt")
export GLASSKIN_PASSWORD

# One load process (one thread) for both nodes, beside the two nodes and PostgreSQL on the
# same cores. `run MODE LABEL RATE PEOPLE`: RATE 0 sends as fast as answers come.
run() {
  local mode=$1 label=$2 at=$3 many=$4 seconds=${5:-$duration} load_avg
  quiet 60
  load_avg=$(cut -d' ' -f1 /proc/loadavg)
  timeout $((seconds + 60)) "$load" "$GLASSKIN_USERS" --node "http://127.0.0.1:${ports[0]}" \
    --node "http://127.0.0.1:${ports[1]}" --mode "$mode" --rate "$at" --people "$many" \
    --seconds "$seconds" --warm-up "$warm_up" --today "$(date +%F)" \
    --emails "$GLASSKIN_EMAILS" --password "$GLASSKIN_PASSWORD" >"$dir/load-$mode-$at.txt" &
  local pid=$!
  if [ "${PERF:-}" = "$mode" ] && [ "$at" != 0 ] && [ ! -e "$dir/perf.data" ]; then
    sleep $((warm_up + 3))
    perf record -q -a -F 499 ${PERF_CALLS:+-g} -o "$dir/perf.data" -- sleep 5 >/dev/null 2>&1 || true
  fi
  wait "$pid"
  awk -v label="$label" -v at="$at" -v many="$many" -v load="$load_avg" '
    /^RESULT/ {
      printf "| %-26s | %6s | %5d | %6.0f | %6.2f | %6.2f | %7.2f | %7.2f | %8d | %d | %s |\n",
        label, at == 0 ? "-" : at, many, $2 / $3, $5, $7, $8, $9, $2, $4, load
    }' "$dir/load-$mode-$at.txt" | tee -a "$dir/table.md"
}

# On a shared machine: wait, a bounded time, for the others' load to fall.
quiet() {
  [ -n "${QUIET_LOAD:-}" ] || return 0
  local waited=0
  while awk -v max="$QUIET_LOAD" '{ exit !($1 >= max) }' /proc/loadavg \
    && [ "$waited" -lt "$1" ]; do
    sleep 5; waited=$((waited + 5))
  done
}
quiet "${QUIET_WAIT:-600}"
echo "== warm-up: every person opens Today, Week and the shelf (${FIRST_VISITS:-10} s, not counted)"
run visit "warm-up" "$rate" "$people" "${FIRST_VISITS:-10}" >/dev/null
echo "== load before measuring: $(uptime)"
: >"$dir/table.md"
echo "| $(printf '%-26s' request) | offered/s | people | answered/s | p50 ms | p90 ms | p99 ms | p99.9 ms | requests | errors | load at start |"
echo "|----------------------------|------:|------:|-------:|-------:|-------:|-------:|--------:|---------:|---|------:|"
label() {
  case $1 in
    today) echo "GET /today" ;; week) echo "GET /week" ;; shelf) echo "GET /shelf" ;;
    tick) echo "POST /api/checkoffs" ;; diary) echo "POST /api/diary" ;;
    mixed) echo "mixed (35/15/15/25/10)" ;; signin) echo "POST /signin" ;;
    *) echo "unknown run $1" >&2; exit 2 ;;
  esac
}
for mode in $only; do
  if [ "$mode" = signin ]; then
    run signin "$(label signin)" "$signin_rate" 8
  else
    run "$mode" "$(label "$mode")" "$rate" "$people"
  fi
done
if [ "$closed_people" -gt 0 ]; then
  for mode in $only; do
    [ "$mode" = signin ] && continue
    run "$mode" "$(label "$mode"), back to back" 0 "$closed_people"
  done
fi
if [ "${ASYNC_TOO:-0}" = 1 ] && [ "$synchronous_commit" != off ]; then
  "${psql_admin[@]}" -d postgres -c 'ALTER SYSTEM SET synchronous_commit = off' \
    -c 'SELECT pg_reload_conf()' >/dev/null
  echo "== load: $(uptime)"
  run tick "POST /api/checkoffs (async)" "$rate" "$people"
  run diary "POST /api/diary (async)" "$rate" "$people"
  run mixed "mixed (async)" "$rate" "$people"
fi
echo "== load after: $(uptime)"
if [ -n "${KEEP_OUTPUT:-}" ]; then
  cp "$dir"/load-*.txt "$dir/table.md" "$KEEP_OUTPUT"/
  if [ -e "$dir/perf.data" ]; then cp "$dir/perf.data" "$KEEP_OUTPUT"/; fi
fi
if [ "${PG_STATS:-0}" = 1 ]; then
  echo "== statements by total time (pg_stat_statements)"
  "${psql_admin[@]}" -d glasskin -c "SELECT calls, round(total_exec_time::numeric, 0) AS total_ms,
      round(mean_exec_time::numeric, 3) AS mean_ms, left(regexp_replace(query, '\s+', ' ', 'g'), 90) AS query
    FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 15"
fi
if [ -e "$dir/perf.data" ]; then
  echo "== CPU during the $PERF run, by program (perf, every CPU)"
  perf report -i "$dir/perf.data" --stdio --sort comm 2>/dev/null | grep -v '^#' | grep . | head -8 || true
  echo "== by program and library"
  perf report -i "$dir/perf.data" --stdio --sort comm,dso 2>/dev/null | grep -v '^#' | grep . | head -15 || true
  echo "== by function"
  perf report -i "$dir/perf.data" --stdio --no-children --sort comm,sym 2>/dev/null | grep -v '^#' | grep . | head -40 || true
fi
