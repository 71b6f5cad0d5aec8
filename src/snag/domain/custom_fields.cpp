#include <string>

#include <snag/domain/custom_fields.hpp>

namespace snag {

namespace {

bool has_bad_field_name(const nlohmann::json& fields) {
  for (const auto& item : fields.items()) {
    if (item.key().empty() || item.key().size() > k_max_field_name_length) return true;
  }
  return false;
}

}  // namespace

std::optional<FieldError> check_custom_fields(const nlohmann::json& fields, std::string_view field) {
  const std::string name(field);
  if (!fields.is_object()) return FieldError{name, "must be an object"};
  if (fields.size() > k_max_fields) return FieldError{name, "at most " + std::to_string(k_max_fields) + " fields"};
  if (has_bad_field_name(fields)) {
    return FieldError{name, "each field name must be 1 to " + std::to_string(k_max_field_name_length) + " bytes"};
  }
  if (fields.dump().size() > k_max_fields_bytes) {
    return FieldError{name, "must be at most " + std::to_string(k_max_fields_bytes) + " bytes as JSON"};
  }
  return std::nullopt;
}

}  // namespace snag
