-- GET /api/v1/reports/pareto over every ticket, by count and by candidate delay: what a
-- leaders' dashboard asks. The caller (hrbp) sees every team and type.
dofile(os.getenv("SNAG_BENCH_WRK_DIR") .. "/common.lua")

local measures = { "count", "delay" }

function make_request()
  return wrk.format("GET", "/api/v1/reports/pareto?by=" .. pick(measures))
end
