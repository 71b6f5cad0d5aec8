#pragma once
// The vendor registry's rule: a third-party destination receives ticket data only while its
// security attestations are current.
//
// "Current" means BOTH a SOC 2 Type II report and an ISO 27001 certificate are on record and
// neither has expired. Either one alone would be a weaker bar than the registry records, and
// a destination that lapses on one has lost an assurance the organisation relied on when it
// allowed it; failing closed costs a blocked delivery, failing open leaks personal data. An
// attestation is valid up to (not including) its expiry instant.

#include <optional>
#include <string>
#include <string_view>

#include <snag/util/time.hpp>

namespace snag {

struct VendorAttestation {
  std::string vendor;  // the code subscriptions name (is_vendor_code)
  std::string name;    // for people: "Acme Analytics Ltd."
  std::optional<Timestamp> soc2_type2_expires_at;
  std::optional<Timestamp> iso27001_expires_at;
  Timestamp updated_at;
};

enum class AttestationStatus {
  current,
  unregistered,  // the vendor is not in the registry
  soc2_missing,
  soc2_expired,
  iso27001_missing,
  iso27001_expired,
};

// The reason as it appears in logs, the outbox's last_error and the API ("soc2_expired", …).
std::string_view to_string(AttestationStatus status);

// The first reason the vendor may not receive data at `now`, or current. SOC 2 is judged first.
AttestationStatus attestation_status(const std::optional<VendorAttestation>& attestation, Timestamp now);

}  // namespace snag
