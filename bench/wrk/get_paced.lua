-- get.lua with each connection waiting SNAG_BENCH_PACE_MS (5) between its requests: a bounded
-- load (64 connections at 5 ms: about 12,800 requests/s, a third of what the server answers
-- flat out) rather than a closed loop at saturation, where every latency is mostly queueing.
dofile(os.getenv("SNAG_BENCH_WRK_DIR") .. "/get.lua")

local pace_ms = tonumber(os.getenv("SNAG_BENCH_PACE_MS") or "5")

function delay()
  return pace_ms
end
