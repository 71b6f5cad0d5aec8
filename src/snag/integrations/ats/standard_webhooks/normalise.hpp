#pragma once
// Deliveries a Standard Webhooks sender makes in Snag's own neutral shape:
//
//   {"type": "offer.expired", "timestamp": "<RFC 3339>",
//    "data": {"candidate": {"external_id", "ats"?, "name"?, "email"?, "level"?, "geography"?, "fields"?},
//             "object"?, "stage"?, "application_id"?, "merged_into"?, "merged_from"?, …}}
//
// Validated strictly, since the sender writes Snag's vocabulary: the type must be one of the
// neutral types (not "recorded"), the candidate must be named, every known member must have its
// type, and candidate.merged must say merged_into. Members of data other than those above are
// kept as the event's detail. `object` defaults to "candidate:<external_id>".
//
// data.candidate.ats may be left out; when given it must be the connector's own ATS, so that one
// connector's secret cannot speak for another ATS's candidates.

#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include <snag/domain/ats/ats_event.hpp>
#include <snag/util/error.hpp>

namespace snag::ats {

Result<std::vector<AtsEvent>> normalise_standard_webhooks(const nlohmann::json& body, std::string_view ats);

}  // namespace snag::ats
