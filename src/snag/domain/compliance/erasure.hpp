#pragma once
// An erasure request (GDPR Art. 17, CCPA "delete") for one candidate, made through the API or by
// the ATS's candidate.deleted / candidate.anonymized events. It is carried out by a job: every
// ticket, comment, journal entry and notification about the candidate, and the candidate's
// profile, lose their personal data (redaction.hpp). While a legal hold covers the candidate or
// one of its tickets the request waits as `held`, and completes when the last hold is released.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <snag/domain/candidate.hpp>
#include <snag/domain/ids.hpp>
#include <snag/util/time.hpp>

namespace snag {

enum class ErasureStatus { pending, held, completed };

std::string_view to_string(ErasureStatus status);
std::optional<ErasureStatus> parse_erasure_status(std::string_view text);

// What a completed request erased: the completion report.
struct ErasureReport {
  bool candidate_found = false;  // Snag had a profile of the candidate
  std::vector<TicketId> tickets;
  std::int64_t comments = 0;
  std::int64_t journal_entries = 0;
  std::int64_t notifications = 0;
  std::int64_t deliveries = 0;  // raw ATS webhook bodies that mention the candidate
  std::int64_t incidents = 0;   // whose title, log or post-mortem named the candidate (mentions.hpp)
  std::int64_t changes = 0;     // change records whose summary named the candidate
};

struct ErasureRequest {
  ErasureRequestId id;
  CandidateRef candidate;
  std::string source;  // "api", or "ats:<connector>" for an ATS event
  std::string requested_by;
  Timestamp requested_at;
  ErasureStatus status = ErasureStatus::pending;
  std::vector<LegalHoldId> held_by;  // while held: the holds it waits for
  std::optional<Timestamp> completed_at;
  ErasureReport report;
};

}  // namespace snag
