-- POST /api/v1/tickets with a varied, realistic body. Every 201 is a ticket the server
-- reports only after its commit is durable.
dofile(os.getenv("SNAG_BENCH_WRK_DIR") .. "/common.lua")

local types = { "document_missing", "document_missing", "interview_scheduling_conflict", "background_check_delay",
  "offer_link_expired", "resume_parse_failure", "data_sync_mismatch", "access_problem" }
local severities = { "sev2", "sev3", "sev3", "sev4" }
local problems = { "signed offer letter not received", "panel double-booked for the onsite loop",
  "background check pending with the vendor", "offer e-signature link expired", "resume could not be parsed",
  "start date differs between ATS and HRIS" }

wrk.headers["Content-Type"] = "application/json"

local counter = 0

function make_request()
  counter = counter + 1
  local problem = pick(problems)
  local body = string.format(
    '{"type":"%s","title":"Bench %d-%d: %s","description":"Raised by the benchmark: %s. Please check the candidate profile.",' ..
    '"severity":"%s","candidate":{"ats":"greenhouse","external_id":"%d"},"labels":["bench"]}',
    pick(types), thread_number or 0, counter, problem, problem, pick(severities), 90000000 + math.random(1, 200000))
  return wrk.format("POST", "/api/v1/tickets", nil, body)
end
