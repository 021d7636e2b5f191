#!/usr/bin/env bash
# Builds godwit and the import benchmark in Release (into bench/.artifacts) and measures
# `godwit import` against a bare bulk insert of the same rows, on SQLite and PostgreSQL, then the
# rate through the API targets into a running `godwit serve`.
# Arguments: [users, default 1000000] [databases, default sqlite,postgres; "" for none]
#            [users through the API targets, default 20000; 0 skips them]
set -euo pipefail
cd "$(dirname "$0")/.."
artifacts=bench/.artifacts
for project in src/Godwit.Cli bench/Godwit.Bench.Import; do
  dotnet build "$project" -c Release --artifacts-path "$artifacts" -nologo -v q
done
exec dotnet "$artifacts/bin/Godwit.Bench.Import/release/Godwit.Bench.Import.dll" \
  "$artifacts/bin/Godwit.Cli/release/godwit.dll" "$@"
