#pragma once
// Greenhouse signs the raw body: `Signature: sha256 <hex HMAC-SHA256(secret, body)>`, and names
// each delivery in `Greenhouse-Event-ID`. Nothing time-dependent is signed, so a replayed
// delivery is caught only by its event id, which the inbox deduplicates on.

#include <span>
#include <string>
#include <string_view>

#include <snag/integrations/ats/signature_check.hpp>
#include <snag/integrations/ats/webhook_headers.hpp>

namespace snag::ats {

inline constexpr std::string_view k_greenhouse_signature_header = "Signature";
inline constexpr std::string_view k_greenhouse_event_id_header = "Greenhouse-Event-ID";

// The `Signature` header value for `body`: "sha256 " and the lower-case hex tag.
std::string sign_greenhouse(std::string_view secret, std::string_view body);

// REQUIRES: `body` is the request body exactly as received (Greenhouse signs its bytes, including
// its \u escapes), not a re-serialisation.
SignatureCheck verify_greenhouse(std::string_view body, const WebhookHeaders& headers,
                                 std::span<const std::string> secrets);

}  // namespace snag::ats
