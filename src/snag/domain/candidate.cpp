#include <snag/domain/candidate.hpp>

namespace snag {

namespace {
constexpr std::size_t k_max_id_length = 200;

bool is_plain_identifier(std::string_view text) {
  if (text.empty() || text.size() > k_max_id_length) return false;
  for (unsigned char c : text) {
    if (c < 0x21 || c == 0x7f) return false;  // no spaces or control characters
  }
  return true;
}
}  // namespace

std::optional<CandidateRef> parse_candidate_ref(std::string_view text) {
  const auto colon = text.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  CandidateRef ref{std::string(text.substr(0, colon)), std::string(text.substr(colon + 1))};
  if (!validate_candidate_ref(ref, "").empty()) return std::nullopt;
  return ref;
}

std::string to_string(const CandidateRef& ref) { return ref.ats + ":" + ref.external_id; }

std::vector<FieldError> validate_candidate_ref(const CandidateRef& ref, std::string_view field_prefix) {
  std::vector<FieldError> errors;
  const std::string prefix(field_prefix);
  if (!is_plain_identifier(ref.ats) || ref.ats.find(':') != std::string::npos) {
    errors.push_back({prefix + "ats", "must be a non-empty name without spaces or ':' (at most 200 characters)"});
  }
  if (!is_plain_identifier(ref.external_id)) {
    errors.push_back({prefix + "external_id", "must be a non-empty id without spaces (at most 200 characters)"});
  }
  return errors;
}

}  // namespace snag
