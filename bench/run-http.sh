#!/usr/bin/env bash
# Builds Godwit, the baseline and the orchestrator in Release (into bench/.artifacts, apart from
# the Debug outputs other work uses) and runs the HTTP benchmark. Arguments go to the
# orchestrator, for example: bench/run-http.sh --quick    or    bench/run-http.sh --warmup 120 --runs 5
# The orchestrator starts Godwit with Godwit__RateLimits__Enabled=false (see Godwit.Bench.Http/Program.cs):
# the load comes from one address with one credential, far past the default limits.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "wrk is required (Debian: apt-get install wrk)" >&2; exit 1; }
artifacts=bench/.artifacts
for project in src/Godwit.Cli bench/Godwit.Bench.Baseline bench/Godwit.Bench.Http; do
  dotnet build "$project" -c Release --artifacts-path "$artifacts" -nologo -v q
done
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load: $(cut -d' ' -f1-3 /proc/loadavg)"
exec dotnet "$artifacts/bin/Godwit.Bench.Http/release/Godwit.Bench.Http.dll" \
  --godwit "$artifacts/bin/Godwit.Cli/release/godwit.dll" \
  --baseline "$artifacts/bin/Godwit.Bench.Baseline/release/Godwit.Bench.Baseline.dll" \
  "$@"
