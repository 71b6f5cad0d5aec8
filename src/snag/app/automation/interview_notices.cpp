#include <snag/app/automation/interview_notices.hpp>

#include <string>

#include <snag/app/automation/notifier.hpp>
#include <snag/domain/automation/interview_notice.hpp>

namespace snag {
namespace {

struct NoticeJob {
  std::string connector;
  std::string object;
  Timestamp starts_at;
  InterviewNoticeKind kind = InterviewNoticeKind::upcoming;
};

nlohmann::json to_payload(const NoticeJob& job) {
  return {{"connector", job.connector},
          {"object", job.object},
          {"starts_at", format_rfc3339(job.starts_at)},
          {"notice", to_string(job.kind)}};
}

Result<NoticeJob> from_payload(const nlohmann::json& payload) {
  const auto text = [&](const char* name) -> std::optional<std::string> {
    const auto found = payload.find(name);
    if (found == payload.end() || !found->is_string()) return std::nullopt;
    return found->get<std::string>();
  };
  const auto connector = text("connector");
  const auto object = text("object");
  const auto starts_at = text("starts_at");
  const auto notice = text("notice");
  const auto start = starts_at ? parse_rfc3339(*starts_at) : std::nullopt;
  const auto kind = notice ? parse_interview_notice_kind(*notice) : std::nullopt;
  if (!payload.is_object() || !connector || !object || !start || !kind) {
    return fail(ErrorCode::invalid_argument, "an interview.notice job needs connector, object, starts_at and notice");
  }
  return NoticeJob{*connector, *object, *start, *kind};
}

// One notice per interview, time and kind: a replayed event queues nothing new.
std::string dedupe_key(const NoticeJob& job) {
  // Appended piece by piece: g++ 12 at -O2 warns falsely about a chain of operator+ here.
  std::string key(k_interview_notice_job);
  key += ':';
  key += job.connector;
  key += ':';
  key += job.object;
  key += ':';
  key += std::to_string(to_epoch_ms(job.starts_at));
  key += ':';
  key += to_string(job.kind);
  return key;
}

Result<void> queue_notices(WriteTransaction& tx, const Interview& interview, std::chrono::hours horizon,
                           Timestamp now) {
  if (!interview.starts_at) return {};
  for (const PlannedInterviewNotice& planned : plan_interview_notices(*interview.starts_at, horizon, now)) {
    const NoticeJob job{interview.connector, interview.object, *interview.starts_at, planned.kind};
    NewJob notice;
    notice.kind = std::string(k_interview_notice_job);
    notice.payload = to_payload(job).dump();
    notice.run_at = planned.at;
    notice.dedupe_key = dedupe_key(job);
    if (auto queued = tx.enqueue_job(notice, now); !queued) return tl::unexpected(std::move(queued.error()));
  }
  return {};
}

// Names the ticket and when, never the candidate: the recipients read the rest, masked, from
// the ticket.
std::string notice_message(const Ticket& ticket, const NoticeJob& job) {
  const std::string when = format_rfc3339(job.starts_at);
  // The notifier puts the ticket's key in front.
  return ticket.type + " ticket (" + std::string(to_string(ticket.severity)) +
         ") is open and the candidate has an interview " +
         (job.kind == InterviewNoticeKind::day_before ? "tomorrow, at " : "at ") + when;
}

}  // namespace

Result<void> record_interview(WriteTransaction& tx, std::string_view connector, const AtsEvent& event,
                              std::chrono::hours horizon, Timestamp now) {
  auto known = tx.find_interview(connector, event.object);
  if (!known) return tl::unexpected(std::move(known.error()));
  Interview interview;
  if (*known) {
    interview = std::move(**known);
  } else {
    if (!event.candidate || event.type == AtsEventType::interview_cancelled) return {};
    interview.connector = std::string(connector);
    interview.object = event.object;
  }
  if (event.candidate) interview.candidate = *event.candidate;
  interview.cancelled = event.type == AtsEventType::interview_cancelled;
  if (!interview.cancelled) interview.starts_at = interview_start(event);
  interview.updated_at = now;
  if (auto stored = tx.upsert_interview(interview); !stored) return stored;
  if (interview.cancelled) return {};
  return queue_notices(tx, interview, horizon, now);
}

Result<std::size_t> send_interview_notice(WriteTransaction& tx, const Catalog& catalog, const nlohmann::json& payload,
                                          Timestamp now) {
  auto job = from_payload(payload);
  if (!job) return tl::unexpected(std::move(job.error()));
  auto interview = tx.find_interview(job->connector, job->object);
  if (!interview) return tl::unexpected(std::move(interview.error()));
  if (!*interview || !interview_notice_due((*interview)->starts_at, (*interview)->cancelled, job->starts_at, now)) {
    return std::size_t{0};
  }
  // The candidate may have been merged into another since: its tickets moved there.
  CandidateRef candidate = (*interview)->candidate;
  auto survivor = tx.merged_into(candidate);
  if (!survivor) return tl::unexpected(std::move(survivor.error()));
  if (*survivor) candidate.external_id = **survivor;
  auto tickets = tx.candidate_tickets(candidate);
  if (!tickets) return tl::unexpected(std::move(tickets.error()));

  std::size_t notified = 0;
  for (const Ticket& ticket : *tickets) {
    if (!catalog.is_open(ticket.type, ticket.status)) continue;
    NotificationRequest request;
    request.message = notice_message(ticket, *job);
    request.recipients.push_back(NotifyRecipient{NotifyRecipient::Kind::role, "hiring_manager"});
    auto sent = send_notifications(tx, catalog, ticket, {request}, "interview", now);
    if (!sent) return tl::unexpected(std::move(sent.error()));
    notified += sent->size();
  }
  return notified;
}

}  // namespace snag
