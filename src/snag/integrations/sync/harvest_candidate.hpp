#pragma once
// A candidate object of a Greenhouse-Harvest-style API (GET /v1/candidates) as the event that a
// webhook about the same change would have produced: candidate.updated, dated by the object's
// updated_at, ordered on "candidate:<id>" like Greenhouse's webhooks, so that a pull and a webhook
// about one candidate obey the same ordering rule.

#include <string_view>

#include <nlohmann/json.hpp>

#include <snag/domain/ats/ats_event.hpp>
#include <snag/util/error.hpp>

namespace snag::sync {

inline constexpr std::string_view k_harvest_source_action = "harvest.candidate";

// The profile is Greenhouse's (name from first_name and last_name, the personal email first, the
// custom fields by key, see greenhouse/candidate_profile.hpp); level and geography come from the
// custom fields of those names when they hold text, and stay unset otherwise (Greenhouse has no
// such attributes of its own). validation_failed names each bad member ("id", "updated_at").
Result<AtsEvent> harvest_candidate_event(const nlohmann::json& candidate, std::string_view ats);

}  // namespace snag::sync
