#!/usr/bin/env bash
# Builds Godwit and the scaling benchmark in Release (into bench/.artifacts) and runs two `godwit serve`
# processes on one PostgreSQL database (the tests' throwaway initdb/pg_ctl cluster) under load,
# checking that they answer as one service (docs/scaling.md). Arguments go to the benchmark, for
# example: bench/run-scaling.sh --seconds 60 --concurrency 8 --pool 10 --rotation 00:01:00
set -euo pipefail
cd "$(dirname "$0")/.."
artifacts=bench/.artifacts
for project in src/Godwit.Cli bench/Godwit.Bench.Scaling; do
  dotnet build "$project" -c Release --artifacts-path "$artifacts" -nologo -v q
done
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load: $(cut -d' ' -f1-3 /proc/loadavg)"
exec dotnet "$artifacts/bin/Godwit.Bench.Scaling/release/Godwit.Bench.Scaling.dll" \
  --godwit "$artifacts/bin/Godwit.Cli/release/godwit.dll" "$@"
