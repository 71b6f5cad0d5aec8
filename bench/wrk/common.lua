-- Shared by the bench scripts: per-thread random seeds, the bearer header and one
-- machine-readable result line that bench/run.sh parses.

local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("thread_number", threads)
end

function init(args)
  -- Distinct, repeatable sequences per thread.
  math.randomseed(1000 + (thread_number or 0))
  wrk.headers["Authorization"] = "Bearer " .. assert(os.getenv("SNAG_BENCH_KEY"), "SNAG_BENCH_KEY is not set")
  wrk.headers["Accept"] = "application/json"
end

function pick(list)
  return list[math.random(1, #list)]
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    "SNAG_BENCH requests=%d rps=%.1f p50_us=%d p99_us=%d max_us=%d non2xx=%d socket_errors=%d\n",
    summary.requests, summary.requests / seconds, latency:percentile(50), latency:percentile(99),
    latency.max, e.status, e.connect + e.read + e.write + e.timeout))
end
