-- wrk script for bench.run: JSON headers, an optional rate limit, a JSON report.
--
-- BENCH_DELAY_MS (optional): mean pause in milliseconds before each request on a
-- connection, drawn from an exponential distribution (Poisson arrivals). With C
-- connections and a target rate R (req/s), bench.run sets it to about C / R * 1000
-- minus the expected latency, and reports the rate actually reached.

wrk.headers["Accept"] = "application/json"

local mean_delay = tonumber(os.getenv("BENCH_DELAY_MS") or "0")

function setup(thread)
  thread:set("seed", math.random(1, 1000000))
end

function init(args)
  math.randomseed(seed or 1)
end

if mean_delay > 0 then
  function delay()
    return math.floor(-math.log(1 - math.random()) * mean_delay)
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "duration_us": %d, "bytes": %d, "connect": %d, ' ..
    '"read": %d, "write": %d, "status": %d, "timeout": %d, "p50_us": %d, "p90_us": %d, ' ..
    '"p99_us": %d, "max_us": %d, "mean_us": %.1f}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write,
    e.status, e.timeout, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max, latency.mean))
end
