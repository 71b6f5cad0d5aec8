#pragma once
// Compact JWS tokens signed with HMAC-SHA256 (RFC 7515, RFC 7519, RFC 7518 section 3.2), and
// nothing else: one algorithm means no algorithm confusion ("none", or an RSA public key used as an
// HMAC secret) can be talked into.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>
#include <tl/expected.hpp>

namespace snag::jwt {

// The registered claims Snag reads, plus everything else in `extra` (for example "nbf", "iss",
// "aud"), which round-trips untouched. An empty subject, scope or id is left out of the token.
struct Claims {
  std::string subject;          // "sub"
  std::string scope;            // "scope" (RFC 8693 section 4.2: space-separated)
  std::int64_t issued_at = 0;   // "iat", seconds since the epoch; 0 when the token has none
  std::int64_t expires_at = 0;  // "exp", seconds since the epoch; always present
  std::string id;               // "jti"
  nlohmann::json extra = nlohmann::json::object();
};

// Header {"alg":"HS256","typ":"JWT"}. The key should hold at least 32 random bytes (RFC 7518
// section 3.2); nothing here checks, so that belongs where the key is configured.
// Throws std::invalid_argument if `extra` is not a JSON object, and nlohmann::json::type_error if
// a string is not valid UTF-8: both are bugs in the caller, not input to refuse.
std::string sign_hs256(const Claims& claims, std::string_view key);

enum class Refusal { malformed, unsupported_algorithm, bad_signature, expired, not_yet_valid };
std::string_view to_string(Refusal refusal);

// Longer tokens are refused as malformed before any decoding or parsing.
inline constexpr std::size_t k_max_token_bytes = 8 * 1024;

// Checks, in order: the shape (three unpadded base64url segments, at most k_max_token_bytes), the
// header (a JSON object, "alg" exactly "HS256", "typ" if present exactly "JWT", no "crit"), the
// signature over the bytes of "header.payload" as received, then the claims: "exp" required and
// numeric, expired once now >= exp + leeway; "nbf" if present not yet valid while now + leeway < nbf;
// "iat" numeric if present; "sub", "scope", "jti" strings if present.
// A missing or other "alg" is unsupported_algorithm; another "typ", a "crit", a bad claim type or
// bad shape is malformed. Nothing is read from the payload before its signature is checked.
// Never throws on bad input.
tl::expected<Claims, Refusal> verify_hs256(std::string_view token, std::string_view key, std::int64_t now_seconds,
                                           std::int64_t leeway_seconds = 0);

}  // namespace snag::jwt
