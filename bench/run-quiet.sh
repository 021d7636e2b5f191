#!/usr/bin/env bash
# Runs a benchmark command at nice -15 while keeping every other user-space process on the machine
# at nice 19 (and puts them back at 0 afterwards), so builds running alongside disturb the figures
# less. Needs root. The kernel's autogroup scheduling makes nice values count only within a session,
# so it is turned off for the run and restored after.
# Example: bench/run-quiet.sh dotnet bench/.artifacts/bin/Godwit.Bench.Http/release/Godwit.Bench.Http.dll --godwit ... --baseline ...
set -uo pipefail
autogroup=/proc/sys/kernel/sched_autogroup_enabled
was=$(cat "$autogroup" 2>/dev/null || echo 0)
echo 0 > "$autogroup"
( while true; do
    for pid in $(ps --ppid 2 -p 2 --deselect -o pid=,ni= | awk '$2 >= 0 && $2 < 19 {print $1}'); do renice -n 19 -p "$pid" >/dev/null 2>&1; done
    sleep 1
  done ) &
keeper=$!
nice -n -15 "$@"
status=$?
kill "$keeper"
for pid in $(ps --ppid 2 -p 2 --deselect -o pid=,ni= | awk '$2 == 19 {print $1}'); do renice -n 0 -p "$pid" >/dev/null 2>&1; done
echo "$was" > "$autogroup"
exit $status
