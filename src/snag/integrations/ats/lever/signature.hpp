#pragma once
// Lever sends no signature header: the body itself carries `token`, `triggeredAt` (milliseconds)
// and `signature` = hex HMAC-SHA256(key = the webhook's signature token, message = token followed
// by triggeredAt in decimal). Lever issues one signature token per event type, so a connector
// usually holds several: any of them may verify a delivery.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include <snag/integrations/ats/signature_check.hpp>

namespace snag::ats {

// The body's `signature` value for a delivery with `token` and `triggered_at_ms`.
std::string sign_lever(std::string_view token, std::int64_t triggered_at_ms, std::string_view signature_token);

// Reads only `token`, `triggeredAt`, `signature` and `id` from the body. The event id is the
// body's `id` and, where a delivery has none (Lever's test delivery), its `token`. The signed
// message does not cover the rest of the body, which is why the inbox keeps the body as received.
SignatureCheck verify_lever(std::string_view body, std::span<const std::string> signature_tokens);

}  // namespace snag::ats
