#include <algorithm>
#include <cctype>

#include <snag/domain/incidents/change_record.hpp>

namespace snag {
namespace {

bool id_character(unsigned char c) { return std::isalnum(c) != 0 || c == '.' || c == '_' || c == ':' || c == '-'; }

}  // namespace

std::vector<FieldError> validate_change_record(const ChangeRecord& change) {
  std::vector<FieldError> errors;
  if (change.id.empty() || change.id.size() > 64 || !std::all_of(change.id.begin(), change.id.end(), id_character)) {
    errors.push_back({"id", "must be 1 to 64 letters, digits, '.', '_', ':' or '-'"});
  }
  if (change.summary.empty()) errors.push_back({"summary", "is required"});
  if (change.summary.size() > 500) errors.push_back({"summary", "must be at most 500 characters"});
  if (change.system.empty()) errors.push_back({"system", "is required"});
  if (!change.link.empty() && !change.link.starts_with("https://") && !change.link.starts_with("http://")) {
    errors.push_back({"link", "must be an http:// or https:// URL"});
  }
  return errors;
}

}  // namespace snag
