#pragma once
// Mentions of one person in free text that is about many (incident titles, logs and post-mortems,
// change summaries). Erasure blanks a ticket about the candidate whole (redaction.hpp); an
// incident is about a system, so only the words that name the person are removed from it.

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <snag/domain/candidate.hpp>
#include <snag/domain/incidents/incident.hpp>

namespace snag {

// How a text names the candidate: the full name and the email, as the profile holds them.
// Empty when the profile has neither (a stub, or a candidate erased before).
std::vector<std::string> personal_mentions(const CandidateProfile& profile);

// `text` with each mention replaced by the redaction marker. Letters match whatever their case
// (ASCII), the words of a name match across any run of whitespace, and a mention counts only as
// whole words: "Ann Lee" is not found in "Joann Leeds".
std::string redact_mentions(std::string_view text, std::span<const std::string> mentions);

// Redacts the mentions in the incident's title, log messages and post-mortem (timeline, impact,
// root cause, contributing factors, action item titles). Returns whether anything changed.
bool redact_incident_mentions(Incident& incident, std::span<const std::string> mentions);

}  // namespace snag
