#pragma once
// When hiring managers hear of an interview of a candidate who has an open ticket: once when the
// interview comes within the horizon (at once when it is scheduled inside it), and again the day
// before, if a ticket is still open then. A manager who walks into an interview knowing that the
// candidate's background check hangs or their offer link expired can say so; one who does not
// loses the candidate's trust.
//
// The notices are planned when the ATS schedules (or moves) the interview and checked again
// when they fall due: an interview cancelled or moved since is not announced at its old time.

#include <chrono>
#include <optional>
#include <string_view>
#include <vector>

#include <snag/domain/ats/ats_event.hpp>
#include <snag/util/time.hpp>

namespace snag {

enum class InterviewNoticeKind {
  upcoming,    // the interview came within the horizon
  day_before,  // it is tomorrow
};

std::string_view to_string(InterviewNoticeKind kind);
std::optional<InterviewNoticeKind> parse_interview_notice_kind(std::string_view text);

struct PlannedInterviewNotice {
  InterviewNoticeKind kind = InterviewNoticeKind::upcoming;
  Timestamp at;
  friend bool operator==(const PlannedInterviewNotice&, const PlannedInterviewNotice&) = default;
};

// The notices of an interview at `starts_at` as planned at `now`: none once it has begun; the
// upcoming one at starts_at - horizon, or now when that has passed; the day-before one 24 hours
// before the start, when that is later than the upcoming one (an interview scheduled for this
// afternoon gets one notice, not two at once).
std::vector<PlannedInterviewNotice> plan_interview_notices(Timestamp starts_at, std::chrono::hours horizon,
                                                           Timestamp now);

// Whether a notice planned for an interview at `planned_start` is still to be sent, given what
// is known of the interview now: not cancelled, still at that time, not begun.
bool interview_notice_due(std::optional<Timestamp> known_start, bool cancelled, Timestamp planned_start, Timestamp now);

// When the interview of an interview.scheduled event starts: its detail's `starts_at` (RFC
// 3339). Greenhouse sends no scheduling webhook and Lever's names only ids, so only events that
// carry the time (Standard Webhooks) can be announced.
std::optional<Timestamp> interview_start(const AtsEvent& event);

}  // namespace snag
