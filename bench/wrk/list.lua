-- GET /api/v1/tickets filtered by status, severity and team, 50 rows: the queue views a
-- support team keeps open. Combinations vary, from busy (closed, sev3) to sparse (new, sev1).
dofile(os.getenv("SNAG_BENCH_WRK_DIR") .. "/common.lua")

local statuses = { "new,triaged", "in_progress", "pending", "in_progress,pending", "resolved", "verified", "closed" }
local severities = { "sev1", "sev2", "sev3", "sev4", "sev1,sev2" }
local teams = { "recruitment", "hris", "compliance", "it_support", "legal" }

function make_request()
  return wrk.format("GET", "/api/v1/tickets?status=" .. pick(statuses) .. "&severity=" .. pick(severities) ..
    "&team=" .. pick(teams) .. "&limit=50")
end
