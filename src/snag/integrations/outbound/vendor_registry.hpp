#pragma once
// The vendor registry: each third-party destination's SOC 2 Type II and ISO 27001 attestations
// and when they expire, kept through /api/v1/vendors by holders of vendors:admin. The
// deliverer consults it before every message (domain/outbound/attestation.hpp says what
// "current" means); an update takes effect on the next message, nothing is cached.

#include <optional>
#include <string>
#include <vector>

#include <snag/app/access/access_guard.hpp>
#include <snag/app/ports/clock.hpp>
#include <snag/app/ports/store.hpp>
#include <snag/domain/actor.hpp>
#include <snag/domain/outbound/attestation.hpp>

namespace snag {

struct AttestationUpdate {
  std::string vendor;
  std::string name;
  std::optional<Timestamp> soc2_type2_expires_at;  // nullopt: no report on record
  std::optional<Timestamp> iso27001_expires_at;    // nullopt: no certificate on record
};

// A vendor as the registry shows it: its record and its status now.
struct VendorStanding {
  VendorAttestation attestation;
  AttestationStatus status = AttestationStatus::unregistered;
};

// Thread-safe: holds references only; the store is.
class VendorRegistry {
 public:
  VendorRegistry(Store& store, const Clock& clock, const AccessGuard& access);

  // Creates or replaces the vendor's record. validation_failed naming vendor or name;
  // permission_denied without vendors:admin.
  Result<VendorStanding> upsert(const Actor& actor, const AttestationUpdate& update) const;
  // Every vendor, in code order.
  Result<std::vector<VendorStanding>> list(const Actor& actor) const;

 private:
  Store& m_store;
  const Clock& m_clock;
  const AccessGuard& m_access;
};

}  // namespace snag
