#pragma once
// Lever webhook bodies, {"event", "triggeredAt", "data": {…}, "token", "signature"}, as
// vendor-neutral events. occurred_at is triggeredAt (milliseconds), which every delivery has.
//
// The candidate's external id is data.opportunityId, else data.candidateId: Lever's API calls an
// opportunity a candidate, and that is the id its API looks candidates up by (data.contactId, the
// person behind several opportunities, is kept in detail). Pipeline events are ordered on
// "opportunity:<id>", interview events on "interview:<id>". Lever's webhooks carry stage ids, not
// names, so `stage` is the id of the stage moved to.
//
// candidateArchiveChange: archiving becomes application.rejected and unarchiving
// application.stage_changed. The archive reason arrives only as an id, and Lever archives hired
// opportunities too, with a "Hired" reason; candidateHired is sent for those as well, so a
// consumer that must tell the two apart reads detail.archive_reason.

#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include <snag/domain/ats/ats_event.hpp>
#include <snag/util/error.hpp>

namespace snag::ats {

// `ats` is the connector's ATS name, used for every CandidateRef. A delivery whose data is empty
// (Lever's test delivery from its settings page) is recorded with no candidate; any other
// delivery must name its opportunity or candidate.
Result<std::vector<AtsEvent>> normalise_lever(const nlohmann::json& body, std::string_view ats);

}  // namespace snag::ats
