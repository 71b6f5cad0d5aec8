#include <snag/integrations/ats/vendor.hpp>

#include <snag/integrations/ats/greenhouse/normalise.hpp>
#include <snag/integrations/ats/greenhouse/signature.hpp>
#include <snag/integrations/ats/lever/normalise.hpp>
#include <snag/integrations/ats/lever/signature.hpp>
#include <snag/integrations/ats/standard_webhooks/normalise.hpp>
#include <snag/integrations/ats/standard_webhooks/signature.hpp>

namespace snag::ats {

std::string_view to_string(Vendor vendor) {
  switch (vendor) {
    case Vendor::greenhouse: return "greenhouse";
    case Vendor::lever: return "lever";
    case Vendor::standard_webhooks: return "standard_webhooks";
    case Vendor::csv: return "csv";
  }
  return "csv";
}

std::optional<Vendor> parse_vendor(std::string_view text) {
  for (Vendor vendor : k_all_vendors) {
    if (to_string(vendor) == text) return vendor;
  }
  return std::nullopt;
}

SignatureCheck verify_delivery(Vendor vendor, std::string_view body, const WebhookHeaders& headers,
                               std::span<const std::string> secrets, Timestamp now) {
  switch (vendor) {
    case Vendor::greenhouse: return verify_greenhouse(body, headers, secrets);
    case Vendor::lever: return verify_lever(body, secrets);
    case Vendor::standard_webhooks: return verify_standard_webhooks(body, headers, secrets, now);
    case Vendor::csv: break;
  }
  return refuse(RefusalReason::no_webhooks_for_vendor, "a csv connector imports files and receives no webhooks");
}

Result<std::vector<AtsEvent>> normalise_delivery(Vendor vendor, const nlohmann::json& body, std::string_view ats,
                                                 Timestamp received_at) {
  switch (vendor) {
    case Vendor::greenhouse: return normalise_greenhouse(body, ats, received_at);
    case Vendor::lever: return normalise_lever(body, ats);
    case Vendor::standard_webhooks: return normalise_standard_webhooks(body, ats);
    case Vendor::csv: break;
  }
  return fail(ErrorCode::invalid_argument, "a csv connector imports files and receives no webhook payloads");
}

}  // namespace snag::ats
