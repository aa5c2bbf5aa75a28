#!/usr/bin/env bash
# Runs every scenario once (SQLite by default; pass --db for PostgreSQL) in Release and prints one JSON line each, preceded by the load average.
# Usage: bench/run-all.sh [extra --db argument, e.g. --db sqlite:/tmp/x.db]
set -euo pipefail
cd "$(dirname "$0")/.."
# BENCH_DLL points at another build (e.g. one with an experimental runtime change) for A/B runs.
if [[ -z "${BENCH_DLL:-}" ]]; then dotnet build -c Release bench/CodeFirst.Bench -v q -nologo >/dev/null; fi
dll=${BENCH_DLL:-bench/CodeFirst.Bench/bin/Release/net10.0/CodeFirst.Bench.dll}
for scenario in "chain --tasks 100" "chain --tasks 40" "chain --tasks 100 --warmup-seconds 0" "wide" "wide --concurrency 16" "wide --concurrency 64" "wide --concurrency 128" "wide --concurrency 128 --warmup-seconds 0" "startup" "scheduler" "deferred" "event" "event --direct"; do
  echo "# $(cut -d' ' -f1-3 /proc/loadavg) :: $scenario" >&2
  # shellcheck disable=SC2086
  dotnet "$dll" $scenario "$@"
done
