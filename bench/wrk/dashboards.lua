-- The dashboard reports over every ticket, one GET at a time: open volume, time to resolution and
-- aging per group, adoption per person and team, withdrawals per issue type. The report is picked
-- by SNAG_BENCH_REPORT (volume, adoption, abandonment, trends); the caller (hrbp) sees every team.
dofile(os.getenv("SNAG_BENCH_WRK_DIR") .. "/common.lua")

local report = assert(os.getenv("SNAG_BENCH_REPORT"), "SNAG_BENCH_REPORT is not set")
local targets = {
  volume = { "/api/v1/reports/volume?by=team", "/api/v1/reports/volume?by=type",
             "/api/v1/reports/volume?by=severity", "/api/v1/reports/volume?by=assignee" },
  adoption = { "/api/v1/reports/adoption?weeks=12" },
  abandonment = { "/api/v1/reports/abandonment" },
  trends = { "/api/v1/reports/trends?weeks=12" },
}
local paths = assert(targets[report], "unknown SNAG_BENCH_REPORT " .. report)

function make_request()
  return wrk.format("GET", pick(paths))
end
