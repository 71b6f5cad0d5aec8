#include <snag/integrations/ats/standard_webhooks/signature.hpp>

#include <algorithm>
#include <charconv>
#include <vector>

#include <snag/util/crypto.hpp>

namespace snag::ats {

namespace {

constexpr std::string_view k_secret_prefix = "whsec_";
constexpr std::string_view k_version = "v1";
constexpr std::size_t k_tag_size = 32;  // HMAC-SHA256

std::string signed_content(std::string_view id, std::string_view timestamp, std::string_view body) {
  std::string content;
  content.reserve(id.size() + timestamp.size() + body.size() + 2);
  content.append(id).append(".").append(timestamp).append(".").append(body);
  return content;
}

// Unix seconds as the sender wrote them: digits only, so "+5", " 5" or "5.0" are refused.
std::optional<std::int64_t> parse_unix_seconds(std::string_view text) {
  if (text.empty() || text.size() > 15 ||
      !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  std::int64_t value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

// The decoded v1 tags of the header. Entries of other versions, not of the form
// "<version>,<base64>" or not the size of a tag are left out, so that a sender may add schemes
// this code does not know.
std::vector<std::string> v1_signatures(std::string_view header) {
  std::vector<std::string> tags;
  while (!header.empty()) {
    const auto space = header.find(' ');
    const std::string_view entry = header.substr(0, space);
    header = space == std::string_view::npos ? std::string_view{} : header.substr(space + 1);
    const auto comma = entry.find(',');
    if (comma == std::string_view::npos || entry.substr(0, comma) != k_version) continue;
    auto tag = base64_decode(entry.substr(comma + 1));
    if (tag && tag->size() == k_tag_size) tags.push_back(std::move(*tag));
  }
  return tags;
}

}  // namespace

std::optional<std::string> standard_webhooks_key(std::string_view secret) {
  if (secret.starts_with(k_secret_prefix)) secret.remove_prefix(k_secret_prefix.size());
  auto key = base64_decode(secret);
  if (!key || key->empty()) return std::nullopt;
  return key;
}

Result<std::string> sign_standard_webhooks(std::string_view secret, std::string_view id, std::int64_t timestamp_seconds,
                                           std::string_view body) {
  const auto key = standard_webhooks_key(secret);
  if (!key) return fail(ErrorCode::invalid_argument, "a Standard Webhooks secret is 'whsec_' followed by base64");
  const std::string tag = hmac_sha256(*key, signed_content(id, std::to_string(timestamp_seconds), body));
  return std::string(k_version) + "," + base64_encode(tag);
}

SignatureCheck verify_standard_webhooks(std::string_view body, const WebhookHeaders& headers,
                                        std::span<const std::string> secrets, Timestamp now) {
  std::vector<std::string> keys;
  for (const auto& secret : secrets) {
    if (auto key = standard_webhooks_key(secret)) keys.push_back(std::move(*key));
  }
  if (keys.empty()) {
    return refuse(RefusalReason::no_usable_secret, "the connector has no valid Standard Webhooks secret (whsec_…)");
  }

  const auto id = headers.find(k_standard_webhooks_id_header);
  if (!id || id->empty()) return refuse(RefusalReason::missing_header, "the webhook-id header is missing");
  const auto timestamp = headers.find(k_standard_webhooks_timestamp_header);
  if (!timestamp) return refuse(RefusalReason::missing_header, "the webhook-timestamp header is missing");
  const auto signature = headers.find(k_standard_webhooks_signature_header);
  if (!signature) return refuse(RefusalReason::missing_header, "the webhook-signature header is missing");

  const auto sent_at = parse_unix_seconds(*timestamp);
  if (!sent_at) {
    return refuse(RefusalReason::malformed_header, "the webhook-timestamp header must be Unix seconds (digits only)");
  }
  const std::int64_t now_seconds = std::chrono::floor<std::chrono::seconds>(now).time_since_epoch().count();
  const std::int64_t tolerance = k_standard_webhooks_tolerance.count();
  if (*sent_at < now_seconds - tolerance) {
    return refuse(RefusalReason::timestamp_outside_tolerance, "the webhook-timestamp is more than 5 minutes old");
  }
  if (*sent_at > now_seconds + tolerance) {
    return refuse(RefusalReason::timestamp_outside_tolerance,
                  "the webhook-timestamp is more than 5 minutes in the future");
  }

  const auto tags = v1_signatures(*signature);
  if (tags.empty()) {
    return refuse(RefusalReason::malformed_header, "the webhook-signature header holds no v1,<base64> signature");
  }
  const std::string content = signed_content(*id, *timestamp, body);
  for (const auto& key : keys) {
    const std::string expected = hmac_sha256(key, content);
    for (const auto& tag : tags) {
      if (constant_time_equal(expected, tag)) return VerifiedDelivery{std::string(*id)};
    }
  }
  return refuse(RefusalReason::signature_mismatch, "no webhook-signature matches the delivery");
}

}  // namespace snag::ats
