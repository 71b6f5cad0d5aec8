#include <snag/domain/automation/interview_notice.hpp>

#include <algorithm>

namespace snag {

namespace {
constexpr std::chrono::hours k_day_before{24};
}  // namespace

std::string_view to_string(InterviewNoticeKind kind) {
  switch (kind) {
    case InterviewNoticeKind::upcoming: return "upcoming";
    case InterviewNoticeKind::day_before: return "day_before";
  }
  return "upcoming";
}

std::optional<InterviewNoticeKind> parse_interview_notice_kind(std::string_view text) {
  if (text == "upcoming") return InterviewNoticeKind::upcoming;
  if (text == "day_before") return InterviewNoticeKind::day_before;
  return std::nullopt;
}

std::vector<PlannedInterviewNotice> plan_interview_notices(Timestamp starts_at, std::chrono::hours horizon,
                                                           Timestamp now) {
  if (starts_at <= now) return {};
  const Timestamp upcoming_at = std::max(now, starts_at - horizon);
  std::vector<PlannedInterviewNotice> notices{{InterviewNoticeKind::upcoming, upcoming_at}};
  if (const Timestamp day_before_at = starts_at - k_day_before; day_before_at > upcoming_at) {
    notices.push_back({InterviewNoticeKind::day_before, day_before_at});
  }
  return notices;
}

bool interview_notice_due(std::optional<Timestamp> known_start, bool cancelled, Timestamp planned_start,
                          Timestamp now) {
  return !cancelled && known_start == planned_start && planned_start > now;
}

std::optional<Timestamp> interview_start(const AtsEvent& event) {
  if (event.type != AtsEventType::interview_scheduled) return std::nullopt;
  const auto found = event.detail.find("starts_at");
  if (found == event.detail.end() || !found->is_string()) return std::nullopt;
  return parse_rfc3339(found->get<std::string>());
}

}  // namespace snag
