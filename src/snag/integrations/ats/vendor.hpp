#pragma once
// The vendors a connector can speak for, and one entry point per step of a delivery (verify, then
// normalise) that hands the work to the vendor's own code.

#include <array>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include <snag/domain/ats/ats_event.hpp>
#include <snag/integrations/ats/signature_check.hpp>
#include <snag/integrations/ats/webhook_headers.hpp>
#include <snag/util/error.hpp>
#include <snag/util/time.hpp>

namespace snag::ats {

// csv is the batch import: it has files, not webhooks.
enum class Vendor { greenhouse, lever, standard_webhooks, csv };

inline constexpr std::array<Vendor, 4> k_all_vendors{Vendor::greenhouse, Vendor::lever, Vendor::standard_webhooks,
                                                     Vendor::csv};

// "greenhouse", "lever", "standard_webhooks", "csv".
std::string_view to_string(Vendor vendor);
std::optional<Vendor> parse_vendor(std::string_view text);

// Checks a delivery's signature with the connector's secrets. `now` is used only where the
// vendor signs a time (Standard Webhooks); Greenhouse and Lever sign none.
// REQUIRES: `body` is the request body exactly as received.
SignatureCheck verify_delivery(Vendor vendor, std::string_view body, const WebhookHeaders& headers,
                               std::span<const std::string> secrets, Timestamp now);

// The events of a verified delivery's parsed body. `ats` is the connector's ATS name;
// `received_at` (when Snag received the delivery, stored with it) dates the Greenhouse events
// whose payload dates no change.
Result<std::vector<AtsEvent>> normalise_delivery(Vendor vendor, const nlohmann::json& body, std::string_view ats,
                                                 Timestamp received_at);

}  // namespace snag::ats
