#include <snag/integrations/ats/greenhouse/candidate_profile.hpp>

namespace snag::ats {

namespace {

std::optional<std::string> full_name(const PayloadObject& candidate) {
  std::string name = candidate.text("first_name").value_or("");
  const std::string last_name = candidate.text("last_name").value_or("");
  if (!name.empty() && !last_name.empty()) name += ' ';
  name += last_name;
  if (name.empty()) return std::nullopt;
  return name;
}

std::optional<std::string> preferred_email(const PayloadObject& candidate) {
  const auto* addresses = candidate.member("email_addresses");
  if (addresses == nullptr) return std::nullopt;
  if (!addresses->is_array()) {
    candidate.error("email_addresses", "must be an array");
    return std::nullopt;
  }
  std::optional<std::string> first;
  for (const auto& address : *addresses) {
    const auto value = address.find("value");
    if (!address.is_object() || value == address.end() || !value->is_string() ||
        value->get_ref<const std::string&>().empty()) {
      continue;
    }
    const auto type = address.find("type");
    if (type != address.end() && type->is_string() && type->get_ref<const std::string&>() == "personal") {
      return value->get<std::string>();
    }
    if (!first) first = value->get<std::string>();
  }
  return first;
}

// Webhooks and Harvest's keyed_custom_fields hold {"name", "type", "value"} per key; Harvest's
// plain custom_fields hold the value itself.
nlohmann::json custom_field_values(const PayloadObject& candidate) {
  nlohmann::json values = nlohmann::json::object();
  const auto* fields = candidate.member("keyed_custom_fields");
  const char* name = "keyed_custom_fields";
  if (fields == nullptr) {
    fields = candidate.member("custom_fields");
    name = "custom_fields";
  }
  if (fields == nullptr) return values;
  if (!fields->is_object()) {
    candidate.error(name, "must be an object");
    return values;
  }
  for (const auto& [key, field] : fields->items()) {
    if (!field.is_object()) {
      values[key] = field;
      continue;
    }
    const auto value = field.find("value");
    values[key] = value != field.end() ? *value : nlohmann::json();
  }
  return values;
}

}  // namespace

CandidateProfile greenhouse_candidate_profile(const PayloadObject& candidate) {
  CandidateProfile profile;
  profile.name = full_name(candidate);
  profile.email = preferred_email(candidate);
  profile.fields = custom_field_values(candidate);
  return profile;
}

}  // namespace snag::ats
