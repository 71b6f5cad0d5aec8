// The PII detector on arbitrary text (ticket titles, descriptions and comments are any UTF-8, or
// worse when a payload lies). Beyond not crashing: findings lie inside the text, sorted and apart,
// and masking leaves a text without findings as it was.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_check.hpp"

#include <snag/domain/pii/detector.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const snag::pii::Detector detector;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto findings = detector.find(text);
  std::size_t previous_end = 0;
  for (const auto& finding : findings) {
    snag::fuzz::check(finding.begin < finding.end, "a finding is empty");
    snag::fuzz::check(finding.end <= text.size(), "a finding ends beyond the text");
    snag::fuzz::check(finding.begin >= previous_end, "findings overlap or are out of order");
    previous_end = finding.end;
  }
  const auto masked = detector.mask(text);
  if (findings.empty()) snag::fuzz::check(masked == text, "masking changed a text without findings");
  return 0;
}
