-- Shared by the bench scripts: per-thread random seeds, the bearer header and one
-- machine-readable result line that bench/run.sh parses.

local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("thread_number", threads)
end

-- Each script defines make_request(). Requests are made up front, in init, and replayed in a
-- cycle: formatting one per call in Lua costs wrk about as much CPU as the server spends on a
-- simple GET, and wrk shares the two cores with the server.
local prepared_count = 100000
local prepared = {}
local next_index = 0

function init(args)
  -- Distinct, repeatable sequences per thread.
  math.randomseed(1000 + (thread_number or 0))
  wrk.headers["Authorization"] = "Bearer " .. assert(os.getenv("SNAG_BENCH_KEY"), "SNAG_BENCH_KEY is not set")
  wrk.headers["Accept"] = "application/json"
  for i = 1, prepared_count do
    prepared[i] = make_request()
  end
end

function request()
  next_index = next_index % prepared_count + 1
  return prepared[next_index]
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
