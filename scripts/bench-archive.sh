#!/usr/bin/env bash
# The archive benchmark on SQLite and on PostgreSQL (docs/archive.md has the figures).
#   scripts/bench-archive.sh [CASES] [BENCH_BINARY]
# Needs a release build (cmake --preset release && cmake --build --preset release).
# Writes to /tmp/thads-bench-sqlite and a private PostgreSQL server (fsync on) under
# /tmp; about 16 GB for SQLite and 20 GB for PostgreSQL at 1,000,000 cases.
set -euo pipefail
cd "$(dirname "$0")/.."
cases=${1:-1000000}
bench=${2:-build/release/tests/thads_archive_bench}

rm -rf /tmp/thads-bench-sqlite
nice -n 19 "$bench" --archive /tmp/thads-bench-sqlite --cases "$cases" --queries 1000 \
  --single 2000 --batch 1000

bash scripts/start-test-postgres.sh /tmp/thads-pg-bench --durable >/dev/null
conninfo=$(cat /tmp/thads-pg-bench/conninfo)
data=$(sed 's/.*host=\([^ ]*\).*/\1/' /tmp/thads-pg-bench/conninfo)/data
nice -n 19 "$bench" --archive "$conninfo" --cases "$cases" --queries 1000 --single 2000 \
  --batch 1000 --query-every 250000 --size-of "$data"
bash scripts/start-test-postgres.sh --stop /tmp/thads-pg-bench
