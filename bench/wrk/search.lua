-- GET /api/v1/tickets?q=… with words people type, taken from the demo's ticket vocabulary:
-- frequent ones ("interview") and rare ones ("HireRight", a candidate's name).
dofile(os.getenv("SNAG_BENCH_WRK_DIR") .. "/common.lua")

local queries = {
  "offer", "interview", "passport", "resume", "background%20check", "HireRight", "Checkr", "onboarding",
  "payroll", "compensation", "visa", "signed%20NDA", "degree%20certificate", "portal", "sanctions",
  "reschedule", "panel", "parse", "Tanaka", "Ravi", "Sofia%20Garcia", "expired", "sync", "I-9",
}

function make_request()
  return wrk.format("GET", "/api/v1/tickets?q=" .. pick(queries) .. "&limit=50")
end
