#pragma once
// API keys as /api/v1/keys shows them, and the body that asks for a new one. A key's JSON never
// holds its secret or the secret's hash; only a freshly issued key carries "secret", once.

#include <optional>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include <snag/app/api_key_service.hpp>
#include <snag/util/error.hpp>
#include <snag/util/time.hpp>

namespace snag::http {

inline constexpr int k_max_key_lifetime_days = 3650;

// The POST /api/v1/keys body {"name", "role", "team"?, "scopes"?, "owner"?, "expires_in_days"?}.
// Null is the same as absent for the optional members.
struct ApiKeyRequest {
  std::string name;
  std::string role;
  std::optional<std::string> team;
  std::optional<std::set<std::string>> scopes;
  std::optional<std::string> owner;
  std::optional<int> expires_in_days;
};

// validation_failed naming every unknown, missing or ill-typed member.
Result<ApiKeyRequest> decode_api_key_request(const nlohmann::json& body);

// {"id", "name", "role", "team", "scopes", "owner", "created_at", "expires_at" (the effective
// expiry), "last_used_at", "revoked", "replaced_by", "due_for_rotation"}.
nlohmann::json encode_api_key(const ApiKeyRecord& key, const ApiKeyService& keys, Timestamp now);
// encode_api_key plus "secret".
nlohmann::json encode_issued_api_key(const IssuedApiKey& issued, const ApiKeyService& keys, Timestamp now);

}  // namespace snag::http
