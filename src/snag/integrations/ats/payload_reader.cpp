#include <snag/integrations/ats/payload_reader.hpp>

namespace snag::ats {

std::optional<std::string> id_text(const nlohmann::json& value) {
  if (value.is_number_unsigned()) return std::to_string(value.get<std::uint64_t>());
  if (value.is_number_integer()) return std::to_string(value.get<std::int64_t>());
  if (value.is_string() && !value.get_ref<const std::string&>().empty()) return value.get<std::string>();
  return std::nullopt;
}

PayloadObject::PayloadObject(const nlohmann::json& value, std::string path, std::vector<FieldError>& errors)
    : m_path(std::move(path)), m_errors(&errors) {
  if (value.is_object()) {
    m_value = &value;
  } else {
    errors.push_back({m_path, "must be an object"});
  }
}

PayloadObject::PayloadObject(std::string path, std::vector<FieldError>& errors)
    : m_path(std::move(path)), m_errors(&errors) {}

std::string PayloadObject::path_of(std::string_view key) const {
  return m_path.empty() ? std::string(key) : m_path + "." + std::string(key);
}

void PayloadObject::error(std::string_view key, std::string message) const {
  m_errors->push_back({path_of(key), std::move(message)});
}

const nlohmann::json* PayloadObject::member(std::string_view key) const {
  if (m_value == nullptr) return nullptr;
  const auto it = m_value->find(key);
  return it == m_value->end() || it->is_null() ? nullptr : &*it;
}

PayloadObject PayloadObject::object(std::string_view key) const {
  const auto* value = member(key);
  if (value == nullptr) return PayloadObject(path_of(key), *m_errors);
  return PayloadObject(*value, path_of(key), *m_errors);
}

PayloadObject PayloadObject::required_object(std::string_view key) const {
  if (present() && member(key) == nullptr) error(key, "is required");
  return object(key);
}

std::optional<std::string> PayloadObject::id(std::string_view key) const {
  const auto* value = member(key);
  if (value == nullptr) return std::nullopt;
  auto text = id_text(*value);
  if (!text) error(key, "must be an integer or a non-empty string");
  return text;
}

std::optional<std::string> PayloadObject::required_id(std::string_view key) const {
  if (present() && member(key) == nullptr) error(key, "is required");
  return id(key);
}

std::optional<std::string> PayloadObject::text(std::string_view key) const {
  const auto* value = member(key);
  if (value == nullptr) return std::nullopt;
  if (!value->is_string()) {
    error(key, "must be a string");
    return std::nullopt;
  }
  return value->get<std::string>();
}

std::optional<std::string> PayloadObject::required_text(std::string_view key) const {
  if (present() && member(key) == nullptr) error(key, "is required");
  return text(key);
}

std::optional<Timestamp> PayloadObject::time(std::string_view key) const {
  const auto* value = member(key);
  if (value == nullptr) return std::nullopt;
  const auto parsed = value->is_string() ? parse_rfc3339(value->get_ref<const std::string&>()) : std::nullopt;
  if (!parsed) error(key, "must be an RFC 3339 date-time");
  return parsed;
}

std::optional<Timestamp> PayloadObject::required_time(std::string_view key) const {
  if (present() && member(key) == nullptr) error(key, "is required");
  return time(key);
}

std::optional<std::int64_t> PayloadObject::required_integer(std::string_view key) const {
  const auto* value = member(key);
  if (value == nullptr) {
    if (present()) error(key, "is required");
    return std::nullopt;
  }
  if (!value->is_number_integer()) {
    error(key, "must be an integer");
    return std::nullopt;
  }
  return value->get<std::int64_t>();
}

}  // namespace snag::ats
