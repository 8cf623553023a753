#!/usr/bin/env bash
# Starts a private PostgreSQL cluster for the tests and the archive benchmark, and
# writes its connection string to DIR/conninfo (also printed). Unix socket only, no
# TCP port. As root, the server runs as the `postgres` user.
#   scripts/start-test-postgres.sh DIR [--durable]   start (fsync off unless --durable)
#   scripts/start-test-postgres.sh --stop DIR        stop it and remove its files
set -euo pipefail

stop=0
if [ "${1:-}" = "--stop" ]; then stop=1; shift; fi
[ $# -ge 1 ] || { echo "usage: $0 [--stop] DIR [--durable]" >&2; exit 2; }
mkdir -p "$1"
dir=$(cd "$1" && pwd)
durable=0
[ "${2:-}" = "--durable" ] && durable=1

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bin" ] || [ ! -x "$bin/pg_ctl" ]; then
  echo "start-test-postgres: PostgreSQL server binaries not found (bash scripts/install-deps.sh)" >&2
  # Outside CI the PostgreSQL tests then skip, saying why; CI must test both backends.
  [ -n "${CI:-}" ] && exit 1
  exit 0
fi
# Socket paths are limited to ~100 bytes: the cluster lives in a short /tmp folder
# named after DIR.
base="/tmp/thads-pg-$(printf '%s' "$dir" | sha256sum | cut -c1-12)"
data="$base/data"
port=54329

as_server() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if [ -f "$data/PG_VERSION" ]; then
  as_server "$bin/pg_ctl" -D "$data" -m immediate stop >/dev/null 2>&1 || true
fi
rm -rf "$base" "$dir/conninfo"
[ "$stop" -eq 1 ] && { echo "start-test-postgres: stopped"; exit 0; }

mkdir -p "$base"
[ "$(id -u)" -eq 0 ] && chown postgres: "$base"
as_server "$bin/initdb" -D "$data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 \
  --no-sync >"$base/initdb.log" 2>&1 || { cat "$base/initdb.log" >&2; exit 1; }
opts="-k $base -p $port -c listen_addresses='' -c max_connections=50"
if [ "$durable" -eq 0 ]; then
  opts="$opts -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
else
  opts="$opts -c shared_buffers=1GB -c maintenance_work_mem=512MB -c max_wal_size=8GB"
fi
as_server "$bin/pg_ctl" -D "$data" -o "$opts" -l "$base/server.log" -w -t 60 start >/dev/null \
  || { cat "$base/server.log" >&2; exit 1; }
as_server "$bin/psql" -h "$base" -p "$port" -U postgres -d postgres -q \
  -c "CREATE DATABASE thads_test" >/dev/null
conninfo="host=$base port=$port user=postgres dbname=thads_test"
printf '%s\n' "$conninfo" > "$dir/conninfo"
echo "$conninfo"
