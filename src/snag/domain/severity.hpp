#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace snag {

// sev1 is the most urgent. The order of the enumerators is the order of urgency.
enum class Severity { sev1 = 1, sev2 = 2, sev3 = 3, sev4 = 4 };

inline constexpr std::array<Severity, 4> k_all_severities{Severity::sev1, Severity::sev2, Severity::sev3,
                                                          Severity::sev4};

std::string_view to_string(Severity severity);
std::optional<Severity> parse_severity(std::string_view text);

// What each level means for a hiring team; shown in the API and the README.
std::string_view severity_meaning(Severity severity);

}  // namespace snag
