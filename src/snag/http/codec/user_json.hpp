#pragma once
// Users as /api/v1/users shows them (never the password hash), and the bodies that create and
// change one.

#include <nlohmann/json.hpp>

#include <snag/app/identity/session_service.hpp>
#include <snag/util/error.hpp>

namespace snag::http {

// POST /api/v1/users: {"username", "display_name", "role", "team"?, "password"}.
Result<NewUser> decode_new_user(const nlohmann::json& body);
// PATCH /api/v1/users/{id}: any of "display_name", "role", "team" (null: none), "disabled",
// "password".
Result<UserChanges> decode_user_changes(const nlohmann::json& body);
nlohmann::json encode_user(const UserRecord& user);

}  // namespace snag::http
