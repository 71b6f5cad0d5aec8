#pragma once
// Custom fields: a ticket's diagnostic fields and a candidate's ATS fields, free-form JSON
// objects that the API accepts within limits, so that neither becomes a document store.

#include <cstddef>
#include <optional>
#include <string_view>

#include <nlohmann/json.hpp>

#include <snag/util/error.hpp>

namespace snag {

inline constexpr std::size_t k_max_fields = 50;
inline constexpr std::size_t k_max_field_name_length = 64;
inline constexpr std::size_t k_max_fields_bytes = 16 * 1024;  // the whole object as JSON

// Why `fields` (named `field` in the error) cannot be stored: not an object, more than 50
// fields, a name empty or over 64 bytes, or over 16 KiB as JSON; nullopt when it can.
std::optional<FieldError> check_custom_fields(const nlohmann::json& fields, std::string_view field);

}  // namespace snag
