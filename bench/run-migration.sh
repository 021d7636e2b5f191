#!/usr/bin/env bash
# Builds the migration benchmark in Release (into bench/.artifacts) and measures the latency the
# migration step adds to a login, on SQLite and PostgreSQL (the tests' throwaway initdb/pg_ctl cluster).
# Arguments go to the benchmark, for example: bench/run-migration.sh --logins 5000 --databases sqlite
set -euo pipefail
cd "$(dirname "$0")/.."
artifacts=bench/.artifacts
dotnet build bench/Godwit.Bench.Migration -c Release --artifacts-path "$artifacts" -nologo -v q
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load: $(cut -d' ' -f1-3 /proc/loadavg)"
exec dotnet "$artifacts/bin/Godwit.Bench.Migration/release/Godwit.Bench.Migration.dll" "$@"
