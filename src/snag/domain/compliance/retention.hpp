#pragma once
// Retention as data (config `retention:`): how long a ticket may outlive its closing and its
// candidate's purge from the ATS. The first rule that matches a ticket's issue type (and the
// candidate's geography, when the rule names one) decides; a ticket no rule matches is kept.

#include <optional>
#include <string>
#include <vector>

#include <snag/domain/candidate.hpp>
#include <snag/domain/ids.hpp>
#include <snag/util/time.hpp>

namespace snag {

struct RetentionRule {
  std::string issue_type;                // a type's code, or "*" for every type
  std::optional<std::string> geography;  // e.g. "DE"; also matches "DE-BY"; none: any
  std::optional<int> days_after_close;   // kept N days after the ticket is resolved
  std::optional<int> days_after_purge;   // kept N days after the ATS purged the candidate
};

struct RetentionPolicy {
  std::vector<RetentionRule> rules;  // in order; the first match decides
};

// What retention needs to know of a ticket.
struct RetentionSubject {
  TicketId ticket;
  std::optional<CandidateRef> candidate;  // for the legal holds that may cover it
  std::string issue_type;
  std::optional<std::string> geography;
  std::optional<Timestamp> resolved_at;
  std::optional<Timestamp> candidate_purged_at;
};

const RetentionRule* matching_retention_rule(const RetentionPolicy& policy, const RetentionSubject& subject);

struct RetentionDeadline {
  Timestamp at;
  bool after_purge = false;  // the candidate's purge set it, not the ticket's closing
  int days = 0;
  friend bool operator==(const RetentionDeadline&, const RetentionDeadline&) = default;
};

// When the ticket's time is up: the earlier of its rule's two limits that apply (a limit
// applies once the ticket closed, or once its candidate was purged). nullopt: kept for now.
std::optional<RetentionDeadline> retention_deadline(const RetentionPolicy& policy, const RetentionSubject& subject);

// "365 days after it closed", "30 days after the ATS purged the candidate".
std::string describe(const RetentionDeadline& deadline);

}  // namespace snag
