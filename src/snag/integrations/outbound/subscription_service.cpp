#include <algorithm>
#include <map>

#include <snag/domain/access/access_policy.hpp>
#include <snag/domain/outbound/field_allowlist.hpp>
#include <snag/integrations/ats/standard_webhooks/signature.hpp>
#include <snag/integrations/outbound/subscription_service.hpp>
#include <snag/util/crypto.hpp>

namespace snag {

namespace {

// The Standard Webhooks specification asks for keys of 24 to 64 bytes.
constexpr std::size_t k_min_key_bytes = 24;
constexpr std::size_t k_max_key_bytes = 64;
constexpr std::size_t k_generated_key_bytes = 32;

std::optional<FieldError> check_secret(const std::string& secret) {
  const auto key = ats::standard_webhooks_key(secret);
  if (!secret.starts_with("whsec_") || !key || key->size() < k_min_key_bytes || key->size() > k_max_key_bytes) {
    return FieldError{"secret", "must be 'whsec_' followed by the base64 of 24 to 64 bytes"};
  }
  return std::nullopt;
}

}  // namespace

std::string generate_webhook_secret() {
  // random_token renders base64url; Standard Webhooks secrets are standard base64.
  const auto bytes = base64url_decode(random_token(k_generated_key_bytes));
  return "whsec_" + base64_encode(bytes.value_or(std::string{}));
}

SubscriptionService::SubscriptionService(Store& store, const Clock& clock, const AccessGuard& access,
                                         OutboundTargetPolicy targets)
    : m_store(store), m_clock(clock), m_access(access), m_targets(std::move(targets)) {}

Result<CreatedSubscription> SubscriptionService::create(const Actor& actor, NewSubscription request) const {
  if (auto allowed = m_access.require(actor, permission::subscriptions_admin); !allowed) {
    return tl::unexpected(std::move(allowed.error()));
  }
  Subscription subscription;
  subscription.name = std::move(request.name);
  subscription.url = std::move(request.url);
  subscription.vendor = std::move(request.vendor);
  subscription.events = std::move(request.events);
  subscription.field_allowlist = std::move(request.field_allowlist);
  subscription.secret = request.secret ? std::move(*request.secret) : generate_webhook_secret();
  subscription.created_at = m_clock.now();

  std::vector<FieldError> errors = validate_subscription(subscription);
  const bool url_well_formed =
      std::none_of(errors.begin(), errors.end(), [](const FieldError& error) { return error.field == "url"; });
  if (url_well_formed) {
    if (auto refused = refused_target(subscription.url, m_targets)) errors.push_back({"url", std::move(*refused)});
  }
  for (auto& error : validate_field_allowlist(subscription.field_allowlist, "field_allowlist")) {
    errors.push_back(std::move(error));
  }
  if (auto bad_secret = check_secret(subscription.secret)) errors.push_back(std::move(*bad_secret));
  if (!errors.empty()) return fail_validation(std::move(errors));

  auto written = m_store.write([&](WriteTransaction& tx) -> Result<void> {
    auto id = tx.insert_subscription(subscription);
    if (!id) return tl::unexpected(std::move(id.error()));
    subscription.id = *id;
    return {};
  });
  if (!written) return tl::unexpected(std::move(written.error()));
  CreatedSubscription created;
  created.secret = subscription.secret;
  created.subscription = std::move(subscription);
  return created;
}

Result<std::vector<SubscriptionOverview>> SubscriptionService::list(const Actor& actor) const {
  if (auto allowed = m_access.require(actor, permission::subscriptions_admin); !allowed) {
    return tl::unexpected(std::move(allowed.error()));
  }
  auto subscriptions = m_store.list_subscriptions();
  if (!subscriptions) return tl::unexpected(std::move(subscriptions.error()));
  auto stats = m_store.outbox_stats();
  if (!stats) return tl::unexpected(std::move(stats.error()));
  auto vendors = m_store.list_vendor_attestations();
  if (!vendors) return tl::unexpected(std::move(vendors.error()));

  std::map<std::int64_t, OutboxStats> stats_by_subscription;
  for (auto& entry : *stats) stats_by_subscription[entry.subscription.value] = entry;
  std::map<std::string, VendorAttestation, std::less<>> vendor_by_code;
  for (auto& vendor : *vendors) vendor_by_code[vendor.vendor] = vendor;

  const Timestamp now = m_clock.now();
  std::vector<SubscriptionOverview> overviews;
  for (auto& subscription : *subscriptions) {
    SubscriptionOverview overview;
    overview.stats.subscription = subscription.id;
    if (auto found = stats_by_subscription.find(subscription.id.value); found != stats_by_subscription.end()) {
      overview.stats = found->second;
    }
    const auto vendor = vendor_by_code.find(subscription.vendor);
    overview.attestation = attestation_status(
        vendor == vendor_by_code.end() ? std::nullopt : std::optional<VendorAttestation>(vendor->second), now);
    overview.subscription = std::move(subscription);
    overviews.push_back(std::move(overview));
  }
  return overviews;
}

Result<void> SubscriptionService::remove(const Actor& actor, SubscriptionId id) const {
  if (auto allowed = m_access.require(actor, permission::subscriptions_admin); !allowed) {
    return tl::unexpected(std::move(allowed.error()));
  }
  return m_store.write([&](WriteTransaction& tx) -> Result<void> {
    auto deleted = tx.delete_subscription(id);
    if (!deleted) return tl::unexpected(std::move(deleted.error()));
    if (!*deleted) return fail(ErrorCode::not_found, "There is no subscription " + std::to_string(id.value) + ".");
    return {};
  });
}

Result<void> SubscriptionService::enable(const Actor& actor, SubscriptionId id) const {
  if (auto allowed = m_access.require(actor, permission::subscriptions_admin); !allowed) {
    return tl::unexpected(std::move(allowed.error()));
  }
  return m_store.write([&](WriteTransaction& tx) -> Result<void> {
    auto enabled = tx.enable_subscription(id);
    if (!enabled) return tl::unexpected(std::move(enabled.error()));
    if (!*enabled) return fail(ErrorCode::not_found, "There is no subscription " + std::to_string(id.value) + ".");
    return {};
  });
}

}  // namespace snag
