#include <snag/util/jwt.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <stdexcept>

#include <snag/util/crypto.hpp>

namespace snag::jwt {

namespace {

using json = nlohmann::json;
using Limits = std::numeric_limits<std::int64_t>;

// Written out rather than dumped so that what is signed never depends on the JSON library.
constexpr std::string_view k_header = R"({"alg":"HS256","typ":"JWT"})";

struct Segments {
  std::string_view signing_input;  // "header.payload", byte for byte as received
  std::string header;
  std::string payload;
  std::string signature;
};

std::optional<Segments> split_and_decode(std::string_view token) {
  if (token.size() > k_max_token_bytes || std::count(token.begin(), token.end(), '.') != 2) return std::nullopt;
  const auto first_dot = token.find('.');
  const auto second_dot = token.find('.', first_dot + 1);
  auto header = base64url_decode(token.substr(0, first_dot));
  auto payload = base64url_decode(token.substr(first_dot + 1, second_dot - first_dot - 1));
  auto signature = base64url_decode(token.substr(second_dot + 1));
  if (!header || !payload || !signature) return std::nullopt;
  return Segments{token.substr(0, second_dot), std::move(*header), std::move(*payload), std::move(*signature)};
}

// Only a JSON object will do for a header or a claims set; anything else, or no JSON at all, is absent.
std::optional<json> parse_object(const std::string& text) {
  try {
    json value = json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (value.is_object()) return value;
  } catch (const json::exception&) {
    // allow_exceptions=false already covers syntax errors; this is for anything the library adds.
  }
  return std::nullopt;
}

tl::expected<void, Refusal> check_header(const json& header) {
  // Anything but the exact string, including a missing "alg", is an algorithm we will not run.
  const auto alg = header.find("alg");
  if (alg == header.end() || !alg->is_string() || alg->get_ref<const std::string&>() != "HS256") {
    return tl::unexpected(Refusal::unsupported_algorithm);
  }
  // A different "typ" is some other kind of token that happens to share the key; refusing it
  // keeps tokens minted for one purpose from being replayed as another.
  const auto typ = header.find("typ");
  if (typ != header.end() && (!typ->is_string() || typ->get_ref<const std::string&>() != "JWT")) {
    return tl::unexpected(Refusal::malformed);
  }
  // RFC 7515 section 4.1.11: extensions listed in "crit" must be understood, and we understand none.
  if (header.contains("crit")) return tl::unexpected(Refusal::malformed);
  return {};
}

enum class Rounding { down, up };

// NumericDate (RFC 7519 section 2) may have a fraction; it is rounded towards the stricter side.
std::optional<std::int64_t> numeric_date(const json& value, Rounding rounding) {
  if (value.is_number_integer() && !value.is_number_unsigned()) return value.get<std::int64_t>();
  if (value.is_number_unsigned()) {
    const auto unsigned_value = value.get<std::uint64_t>();
    if (unsigned_value > static_cast<std::uint64_t>(Limits::max())) return std::nullopt;
    return static_cast<std::int64_t>(unsigned_value);
  }
  if (value.is_number_float()) {
    const double whole = rounding == Rounding::down ? std::floor(value.get<double>()) : std::ceil(value.get<double>());
    // 2^63 itself is out of range, and it is exactly what Limits::max() turns into as a double.
    constexpr double k_two_to_63 = 9223372036854775808.0;
    if (!std::isfinite(whole) || whole < -k_two_to_63 || whole >= k_two_to_63) return std::nullopt;
    return static_cast<std::int64_t>(whole);
  }
  return std::nullopt;
}

// Adds a non-negative leeway without overflowing: a sum past the end of time stays there.
std::int64_t plus_leeway(std::int64_t seconds, std::int64_t leeway) {
  return seconds > Limits::max() - leeway ? Limits::max() : seconds + leeway;
}

tl::expected<Claims, Refusal> read_claims(json payload, std::int64_t now, std::int64_t leeway) {
  Claims claims;

  const auto exp = payload.find("exp");
  if (exp == payload.end()) return tl::unexpected(Refusal::malformed);
  const auto expires_at = numeric_date(*exp, Rounding::down);
  if (!expires_at) return tl::unexpected(Refusal::malformed);
  claims.expires_at = *expires_at;

  std::optional<std::int64_t> not_before;
  if (const auto nbf = payload.find("nbf"); nbf != payload.end()) {
    not_before = numeric_date(*nbf, Rounding::up);
    if (!not_before) return tl::unexpected(Refusal::malformed);
  }
  if (const auto iat = payload.find("iat"); iat != payload.end()) {
    const auto issued_at = numeric_date(*iat, Rounding::down);
    if (!issued_at) return tl::unexpected(Refusal::malformed);
    claims.issued_at = *issued_at;
  }
  for (const auto& [name, field] :
       {std::pair{"sub", &claims.subject}, std::pair{"scope", &claims.scope}, std::pair{"jti", &claims.id}}) {
    const auto found = payload.find(name);
    if (found == payload.end()) continue;
    if (!found->is_string()) return tl::unexpected(Refusal::malformed);
    *field = found->get<std::string>();
  }

  // Every claim is well-formed before time is judged, so a broken token never reads as merely expired.
  if (now >= plus_leeway(claims.expires_at, leeway)) return tl::unexpected(Refusal::expired);
  if (not_before && plus_leeway(now, leeway) < *not_before) return tl::unexpected(Refusal::not_yet_valid);

  for (const char* registered : {"sub", "scope", "iat", "exp", "jti"}) payload.erase(registered);
  claims.extra = std::move(payload);
  return claims;
}

}  // namespace

std::string sign_hs256(const Claims& claims, std::string_view key) {
  if (!claims.extra.is_object()) throw std::invalid_argument("JWT extra claims must be a JSON object");
  json payload = claims.extra;
  if (!claims.subject.empty()) payload["sub"] = claims.subject;
  if (!claims.scope.empty()) payload["scope"] = claims.scope;
  if (!claims.id.empty()) payload["jti"] = claims.id;
  payload["iat"] = claims.issued_at;
  payload["exp"] = claims.expires_at;

  std::string token = base64url_encode(k_header);
  token += '.';
  token += base64url_encode(payload.dump());
  const std::string signature = hmac_sha256(key, token);
  token += '.';
  token += base64url_encode(signature);
  return token;
}

std::string_view to_string(Refusal refusal) {
  switch (refusal) {
    case Refusal::malformed: return "malformed";
    case Refusal::unsupported_algorithm: return "unsupported_algorithm";
    case Refusal::bad_signature: return "bad_signature";
    case Refusal::expired: return "expired";
    case Refusal::not_yet_valid: return "not_yet_valid";
  }
  return "unknown";
}

tl::expected<Claims, Refusal> verify_hs256(std::string_view token, std::string_view key, std::int64_t now_seconds,
                                           std::int64_t leeway_seconds) {
  const auto segments = split_and_decode(token);
  if (!segments) return tl::unexpected(Refusal::malformed);

  const auto header = parse_object(segments->header);
  if (!header) return tl::unexpected(Refusal::malformed);
  if (const auto accepted = check_header(*header); !accepted) return tl::unexpected(accepted.error());

  if (!constant_time_equal(hmac_sha256(key, segments->signing_input), segments->signature)) {
    return tl::unexpected(Refusal::bad_signature);
  }

  auto payload = parse_object(segments->payload);
  if (!payload) return tl::unexpected(Refusal::malformed);
  // A negative leeway would make tokens expire early; that is a misconfiguration, read as none.
  return read_claims(std::move(*payload), now_seconds, std::max<std::int64_t>(leeway_seconds, 0));
}

}  // namespace snag::jwt
