-- GET /api/v1/tickets/{key} for random existing keys SNAG-1..SNAG-$SNAG_BENCH_TICKETS.
dofile(os.getenv("SNAG_BENCH_WRK_DIR") .. "/common.lua")

local tickets = tonumber(os.getenv("SNAG_BENCH_TICKETS") or "1000000")

function make_request()
  return wrk.format("GET", "/api/v1/tickets/SNAG-" .. math.random(1, tickets))
end
