// A configuration file (snag serve --config FILE): YAML over the shipped defaults, with the
// catalog, workflows, SLA policies, rules and their conditions, retention, identity and ATS
// sections. An operator's typo must come back as a message naming the place, never a crash.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_check.hpp"

#include <snag/config/settings.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view yaml(reinterpret_cast<const char*>(data), size);
  auto settings = snag::parse_settings(yaml, "fuzz.yaml", {});
  if (!settings) snag::fuzz::check(!settings.error().message.empty(), "a refused file has no message");
  return 0;
}
