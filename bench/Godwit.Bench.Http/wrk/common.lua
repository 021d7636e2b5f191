-- Shared by every scenario: HTTP Basic credentials and a machine-readable summary line that the
-- orchestrator parses (wrk's own text report rounds the percentiles).
local function read_lines(path)
  local lines = {}
  for line in io.lines(path) do
    if #line > 0 then lines[#lines + 1] = line end
  end
  return lines
end

headers = { ["Content-Type"] = "application/json" }

function configure(args)
  -- args: <basic auth token or "-"> <scenario argument>
  if args[1] ~= nil and args[1] ~= "-" then
    headers["Authorization"] = "Basic " .. args[1]
  end
  return args[2]
end

function done(summary, latency, requests)
  io.write(string.format(
    "GODWIT_BENCH requests=%d duration_us=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d non2xx=%d connect=%d read=%d write=%d timeout=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    summary.errors.status, summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout))
end

_read_lines = read_lines
