# A throwaway PostgreSQL for the store's tests, sourced by .ci/run (or by hand in a shell:
# `source .ci/postgres.sh`). Debian's server in a temporary directory on a free 127.0.0.1 port,
# stopped and removed when the shell exits; the roles and the template database the tests
# clone; GLASSKIN_TEST_DATABASE_URL names it (docs/hosted.md). It speaks TLS too, with a certificate
# of a throwaway authority whose certificate GLASSKIN_TEST_DATABASE_CA names.
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
pg_dir=$(mktemp -d /tmp/glasskin-pg.XXXXXX)
# initdb refuses to run as root: as root, the server runs as Debian's postgres user.
pg_as=()
if [ "$(id -u)" -eq 0 ]; then chown postgres: "$pg_dir"; pg_as=(runuser -u postgres --); fi
pg_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"${pg_as[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -U postgres --auth=trust -E UTF8 --no-sync >/dev/null
# TLS too, for the tests of a database reached over TLS: a throwaway certificate authority and
# a certificate for 127.0.0.1 it signed (OpenSSL, which Debian's postgresql depends on).
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=glasskin test CA" \
  -keyout "$pg_dir/ca.key" -out "$pg_dir/ca.pem" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" \
  -keyout "$pg_dir/server.key" -out "$pg_dir/server.csr" 2>/dev/null
printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\n' > "$pg_dir/san.ext"
openssl x509 -req -in "$pg_dir/server.csr" -CA "$pg_dir/ca.pem" -CAkey "$pg_dir/ca.key" \
  -CAcreateserial -days 2 -extfile "$pg_dir/san.ext" -out "$pg_dir/server.pem" 2>/dev/null
chmod 600 "$pg_dir/server.key"
if [ "$(id -u)" -eq 0 ]; then chown postgres: "$pg_dir/server.key" "$pg_dir/server.pem"; fi
# fsync off: a test cluster need not survive a power cut, and its tests run faster.
"${pg_as[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" -w -s \
  -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $pg_dir -c fsync=off -c max_connections=200 -c ssl=on -c ssl_cert_file=$pg_dir/server.pem -c ssl_key_file=$pg_dir/server.key" start
trap '"${pg_as[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate -s stop; rm -rf "$pg_dir"' EXIT
# glasskin_owner owns the tables (it runs the migrations) and may create the tests' databases;
# glasskin_app is what the application connects as: no superuser, owns nothing, bypasses no
# row level security.
"$pg_bin/psql" -q -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -v ON_ERROR_STOP=1 <<'SQL'
CREATE ROLE glasskin_owner LOGIN CREATEDB NOSUPERUSER NOBYPASSRLS;
CREATE ROLE glasskin_app LOGIN NOSUPERUSER NOCREATEDB NOBYPASSRLS;
CREATE DATABASE glasskin_template OWNER glasskin_owner;
SQL
export GLASSKIN_TEST_DATABASE_URL="postgres://glasskin_owner@127.0.0.1:$pg_port/glasskin_template"
export GLASSKIN_TEST_DATABASE_CA="$pg_dir/ca.pem"
echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$pg_port"
