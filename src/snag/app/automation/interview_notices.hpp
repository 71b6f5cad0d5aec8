#pragma once
// Interviews of candidates with open tickets, announced to hiring managers
// (domain/automation/interview_notice.hpp says when).
//
// record_interview runs inside the write that applies an interview event: it keeps the
// interview's last known state (time, cancelled) and queues one `interview.notice` job per
// planned notice, keyed by connector, interview, time and kind, so that a redelivered or
// replayed event queues nothing new. The job (jobs/automation_job.hpp) calls
// send_interview_notice, which checks the stored interview again (a cancelled or moved one is not
// announced at its old time) and notifies, for each of the candidate's open tickets, the
// hiring managers of the ticket's team who may see it (notifier.hpp): in the app, by email, live.

#include <chrono>
#include <cstddef>
#include <string_view>

#include <nlohmann/json.hpp>

#include <snag/app/ports/store.hpp>
#include <snag/domain/ats/ats_event.hpp>
#include <snag/domain/catalog.hpp>

namespace snag {

inline constexpr std::string_view k_interview_notice_job = "interview.notice";

// Stores what an interview.scheduled or interview.cancelled event says of the interview and
// queues its notices. REQUIRES: the event is the newest applied to its object (the caller keeps
// that order). A cancellation of an interview Snag never heard of, or a scheduling without a
// candidate, changes nothing.
Result<void> record_interview(WriteTransaction& tx, std::string_view connector, const AtsEvent& event,
                              std::chrono::hours horizon, Timestamp now);

// Sends the notice a job's payload describes, if it is still due; returns how many people were
// notified. invalid_argument for a payload that is not one record_interview wrote.
Result<std::size_t> send_interview_notice(WriteTransaction& tx, const Catalog& catalog, const nlohmann::json& payload,
                                          Timestamp now);

}  // namespace snag
