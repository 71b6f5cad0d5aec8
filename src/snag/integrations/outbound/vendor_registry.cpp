#include <snag/domain/access/access_policy.hpp>
#include <snag/domain/outbound/subscription.hpp>
#include <snag/integrations/outbound/vendor_registry.hpp>

namespace snag {

namespace {

constexpr std::size_t k_max_vendor_name_length = 200;

}  // namespace

VendorRegistry::VendorRegistry(Store& store, const Clock& clock, const AccessGuard& access)
    : m_store(store), m_clock(clock), m_access(access) {}

Result<VendorStanding> VendorRegistry::upsert(const Actor& actor, const AttestationUpdate& update) const {
  if (auto allowed = m_access.require(actor, permission::vendors_admin); !allowed) {
    return tl::unexpected(std::move(allowed.error()));
  }
  std::vector<FieldError> errors;
  if (!is_vendor_code(update.vendor)) errors.push_back({"vendor", "must be 1 to 64 of a-z, 0-9, '_' and '-'"});
  if (update.name.empty() || update.name.size() > k_max_vendor_name_length) {
    errors.push_back({"name", "must be 1 to 200 characters"});
  }
  if (!errors.empty()) return fail_validation(std::move(errors));

  VendorStanding standing;
  standing.attestation.vendor = update.vendor;
  standing.attestation.name = update.name;
  standing.attestation.soc2_type2_expires_at = update.soc2_type2_expires_at;
  standing.attestation.iso27001_expires_at = update.iso27001_expires_at;
  standing.attestation.updated_at = m_clock.now();
  auto written = m_store.write(
      [&](WriteTransaction& tx) -> Result<void> { return tx.upsert_vendor_attestation(standing.attestation); });
  if (!written) return tl::unexpected(std::move(written.error()));
  standing.status = attestation_status(standing.attestation, standing.attestation.updated_at);
  return standing;
}

Result<std::vector<VendorStanding>> VendorRegistry::list(const Actor& actor) const {
  if (auto allowed = m_access.require(actor, permission::vendors_admin); !allowed) {
    return tl::unexpected(std::move(allowed.error()));
  }
  auto attestations = m_store.list_vendor_attestations();
  if (!attestations) return tl::unexpected(std::move(attestations.error()));
  const Timestamp now = m_clock.now();
  std::vector<VendorStanding> standings;
  for (auto& attestation : *attestations) {
    VendorStanding standing;
    standing.status = attestation_status(attestation, now);
    standing.attestation = std::move(attestation);
    standings.push_back(std::move(standing));
  }
  return standings;
}

}  // namespace snag
