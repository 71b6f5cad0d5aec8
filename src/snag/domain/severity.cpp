#include <snag/domain/severity.hpp>

namespace snag {

std::string_view to_string(Severity severity) {
  switch (severity) {
    case Severity::sev1: return "sev1";
    case Severity::sev2: return "sev2";
    case Severity::sev3: return "sev3";
    case Severity::sev4: return "sev4";
  }
  return "sev4";
}

std::optional<Severity> parse_severity(std::string_view text) {
  for (Severity severity : k_all_severities) {
    if (to_string(severity) == text) return severity;
  }
  return std::nullopt;
}

std::string_view severity_meaning(Severity severity) {
  switch (severity) {
    case Severity::sev1:
      return "Hiring is stopped for many candidates: offers cannot be issued, the ATS sync is down.";
    case Severity::sev2:
      return "A candidate is blocked at a critical step (start date at risk, offer or background check stuck).";
    case Severity::sev3:
      return "A candidate's process is delayed but has a workaround (a missing document, a scheduling clash).";
    case Severity::sev4:
      return "Cosmetic or informational: wrong data that blocks nobody, a question, a clean-up.";
  }
  return "";
}

}  // namespace snag
