// A webhook delivery as POST /hooks/{connector} and the inbox processor see it. The first byte
// picks the vendor; the rest is header lines ("Name: value"), a blank line, and the body. The
// vendor's verifier reads the headers and the raw body (a forged delivery must be refused, not
// crash it); the body is then parsed and normalised as the processor does, whatever the
// verifier said, since a connector's secret is no guarantee of a sane payload.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_check.hpp"
#include <nlohmann/json.hpp>

#include <snag/integrations/ats/vendor.hpp>

namespace {

constexpr snag::ats::Vendor k_webhook_vendors[] = {snag::ats::Vendor::greenhouse, snag::ats::Vendor::lever,
                                                   snag::ats::Vendor::standard_webhooks};

// Splits "Name: value" lines up to the first empty line; returns what follows it.
std::string_view read_headers(std::string_view input, snag::ats::WebhookHeaders& headers) {
  while (!input.empty()) {
    const auto end = input.find('\n');
    const auto line = input.substr(0, end);
    input = end == std::string_view::npos ? std::string_view{} : input.substr(end + 1);
    if (line.empty()) break;
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    headers.add(std::string(line.substr(0, colon)), std::string(line.substr(colon + 1)));
  }
  return input;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const auto vendor = k_webhook_vendors[data[0] % std::size(k_webhook_vendors)];
  snag::ats::WebhookHeaders headers;
  const auto body = read_headers(std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1), headers);
  // Standard Webhooks signs a time: this one is where the seeds' timestamps lie.
  const snag::Timestamp now{std::chrono::milliseconds{1'700'000'000'000}};
  const std::vector<std::string> secrets{"fuzz-secret", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"};
  auto verified = snag::ats::verify_delivery(vendor, body, headers, secrets, now);
  if (!verified) snag::fuzz::check(!verified.error().message.empty(), "a refusal has no message");

  const auto json = nlohmann::json::parse(body, nullptr, false);
  if (json.is_discarded()) return 0;
  auto events = snag::ats::normalise_delivery(vendor, json, "greenhouse", now);
  if (!events) snag::fuzz::check(!events.error().message.empty(), "a refused payload has no message");
  return 0;
}
