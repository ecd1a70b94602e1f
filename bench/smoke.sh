#!/usr/bin/env bash
# Every benchmark under bench/ at a small N, each on a fresh var/ (SQLite), so that CI
# knows they still run. The figures at small N mean nothing; docs/PERFORMANCE.md has the
# real ones and the commands behind them. With --pg, the PostgreSQL variants run too.
set -euo pipefail
cd "$(dirname "$0")/.."
py=.venv/bin/python
pg=""
[ "${1:-}" = "--pg" ] && pg="rangwan_bench_smoke_$$"

run() {
  printf '\n-- %s\n' "$*"
  RANGWAN_VAR_DIR="$(mktemp -d)" "$@" 2>&1 | tail -3
}

run "$py" bench/generate.py 22
run "$py" bench/http_bench.py 11 --repeat 1
run "$py" bench/concurrent_scoring.py 11 --clients 1,2 --saves 2
run "$py" bench/certificates.py 11 2
run "$py" bench/verify_bundle.py 11 1
run "$py" bench/upload_20mb.py 1
if [ -n "$pg" ]; then
  run "$py" bench/http_bench.py 11 --pg "$pg" --repeat 1
  run "$py" bench/concurrent_scoring.py 11 --pg "$pg" --clients 1,2 --saves 2
  psql -h 127.0.0.1 -U postgres -d postgres -q -c "DROP DATABASE IF EXISTS ${pg}" >/dev/null
fi
printf '\nEvery benchmark ran.\n'
