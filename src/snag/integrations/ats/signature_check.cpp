#include <snag/integrations/ats/signature_check.hpp>

#include <algorithm>

#include <snag/util/crypto.hpp>

namespace snag::ats {

std::string_view to_string(RefusalReason reason) {
  switch (reason) {
    case RefusalReason::missing_header: return "missing_header";
    case RefusalReason::malformed_header: return "malformed_header";
    case RefusalReason::malformed_body: return "malformed_body";
    case RefusalReason::signature_mismatch: return "signature_mismatch";
    case RefusalReason::timestamp_outside_tolerance: return "timestamp_outside_tolerance";
    case RefusalReason::no_usable_secret: return "no_usable_secret";
    case RefusalReason::no_webhooks_for_vendor: return "no_webhooks_for_vendor";
  }
  return "signature_mismatch";
}

Error to_error(const SignatureRefusal& refusal) {
  switch (refusal.reason) {
    case RefusalReason::no_usable_secret: return Error{ErrorCode::internal, refusal.message, {}, {}};
    case RefusalReason::no_webhooks_for_vendor: return Error{ErrorCode::not_found, refusal.message, {}, {}};
    default: return Error{ErrorCode::unauthenticated, refusal.message, {}, {}};
  }
}

bool has_usable_key(std::span<const std::string> keys) {
  return std::any_of(keys.begin(), keys.end(), [](const std::string& key) { return !key.empty(); });
}

bool is_sha256_hex(std::string_view text) {
  return text.size() == 64 && std::all_of(text.begin(), text.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
         });
}

bool hex_hmac_matches_any(std::span<const std::string> keys, std::string_view message, std::string_view hex_signature) {
  std::string given(hex_signature);
  std::transform(given.begin(), given.end(), given.begin(),
                 [](char c) { return c >= 'A' && c <= 'F' ? static_cast<char>(c - 'A' + 'a') : c; });
  // An empty key is skipped: anyone can compute a tag under it.
  return std::any_of(keys.begin(), keys.end(), [&](const std::string& key) {
    return !key.empty() && constant_time_equal(hmac_sha256_hex(key, message), given);
  });
}

}  // namespace snag::ats
