#include <snag/http/codec/api_key_json.hpp>

#include <snag/http/codec/field_reader.hpp>
#include <snag/http/codec/optional_json.hpp>

namespace snag::http {

Result<ApiKeyRequest> decode_api_key_request(const nlohmann::json& body) {
  std::vector<FieldError> errors;
  FieldReader reader(body, "", errors);
  ApiKeyRequest request;
  if (auto name = reader.required_string("name")) request.name = std::move(*name);
  if (auto role = reader.required_string("role")) request.role = std::move(*role);
  const auto optional_string = [&](std::string_view name, std::optional<std::string>& target) {
    const auto* value = reader.find(name);
    if (value != nullptr && !value->is_null()) target = decode_string(*value, std::string(name), errors);
  };
  optional_string("team", request.team);
  optional_string("owner", request.owner);
  if (const auto* scopes = reader.find("scopes"); scopes != nullptr && !scopes->is_null()) {
    if (auto list = decode_string_list(*scopes, "scopes", errors)) {
      request.scopes = std::set<std::string>(list->begin(), list->end());
    }
  }
  if (const auto* days = reader.find("expires_in_days"); days != nullptr && !days->is_null()) {
    const bool integral = days->is_number_integer();
    const auto value = integral ? days->get<std::int64_t>() : 0;
    if (!integral || value < 1 || value > k_max_key_lifetime_days) {
      errors.push_back({"expires_in_days", "must be an integer from 1 to " + std::to_string(k_max_key_lifetime_days)});
    } else {
      request.expires_in_days = static_cast<int>(value);
    }
  }
  reader.reject_unknown({"id", "created_at", "expires_at", "last_used_at", "revoked", "replaced_by",
                         "due_for_rotation", "secret"});
  if (!errors.empty()) return fail_validation(std::move(errors));
  return request;
}

nlohmann::json encode_api_key(const ApiKeyRecord& key, const ApiKeyService& keys, Timestamp now) {
  nlohmann::json scopes = nullptr;
  if (key.scopes) scopes = nlohmann::json(std::vector<std::string>(key.scopes->begin(), key.scopes->end()));
  return {{"id", key.id.value},
          {"name", key.name},
          {"role", key.role},
          {"team", optional_text(key.team)},
          {"scopes", std::move(scopes)},
          {"owner", optional_text(key.owner)},
          {"created_at", format_rfc3339(key.created_at)},
          {"expires_at", optional_time(keys.effective_expiry(key))},
          {"last_used_at", optional_time(key.last_used_at)},
          {"revoked", key.revoked},
          {"replaced_by", key.replaced_by ? nlohmann::json(key.replaced_by->value) : nlohmann::json(nullptr)},
          {"due_for_rotation", keys.is_due_for_rotation(key, now)}};
}

nlohmann::json encode_issued_api_key(const IssuedApiKey& issued, const ApiKeyService& keys, Timestamp now) {
  auto json = encode_api_key(issued.record, keys, now);
  json["secret"] = issued.secret;
  return json;
}

}  // namespace snag::http
