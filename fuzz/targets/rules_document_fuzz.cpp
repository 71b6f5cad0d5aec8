// A rules document as PUT /api/v1/rules takes it: YAML whose `rules:` hold triggers, conditions
// (all/any/not trees of tests on fact paths) and actions, checked against the shipped catalog. A
// rule an admin got wrong must come back as "line N: rule 'name': why", never a crash.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_check.hpp"
#include <default_catalog.hpp>

#include <snag/config/rules_yaml.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view yaml(reinterpret_cast<const char*>(data), size);
  auto rules = snag::read_rules_document(yaml, snag::testing::default_catalog());
  if (!rules) snag::fuzz::check(!rules.error().message.empty(), "a refused document has no message");
  return 0;
}
