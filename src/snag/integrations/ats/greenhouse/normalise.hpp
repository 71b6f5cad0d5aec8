#pragma once
// Greenhouse webhook bodies, {"action": …, "payload": {…}}, as vendor-neutral events.
//
// Every action Greenhouse documents is accepted. Candidate, application, offer and interview
// actions map to neutral types; jobs, job posts, interview stages, departments, offices,
// scorecards and deleted applications and offers are `recorded`, as is any action Greenhouse adds
// later (and its "ping").
//
// occurred_at is the payload's own time of the change: applied_at for a new application,
// rejected_at for a rejection, last_activity_at for other application changes, updated_at or
// created_at where those date the change. Many payloads date no change at all (an updated or
// deleted candidate, a merge, offers, deletions): their timestamps describe the object (when the
// candidate was created, when the offer was resolved) and ordering on them would let a deletion
// lose to an earlier update. Those events take `received_at`, the time Snag received the delivery,
// and keep the payload's own times in `detail` where they matter. Replaying a stored delivery
// with its stored received_at gives the same events.

#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include <snag/domain/ats/ats_event.hpp>
#include <snag/util/error.hpp>
#include <snag/util/time.hpp>

namespace snag::ats {

// `ats` is the connector's ATS name, used for every CandidateRef. A body of the wrong shape gives
// validation_failed naming each bad member ("payload.application.candidate.id").
Result<std::vector<AtsEvent>> normalise_greenhouse(const nlohmann::json& body, std::string_view ats,
                                                   Timestamp received_at);

}  // namespace snag::ats
