#include <snag/http/codec/field_reader.hpp>

#include <algorithm>

namespace snag::http {

FieldReader::FieldReader(const nlohmann::json& object, std::string prefix, std::vector<FieldError>& errors)
    : m_object(object), m_prefix(std::move(prefix)), m_errors(errors) {}

const nlohmann::json* FieldReader::find(std::string_view name) {
  m_known.push_back(name);
  const auto it = m_object.find(name);
  return it == m_object.end() ? nullptr : &*it;
}

std::optional<std::string> FieldReader::required_string(std::string_view name) {
  const auto* value = find(name);
  if (value == nullptr) {
    error(name, "is required");
    return std::nullopt;
  }
  return decode_string(*value, path(name), m_errors);
}

void FieldReader::error(std::string_view name, std::string message) {
  m_errors.push_back(FieldError{path(name), std::move(message)});
}

std::string FieldReader::path(std::string_view name) const {
  return m_prefix.empty() ? std::string(name) : m_prefix + "." + std::string(name);
}

void FieldReader::reject_unknown(const std::vector<std::string_view>& read_only) {
  for (const auto& [name, value] : m_object.items()) {
    if (std::find(m_known.begin(), m_known.end(), name) != m_known.end()) continue;
    const bool is_read_only = std::find(read_only.begin(), read_only.end(), name) != read_only.end();
    error(name, is_read_only ? "is read-only" : "is not a known field");
  }
}

std::optional<std::string> decode_string(const nlohmann::json& value, const std::string& path,
                                         std::vector<FieldError>& errors) {
  if (!value.is_string()) {
    errors.push_back({path, "must be a string"});
    return std::nullopt;
  }
  return value.get<std::string>();
}

std::optional<Severity> decode_severity(const nlohmann::json& value, const std::string& path,
                                        std::vector<FieldError>& errors) {
  const auto severity = value.is_string() ? parse_severity(value.get_ref<const std::string&>()) : std::nullopt;
  if (!severity) errors.push_back({path, "must be one of sev1, sev2, sev3, sev4"});
  return severity;
}

std::optional<std::vector<std::string>> decode_string_list(const nlohmann::json& value, const std::string& path,
                                                           std::vector<FieldError>& errors) {
  if (!value.is_array()) {
    errors.push_back({path, "must be an array of strings"});
    return std::nullopt;
  }
  std::vector<std::string> items;
  bool ok = true;
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (value[i].is_string()) {
      items.push_back(value[i].get<std::string>());
    } else {
      errors.push_back({path + "[" + std::to_string(i) + "]", "must be a string"});
      ok = false;
    }
  }
  if (!ok) return std::nullopt;
  return items;
}

std::optional<nlohmann::json> decode_object(const nlohmann::json& value, const std::string& path,
                                            std::vector<FieldError>& errors) {
  if (!value.is_object()) {
    errors.push_back({path, "must be an object"});
    return std::nullopt;
  }
  return value;
}

std::optional<CandidateRef> decode_candidate_ref(const nlohmann::json& value, const std::string& path,
                                                 std::vector<FieldError>& errors) {
  if (!value.is_object()) {
    errors.push_back({path, "must be an object with ats and external_id"});
    return std::nullopt;
  }
  const auto before = errors.size();
  FieldReader reader(value, path, errors);
  auto ats = reader.required_string("ats");
  auto external_id = reader.required_string("external_id");
  reader.reject_unknown();
  if (errors.size() != before) return std::nullopt;
  return CandidateRef{std::move(*ats), std::move(*external_id)};
}

}  // namespace snag::http
