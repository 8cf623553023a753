#!/usr/bin/env bash
# The archive benchmark on SQLite and on PostgreSQL (docs/archive.md has the figures).
#   scripts/bench-archive.sh [CASES] [BENCH_BINARY]
# Needs a release build (cmake --preset release && cmake --build --preset release).
# Writes to /tmp/thads-bench-sqlite and a private PostgreSQL server (fsync on) under
# /tmp; about 12 GB for SQLite and 24 GB for PostgreSQL at 1,000,000 cases.
set -euo pipefail
cd "$(dirname "$0")/.."
cases=${1:-1000000}
bench=${2:-build/release/tests/thads_archive_bench}

rm -rf /tmp/thads-bench-sqlite
"$bench" --archive /tmp/thads-bench-sqlite --cases "$cases" --queries 1000 \
  --single 2000 --batch 1000

bash scripts/start-test-postgres.sh /tmp/thads-pg-bench --durable >/dev/null
conninfo=$(cat /tmp/thads-pg-bench/conninfo)
data=$(sed 's/.*host=\([^ ]*\).*/\1/' /tmp/thads-pg-bench/conninfo)/data
"$bench" --archive "$conninfo" --cases "$cases" --queries 1000 --single 2000 \
  --batch 1000 --query-every 500000 --size-of "$data"
# The queries once more, the server's cache warm (the figures in docs/archive.md).
"$bench" --archive "$conninfo" --cases "$cases" --queries 1000 --query-only yes
bash scripts/start-test-postgres.sh --stop /tmp/thads-pg-bench
