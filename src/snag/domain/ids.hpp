#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <snag/util/strong_id.hpp>

namespace snag {

using TicketId = StrongId<struct TicketIdTag>;
using CommentId = StrongId<struct CommentIdTag>;
using ApiKeyId = StrongId<struct ApiKeyIdTag>;
using JobId = StrongId<struct JobIdTag>;
using UserId = StrongId<struct UserIdTag>;
using OAuthClientId = StrongId<struct OAuthClientIdTag>;
using DeliveryId = StrongId<struct DeliveryIdTag>;
using ReconciliationId = StrongId<struct ReconciliationIdTag>;
using LegalHoldId = StrongId<struct LegalHoldIdTag>;
using ErasureRequestId = StrongId<struct ErasureRequestIdTag>;
using IncidentId = StrongId<struct IncidentIdTag>;

// Tickets are addressed as "SNAG-42" in URLs and responses.
inline constexpr std::string_view k_ticket_key_prefix = "SNAG-";

std::string ticket_key(TicketId id);

// Accepts "SNAG-42" (any case of the prefix) or the bare number "42".
std::optional<TicketId> parse_ticket_key(std::string_view text);

}  // namespace snag
