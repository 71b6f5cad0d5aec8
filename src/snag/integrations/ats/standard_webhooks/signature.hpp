#pragma once
// Standard Webhooks (https://www.standardwebhooks.com): headers `webhook-id`, `webhook-timestamp`
// (Unix seconds) and `webhook-signature`, a space-separated list of `<version>,<base64>`. Version
// v1 is HMAC-SHA256 over "<id>.<timestamp>.<body>" keyed with the secret's bytes; a secret is
// written `whsec_` followed by the key in base64. The timestamp is signed, so a delivery outside
// the tolerance around `now` is refused: that bounds replays to the window the inbox's event-id
// deduplication covers.

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include <snag/integrations/ats/signature_check.hpp>
#include <snag/integrations/ats/webhook_headers.hpp>
#include <snag/util/error.hpp>
#include <snag/util/time.hpp>

namespace snag::ats {

inline constexpr std::string_view k_standard_webhooks_id_header = "webhook-id";
inline constexpr std::string_view k_standard_webhooks_timestamp_header = "webhook-timestamp";
inline constexpr std::string_view k_standard_webhooks_signature_header = "webhook-signature";
// The reference libraries' tolerance, in both directions.
inline constexpr std::chrono::seconds k_standard_webhooks_tolerance{5 * 60};

// The HMAC key of a secret: `whsec_` (optional, as in the reference libraries) then standard
// base64 of at least one byte. Nullopt for anything else; configuration checks secrets with it.
std::optional<std::string> standard_webhooks_key(std::string_view secret);

// The `webhook-signature` value ("v1,<base64>") for one delivery; fails when `secret` is not a
// Standard Webhooks secret.
Result<std::string> sign_standard_webhooks(std::string_view secret, std::string_view id, std::int64_t timestamp_seconds,
                                           std::string_view body);

// Accepts when any v1 signature in the header matches under any of `secrets`; other versions
// (v1a, …) are skipped. Secrets that are not Standard Webhooks secrets are skipped too.
// REQUIRES: `body` is the request body exactly as received.
SignatureCheck verify_standard_webhooks(std::string_view body, const WebhookHeaders& headers,
                                        std::span<const std::string> secrets, Timestamp now);

}  // namespace snag::ats
