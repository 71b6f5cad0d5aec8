#include <snag/integrations/ats/lever/signature.hpp>

#include <nlohmann/json.hpp>

#include <snag/util/crypto.hpp>

namespace snag::ats {

namespace {
std::string signed_message(std::string_view token, std::int64_t triggered_at_ms) {
  return std::string(token) + std::to_string(triggered_at_ms);
}

const nlohmann::json* string_member(const nlohmann::json& body, const char* name) {
  const auto it = body.find(name);
  return it != body.end() && it->is_string() && !it->get_ref<const std::string&>().empty() ? &*it : nullptr;
}
}  // namespace

std::string sign_lever(std::string_view token, std::int64_t triggered_at_ms, std::string_view signature_token) {
  return hmac_sha256_hex(signature_token, signed_message(token, triggered_at_ms));
}

SignatureCheck verify_lever(std::string_view body, std::span<const std::string> signature_tokens) {
  if (!has_usable_key(signature_tokens)) {
    return refuse(RefusalReason::no_usable_secret, "the connector has no Lever signature token configured");
  }
  const auto json = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!json.is_object()) return refuse(RefusalReason::malformed_body, "the body is not a JSON object");

  const auto* token = string_member(json, "token");
  if (token == nullptr) return refuse(RefusalReason::malformed_body, "the body's token must be a non-empty string");
  const auto triggered_at = json.find("triggeredAt");
  if (triggered_at == json.end() || !triggered_at->is_number_integer()) {
    return refuse(RefusalReason::malformed_body, "the body's triggeredAt must be an integer (milliseconds)");
  }
  const auto* signature = string_member(json, "signature");
  if (signature == nullptr || !is_sha256_hex(signature->get_ref<const std::string&>())) {
    return refuse(RefusalReason::malformed_body, "the body's signature must be 64 hex digits");
  }

  const std::string& token_text = token->get_ref<const std::string&>();
  if (!hex_hmac_matches_any(signature_tokens, signed_message(token_text, triggered_at->get<std::int64_t>()),
                            signature->get_ref<const std::string&>())) {
    return refuse(RefusalReason::signature_mismatch, "the body's signature does not match its token and triggeredAt");
  }
  const auto* id = string_member(json, "id");
  return VerifiedDelivery{id != nullptr ? id->get<std::string>() : token_text};
}

}  // namespace snag::ats
