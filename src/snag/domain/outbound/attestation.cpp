#include <snag/domain/outbound/attestation.hpp>

namespace snag {

std::string_view to_string(AttestationStatus status) {
  switch (status) {
    case AttestationStatus::current: return "current";
    case AttestationStatus::unregistered: return "unregistered";
    case AttestationStatus::soc2_missing: return "soc2_missing";
    case AttestationStatus::soc2_expired: return "soc2_expired";
    case AttestationStatus::iso27001_missing: return "iso27001_missing";
    case AttestationStatus::iso27001_expired: return "iso27001_expired";
  }
  return "unregistered";
}

AttestationStatus attestation_status(const std::optional<VendorAttestation>& attestation, Timestamp now) {
  if (!attestation) return AttestationStatus::unregistered;
  if (!attestation->soc2_type2_expires_at) return AttestationStatus::soc2_missing;
  if (now >= *attestation->soc2_type2_expires_at) return AttestationStatus::soc2_expired;
  if (!attestation->iso27001_expires_at) return AttestationStatus::iso27001_missing;
  if (now >= *attestation->iso27001_expires_at) return AttestationStatus::iso27001_expired;
  return AttestationStatus::current;
}

}  // namespace snag
