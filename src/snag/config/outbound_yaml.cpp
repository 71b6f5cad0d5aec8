#include <algorithm>

#include <snag/config/outbound_yaml.hpp>
#include <snag/config/yaml_reading.hpp>
#include <snag/util/text.hpp>

namespace snag {

namespace {

// A host as a URL names it: no blanks, no scheme, port, path or user information.
bool is_host_text(std::string_view host) {
  return !host.empty() && std::none_of(host.begin(), host.end(), [](char c) {
    return static_cast<unsigned char>(c) <= ' ' || c == '/' || c == '@' || c == '?' || c == '#' || c == 0x7f;
  });
}

}  // namespace

Result<void> apply_outbound_value(OutboundTargetPolicy& policy, const std::string& key, const std::string& value,
                                  std::string_view where) {
  const auto bad = [&](const std::string& why) {
    return fail(ErrorCode::invalid_argument, std::string(where) + ": outbound." + key + " " + why);
  };
  if (key == "allow_private_targets") {
    if (value != "true" && value != "false") return bad("must be true or false");
    policy.allow_private_targets = value == "true";
  } else if (key == "allowed_hosts") {
    std::vector<std::string> hosts;
    for (const auto item : config_yaml::comma_list(value)) {
      if (!is_host_text(item)) return bad("must list host names or addresses, separated by commas");
      // An IPv6 literal may be written as in a URL, with its brackets; url_host drops them.
      std::string host = ascii_lower(item);
      if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
      hosts.push_back(std::move(host));
    }
    policy.allowed_hosts = std::move(hosts);
  } else {
    return bad("is not an outbound setting (allow_private_targets, allowed_hosts)");
  }
  return {};
}

}  // namespace snag
