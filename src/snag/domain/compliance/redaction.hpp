#pragma once
// What erasure (GDPR Art. 17, CCPA "delete") leaves of a candidate's records. Every value that
// may name or describe the person becomes a redaction marker; what statistics need stays: the
// ticket's type, team, severity, status, candidate reference, timestamps and durations, and the
// number of comments and journal entries.

#include <string_view>

#include <nlohmann/json.hpp>

#include <snag/domain/candidate.hpp>
#include <snag/domain/journal.hpp>
#include <snag/domain/ticket.hpp>

namespace snag {

inline constexpr std::string_view k_redaction_marker = "[redacted]";

// Every string in `value`, however deep, replaced by the marker; numbers, booleans, nulls and
// the shape stay, so a redacted custom field still says that it was set.
nlohmann::json redact_strings(const nlohmann::json& value);

// The title, the description and every string of the custom fields.
Ticket redact_ticket(Ticket ticket);

// Name, email and custom fields gone. Level and geography stay: they route tickets and count in
// reports, and name no one.
CandidateProfile redact_profile(CandidateProfile profile);

// The candidate as it may be stored over `stored`: once the ATS purged it or Snag erased it,
// those times stay, and an erased candidate keeps nothing personal, so that no later event,
// sync or edit brings the person back.
Candidate keep_erasure(Candidate incoming, const std::optional<Candidate>& stored);

// The journal fields that may hold personal data: title, description, fields and comment, also
// inside the snapshot a ticket's creation is journaled as.
bool is_personal_journal_field(std::string_view field);

// The entry with the personal parts of its old and new values redacted. The content digest, and
// so the hash chain, stays as it was: the verifier accepts a redacted entry on its digest.
JournalEntry redact_journal_entry(JournalEntry entry);

// True when the entry's field may hold personal data and nothing personal is left in its values
// (redacting it again changes nothing). The verifier asks this of every entry marked redacted,
// so that the mark cannot hide an edit of a value. What it cannot check is the rest of a
// redacted entry (actor, time): its digest covered the erased values too, so only its place in
// the chain stays proven.
bool holds_only_redacted_values(const JournalEntry& entry);

}  // namespace snag
