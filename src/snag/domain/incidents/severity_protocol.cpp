#include <algorithm>

#include <snag/domain/incidents/severity_protocol.hpp>

namespace snag {

std::optional<ProtocolRecipient> parse_protocol_recipient(std::string_view text) {
  if (text == "commander") return ProtocolRecipient{ProtocolRecipient::Kind::commander, {}};
  const auto named = [&](std::string_view prefix, ProtocolRecipient::Kind kind) -> std::optional<ProtocolRecipient> {
    if (!text.starts_with(prefix) || text.size() == prefix.size()) return std::nullopt;
    return ProtocolRecipient{kind, std::string(text.substr(prefix.size()))};
  };
  if (auto role = named("role:", ProtocolRecipient::Kind::role)) return role;
  return named("user:", ProtocolRecipient::Kind::user);
}

std::string to_string(const ProtocolRecipient& recipient) {
  switch (recipient.kind) {
    case ProtocolRecipient::Kind::commander: return "commander";
    case ProtocolRecipient::Kind::role: return "role:" + recipient.name;
    case ProtocolRecipient::Kind::user: return "user:" + recipient.name;
  }
  return "commander";
}

Result<void> validate_severity_protocols(std::span<const SeverityProtocol> protocols) {
  for (const Severity severity : k_all_severities) {
    const auto count = std::count_if(protocols.begin(), protocols.end(),
                                     [&](const SeverityProtocol& protocol) { return protocol.severity == severity; });
    const std::string level(to_string(severity));
    if (count != 1) {
      return fail(ErrorCode::invalid_argument,
                  "severity_protocols: " + level + " must have exactly one protocol, not " + std::to_string(count));
    }
    const SeverityProtocol& protocol = *find_protocol(protocols, severity);
    if (protocol.respond_within <= std::chrono::minutes::zero()) {
      return fail(ErrorCode::invalid_argument, "severity_protocols: " + level + " needs a positive response target");
    }
    if (protocol.update_every && *protocol.update_every <= std::chrono::minutes::zero()) {
      return fail(ErrorCode::invalid_argument, "severity_protocols: " + level + " needs a positive update interval");
    }
  }
  return {};
}

const SeverityProtocol* find_protocol(std::span<const SeverityProtocol> protocols, Severity severity) {
  const auto found = std::find_if(protocols.begin(), protocols.end(),
                                  [&](const SeverityProtocol& protocol) { return protocol.severity == severity; });
  return found == protocols.end() ? nullptr : &*found;
}

}  // namespace snag
