#include <snag/domain/compliance/redaction.hpp>

#include <array>

#include <snag/domain/ticket_changes.hpp>

namespace snag {
namespace {

constexpr std::array<std::string_view, 4> k_personal_fields{"title", "description", "fields", "comment"};

nlohmann::json redact_value(std::string_view field, const nlohmann::json& value) {
  if (is_personal_journal_field(field)) return redact_strings(value);
  if (field != k_snapshot_field || !value.is_array()) return value;
  // A creation snapshot: [[field, value], …].
  nlohmann::json pairs = nlohmann::json::array();
  for (const auto& pair : value) {
    if (pair.is_array() && pair.size() == 2 && pair[0].is_string()) {
      pairs.push_back(nlohmann::json::array({pair[0], redact_value(pair[0].get_ref<const std::string&>(), pair[1])}));
    } else {
      pairs.push_back(redact_strings(pair));
    }
  }
  return pairs;
}

}  // namespace

nlohmann::json redact_strings(const nlohmann::json& value) {
  if (value.is_string()) return std::string(k_redaction_marker);
  if (value.is_object()) {
    nlohmann::json redacted = nlohmann::json::object();
    for (const auto& [key, member] : value.items()) redacted[key] = redact_strings(member);
    return redacted;
  }
  if (value.is_array()) {
    nlohmann::json redacted = nlohmann::json::array();
    for (const auto& item : value) redacted.push_back(redact_strings(item));
    return redacted;
  }
  return value;
}

Ticket redact_ticket(Ticket ticket) {
  ticket.title = std::string(k_redaction_marker);
  if (!ticket.description.empty()) ticket.description = std::string(k_redaction_marker);
  ticket.fields = redact_strings(ticket.fields);
  return ticket;
}

CandidateProfile redact_profile(CandidateProfile profile) {
  profile.name.reset();
  profile.email.reset();
  profile.fields = nlohmann::json::object();
  return profile;
}

Candidate keep_erasure(Candidate incoming, const std::optional<Candidate>& stored) {
  if (stored) {
    if (!incoming.purged_at) incoming.purged_at = stored->purged_at;
    if (!incoming.erased_at) incoming.erased_at = stored->erased_at;
  }
  if (incoming.erased_at) incoming.profile = redact_profile(std::move(incoming.profile));
  return incoming;
}

bool is_personal_journal_field(std::string_view field) {
  for (std::string_view personal : k_personal_fields) {
    if (field == personal) return true;
  }
  return false;
}

JournalEntry redact_journal_entry(JournalEntry entry) {
  entry.old_value = redact_value(entry.field, entry.old_value);
  entry.new_value = redact_value(entry.field, entry.new_value);
  entry.redacted = true;
  return entry;
}

bool holds_only_redacted_values(const JournalEntry& entry) {
  if (!is_personal_journal_field(entry.field) && entry.field != k_snapshot_field) return false;
  return redact_value(entry.field, entry.old_value) == entry.old_value &&
         redact_value(entry.field, entry.new_value) == entry.new_value;
}

}  // namespace snag
