#include <snag/http/codec/user_json.hpp>

#include <snag/http/codec/field_reader.hpp>
#include <snag/http/codec/optional_json.hpp>

namespace snag::http {

Result<NewUser> decode_new_user(const nlohmann::json& body) {
  std::vector<FieldError> errors;
  FieldReader reader(body, "", errors);
  NewUser user;
  if (auto username = reader.required_string("username")) user.username = std::move(*username);
  if (auto display_name = reader.required_string("display_name")) user.display_name = std::move(*display_name);
  if (auto role = reader.required_string("role")) user.role = std::move(*role);
  if (const auto* team = reader.find("team"); team != nullptr && !team->is_null()) {
    user.team = decode_string(*team, "team", errors);
  }
  if (auto password = reader.required_string("password")) user.password = std::move(*password);
  if (const auto* email = reader.find("email"); email != nullptr && !email->is_null()) {
    user.email = decode_string(*email, "email", errors);
  }
  reader.reject_unknown({"id", "created_at"});
  if (!errors.empty()) return fail_validation(std::move(errors));
  return user;
}

Result<UserChanges> decode_user_changes(const nlohmann::json& body) {
  std::vector<FieldError> errors;
  FieldReader reader(body, "", errors);
  UserChanges changes;
  const auto text = [&](std::string_view name, std::optional<std::string>& target) {
    if (const auto* value = reader.find(name)) target = decode_string(*value, std::string(name), errors);
  };
  text("display_name", changes.display_name);
  text("role", changes.role);
  text("password", changes.password);
  if (const auto* team = reader.find("team")) {
    changes.team = team->is_null() ? std::optional<std::string>{} : decode_string(*team, "team", errors);
  }
  if (const auto* email = reader.find("email")) {
    changes.email = email->is_null() ? std::optional<std::string>{} : decode_string(*email, "email", errors);
  }
  if (const auto* disabled = reader.find("disabled")) {
    if (disabled->is_boolean()) {
      changes.disabled = disabled->get<bool>();
    } else {
      errors.push_back({"disabled", "must be true or false"});
    }
  }
  reader.reject_unknown({"id", "created_at", "username"});  // a username is for good: tickets name it
  if (!errors.empty()) return fail_validation(std::move(errors));
  return changes;
}

nlohmann::json encode_user(const UserRecord& user) {
  return {{"id", user.id.value},
          {"username", user.username},
          {"display_name", user.display_name},
          {"role", user.role},
          {"team", optional_text(user.team)},
          {"email", optional_text(user.email)},
          {"disabled", user.disabled},
          {"created_at", format_rfc3339(user.created_at)}};
}

}  // namespace snag::http
