#pragma once
// The `outbound:` section of the configuration (README "Outgoing requests and SSRF"): which
// addresses Snag's own requests (webhooks, Slack, report deliveries, ATS batch APIs) may reach.

#include <string>
#include <string_view>

#include <snag/domain/outbound/outbound_target.hpp>
#include <snag/util/error.hpp>

namespace snag {

// Sets one key from its text: allow_private_targets (true or false), or allowed_hosts (host
// names or address literals separated by commas). invalid_argument naming `where` (the file,
// or the environment variable), the key and the problem.
Result<void> apply_outbound_value(OutboundTargetPolicy& policy, const std::string& key, const std::string& value,
                                  std::string_view where);

}  // namespace snag
