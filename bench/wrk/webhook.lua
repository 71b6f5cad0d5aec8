-- POST /hooks/bench-gh with signed Greenhouse deliveries prepared by bench/webhooks.py (each
-- answered only once it is durable in the inbox). Every delivery has its own event id; a run
-- longer than the file wraps around, and the repeats are answered 200 as duplicates.
dofile(os.getenv("SNAG_BENCH_WRK_DIR") .. "/common.lua")

local deliveries = {}
local next_index = 0

-- Replaces common.lua's init: the requests come from the file, not from make_request().
function init(args)
  local path = assert(os.getenv("SNAG_BENCH_WEBHOOKS"), "SNAG_BENCH_WEBHOOKS is not set")
  local thread_count = tonumber(os.getenv("SNAG_BENCH_THREADS") or "2")
  local line_number = 0
  for line in io.lines(path) do
    line_number = line_number + 1
    -- Each thread sends its own share, so that threads do not send the same ids.
    if line_number % thread_count == (thread_number or 1) - 1 then
      local id, signature, body = line:match("^([^\t]+)\t([^\t]+)\t(.*)$")
      deliveries[#deliveries + 1] = wrk.format("POST", "/hooks/bench-gh", {
        ["Content-Type"] = "application/json",
        ["Signature"] = signature,
        ["Greenhouse-Event-ID"] = id,
      }, body)
    end
  end
end

function request()
  next_index = next_index % #deliveries + 1
  return deliveries[next_index]
end
