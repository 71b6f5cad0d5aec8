#pragma once
// Severity protocols: what each incident severity obliges the organisation to do, as data
// (config/snag.default.yaml `severity_protocols:`). A Sev-1 (offers cannot be issued) wants a
// first response within minutes, updates every half hour and a post-mortem; a Sev-4 wants
// neither. The incident rules (incident.hpp) read them; nothing else decides these obligations.

#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <snag/domain/severity.hpp>
#include <snag/util/error.hpp>

namespace snag {

// Who an incident's protocol notifies when it is declared.
struct ProtocolRecipient {
  enum class Kind { commander, role, user };
  Kind kind = Kind::commander;
  std::string name;  // the role's code or the username; empty for the commander

  friend bool operator==(const ProtocolRecipient&, const ProtocolRecipient&) = default;
};

// "commander", "role:hrbp" or "user:nina"; nullopt for anything else.
std::optional<ProtocolRecipient> parse_protocol_recipient(std::string_view text);
std::string to_string(const ProtocolRecipient& recipient);

struct SeverityProtocol {
  Severity severity = Severity::sev4;
  std::string example;  // what an incident of this level looks like, for people declaring one
  std::chrono::minutes respond_within{0};
  std::optional<std::chrono::minutes> update_every;  // none: no status updates are due
  std::vector<ProtocolRecipient> notify;
  bool postmortem_required = false;
};

// One protocol per severity, each with a positive response target and update interval:
// invalid_argument naming the level otherwise.
Result<void> validate_severity_protocols(std::span<const SeverityProtocol> protocols);

// The protocol of `severity`; nullptr when the list has none (validated lists always do).
const SeverityProtocol* find_protocol(std::span<const SeverityProtocol> protocols, Severity severity);

}  // namespace snag
