// The compliance rules (domain/compliance/): what redaction replaces and keeps, a redacted
// journal chain that verifies while a forged "redacted" entry does not, legal holds' reach, and
// retention deadlines from the first matching rule.

#include <gtest/gtest.h>

#include <snag/domain/compliance/legal_hold.hpp>
#include <snag/domain/compliance/redaction.hpp>
#include <snag/domain/compliance/retention.hpp>
#include <snag/domain/ticket_changes.hpp>

namespace snag {
namespace compliance_test {

using namespace std::chrono_literals;

const std::string k_marker(k_redaction_marker);

std::vector<JournalEntry> chain(const std::vector<std::pair<std::string, nlohmann::json>>& changes) {
  std::vector<JournalEntry> entries;
  std::string prev{k_genesis_hash};
  for (const auto& [field, value] : changes) {
    JournalEntry entry;
    entry.seq = static_cast<std::int64_t>(entries.size()) + 1;
    entry.ticket = TicketId{1};
    entry.event = entry.seq;
    entry.at = from_epoch_ms(1'000 * entry.seq);
    entry.actor = "rita";
    entry.action = "update";
    entry.field = field;
    entry.new_value = value;
    seal_journal_entry(entry, prev);
    prev = entry.hash;
    entries.push_back(entry);
  }
  return entries;
}

ChainVerdict verify(const std::vector<JournalEntry>& entries) {
  ChainVerifier verifier;
  for (const auto& entry : entries) {
    if (!verifier.add(entry)) break;
  }
  return verifier.verdict();
}

TEST(Redaction, ATicketKeepsWhatStatisticsNeedAndLosesItsText) {
  Ticket ticket;
  ticket.type = "background_check_delay";
  ticket.title = "Check for Jane Roe stuck";
  ticket.description = "SSN 123-45-6789";
  ticket.status = "in_progress";
  ticket.fields = {{"vendor_note", "Jane called"}, {"days_waiting", 12}, {"tags", {"urgent", 3}}};
  const Ticket redacted = redact_ticket(ticket);
  EXPECT_EQ(redacted.title, k_marker);
  EXPECT_EQ(redacted.description, k_marker);
  EXPECT_EQ(redacted.fields, (nlohmann::json{{"vendor_note", k_marker}, {"days_waiting", 12}, {"tags", {k_marker, 3}}}));
  EXPECT_EQ(redacted.type, ticket.type);
  EXPECT_EQ(redacted.status, ticket.status);

  Ticket silent = ticket;
  silent.description.clear();
  EXPECT_EQ(redact_ticket(silent).description, "") << "an empty description says nothing to redact";
}

TEST(Redaction, AnErasedCandidateStaysErasedWhateverIsWrittenOverIt) {
  Candidate stored{{"greenhouse", "1"}, {}, from_epoch_ms(0), from_epoch_ms(0), from_epoch_ms(5), from_epoch_ms(6)};
  Candidate incoming{{"greenhouse", "1"}, {}, from_epoch_ms(0), from_epoch_ms(9), std::nullopt, std::nullopt};
  incoming.profile = CandidateProfile{"Jane Roe", "jane@example.com", "senior", "US-CA", {{"visa", "H-1B"}}};
  const Candidate kept = keep_erasure(incoming, stored);
  EXPECT_FALSE(kept.profile.name);
  EXPECT_FALSE(kept.profile.email);
  EXPECT_EQ(kept.profile.fields, nlohmann::json::object());
  EXPECT_EQ(kept.profile.level, "senior");
  EXPECT_EQ(kept.purged_at, from_epoch_ms(5));
  EXPECT_EQ(kept.erased_at, from_epoch_ms(6));

  const Candidate fresh = keep_erasure(incoming, std::nullopt);
  EXPECT_EQ(fresh.profile.name, "Jane Roe") << "a candidate never erased keeps its profile";
}

TEST(Redaction, ARedactedChainVerifiesAndCountsTheRedactedEntries) {
  Ticket ticket;
  ticket.title = "Offer for Jane";
  ticket.status = "new";
  auto entries = chain({{std::string(k_snapshot_field), creation_journal(ticket).front().new_value},
                        {"status", "triaged"},
                        {"comment", "Jane called"},
                        {"description", "SSN 123-45-6789"}});
  for (auto& entry : entries) {
    JournalEntry redacted = redact_journal_entry(entry);
    if (redacted.new_value != entry.new_value) entry = redacted;
  }
  EXPECT_FALSE(entries[1].redacted) << "a status names no one";
  EXPECT_EQ(entries[2].new_value, k_marker);
  EXPECT_EQ(entries[0].new_value.dump().find("Jane"), std::string::npos) << entries[0].new_value.dump();
  EXPECT_NE(entries[0].new_value.dump().find("\"new\""), std::string::npos) << "the snapshot keeps the status";
  const ChainVerdict verdict = verify(entries);
  EXPECT_TRUE(verdict.ok) << verdict.reason;
  EXPECT_EQ(verdict.checked, 4);
  EXPECT_EQ(verdict.redacted, 3);
}

TEST(Redaction, AForgedRedactedMarkDoesNotHideAnEdit) {
  auto entries = chain({{"comment", "Jane called"}, {"status", "triaged"}});
  entries[0] = redact_journal_entry(entries[0]);
  entries[0].new_value = "Someone else called";  // marked redacted, yet holds a value
  EXPECT_FALSE(verify(entries).ok);
  entries[0] = redact_journal_entry(chain({{"comment", "Jane called"}, {"status", "triaged"}})[0]);
  EXPECT_TRUE(verify(entries).ok);
  entries[1].redacted = true;  // a status names no one: marking it redacted to edit it is caught
  entries[1].new_value = "closed";
  const ChainVerdict verdict = verify(entries);
  EXPECT_FALSE(verdict.ok);
  EXPECT_EQ(verdict.broken_seq, 2);
}

TEST(LegalHold, CoversItsCandidateOrItsTicketWhileActive) {
  LegalHold on_candidate;
  on_candidate.candidate = CandidateRef{"greenhouse", "1"};
  on_candidate.reason = "litigation";
  const TicketId tickets[] = {TicketId{7}};
  EXPECT_TRUE(hold_covers(on_candidate, CandidateRef{"greenhouse", "1"}, {}));
  EXPECT_FALSE(hold_covers(on_candidate, CandidateRef{"greenhouse", "2"}, tickets));
  LegalHold on_ticket;
  on_ticket.ticket = TicketId{7};
  on_ticket.reason = "litigation";
  EXPECT_TRUE(hold_covers(on_ticket, std::nullopt, tickets));
  EXPECT_FALSE(hold_covers(on_ticket, CandidateRef{"greenhouse", "1"}, {}));
  on_ticket.released_at = from_epoch_ms(1);
  EXPECT_FALSE(hold_covers(on_ticket, std::nullopt, tickets));

  EXPECT_TRUE(validate_hold(on_candidate).empty());
  LegalHold both = on_candidate;
  both.ticket = TicketId{7};
  EXPECT_EQ(validate_hold(both).size(), 1u);
  LegalHold neither;
  neither.reason = "x";
  ASSERT_EQ(validate_hold(neither).size(), 1u);
  EXPECT_EQ(validate_hold(neither)[0].field, "candidate");
}

TEST(Retention, TheFirstMatchingRuleDecidesAndTheEarlierLimitWins) {
  const RetentionPolicy policy{{
      {"background_check_delay", std::nullopt, 365, 30},
      {"*", "DE", 180, std::nullopt},
      {"*", std::nullopt, 730, 90},
  }};
  const Timestamp closed = *parse_rfc3339("2025-01-01T00:00:00Z");
  RetentionSubject check{TicketId{1}, std::nullopt, "background_check_delay", "DE-BY", closed, std::nullopt};
  auto deadline = retention_deadline(policy, check);
  ASSERT_TRUE(deadline);
  EXPECT_EQ(deadline->at, closed + 24h * 365) << "the type's own rule comes first";
  EXPECT_EQ(describe(*deadline), "365 days after it closed");

  check.candidate_purged_at = closed + 24h * 10;
  deadline = retention_deadline(policy, check);
  EXPECT_EQ(deadline->at, closed + 24h * 40);
  EXPECT_TRUE(deadline->after_purge);
  EXPECT_EQ(describe(*deadline), "30 days after the ATS purged the candidate");

  const RetentionSubject german{TicketId{2}, std::nullopt, "other", "DE-BY", closed, std::nullopt};
  EXPECT_EQ(retention_deadline(policy, german)->at, closed + 24h * 180) << "DE covers DE-BY";
  const RetentionSubject danish{TicketId{3}, std::nullopt, "other", "DEN", closed, std::nullopt};
  EXPECT_EQ(retention_deadline(policy, danish)->at, closed + 24h * 730) << "DE does not cover DEN";
  const RetentionSubject open{TicketId{4}, std::nullopt, "other", std::nullopt, std::nullopt, std::nullopt};
  EXPECT_FALSE(retention_deadline(policy, open)) << "an open ticket of a candidate still in the ATS is kept";
  EXPECT_FALSE(retention_deadline(RetentionPolicy{}, german)) << "no rule: kept";
}

}  // namespace compliance_test
}  // namespace snag
