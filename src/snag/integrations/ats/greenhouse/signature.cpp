#include <snag/integrations/ats/greenhouse/signature.hpp>

#include <snag/util/crypto.hpp>

namespace snag::ats {

namespace {
constexpr std::string_view k_scheme = "sha256";
}  // namespace

std::string sign_greenhouse(std::string_view secret, std::string_view body) {
  return std::string(k_scheme) + " " + hmac_sha256_hex(secret, body);
}

SignatureCheck verify_greenhouse(std::string_view body, const WebhookHeaders& headers,
                                 std::span<const std::string> secrets) {
  if (!has_usable_key(secrets)) {
    return refuse(RefusalReason::no_usable_secret, "the connector has no Greenhouse secret configured");
  }
  const auto header = headers.find(k_greenhouse_signature_header);
  if (!header) return refuse(RefusalReason::missing_header, "the Signature header is missing");

  const auto space = header->find(' ');
  const std::string_view scheme = header->substr(0, space);
  const std::string_view hex = space == std::string_view::npos ? std::string_view{} : header->substr(space + 1);
  if (scheme != k_scheme || !is_sha256_hex(hex)) {
    return refuse(RefusalReason::malformed_header, "the Signature header must be 'sha256 ' and 64 hex digits");
  }
  if (!hex_hmac_matches_any(secrets, body, hex)) {
    return refuse(RefusalReason::signature_mismatch, "the Signature header does not match the body");
  }

  const auto event_id = headers.find(k_greenhouse_event_id_header);
  if (!event_id || event_id->empty()) {
    return refuse(RefusalReason::missing_header, "the Greenhouse-Event-ID header is missing");
  }
  return VerifiedDelivery{std::string(*event_id)};
}

}  // namespace snag::ats
