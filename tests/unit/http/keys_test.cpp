// /api/v1/keys end to end over the in-memory store: who sees and manages which key, the secret
// shown once, rotation and revocation.

#include <gtest/gtest.h>

#include "api_fixture.hpp"

namespace snag::http {
namespace keys_test {

using nlohmann::json;

struct KeysApi {
  testing::ApiFixture fixture;

  // Sends with `bearer` ("Bearer <secret>"), or the fixture's admin key when empty.
  HttpResponse send(HttpMethod method, const std::string& target, const std::string& body = {},
                    const std::string& bearer = {}) {
    if (bearer.empty()) return fixture.send(method, target, body);
    return fixture.send(method, target, body, {}, std::string_view(bearer));
  }

  // A key created by the admin; returns its JSON (with "secret").
  json create(const json& body, const std::string& bearer = {}) {
    const auto response = send(HttpMethod::post, "/api/v1/keys", body.dump(), bearer);
    EXPECT_EQ(response.status, 201U) << response.body;
    return json::parse(response.body);
  }

  json list(const std::string& bearer = {}, const std::string& query = {}) {
    const auto response = send(HttpMethod::get, "/api/v1/keys" + query, {}, bearer);
    EXPECT_EQ(response.status, 200U) << response.body;
    return json::parse(response.body)["items"];
  }

  static std::string bearer_of(const json& issued) { return "Bearer " + issued["secret"].get<std::string>(); }

  // Rita, a recruiter who owns her key; Sam, a sourcer who owns his.
  json rita() { return create({{"name", "rita"}, {"role", "recruiter"}, {"team", "recruitment"}, {"owner", "rita"}}); }
  json sam() { return create({{"name", "sam"}, {"role", "sourcer"}, {"team", "recruitment"}, {"owner", "sam"}}); }
};

std::vector<std::string> names_of(const json& items) {
  std::vector<std::string> names;
  for (const auto& item : items) names.push_back(item["name"]);
  return names;
}

TEST(KeysApi, AnAdminListsEveryKeyWithoutSecrets) {
  KeysApi api;
  const auto rita = api.rita();
  const auto sam = api.sam();
  const auto response = api.send(HttpMethod::get, "/api/v1/keys");
  ASSERT_EQ(response.status, 200U) << response.body;
  const auto items = json::parse(response.body)["items"];
  EXPECT_EQ(names_of(items), (std::vector<std::string>{"tests", "rita", "sam"}));
  EXPECT_EQ(response.body.find(rita["secret"].get<std::string>()), std::string::npos);
  EXPECT_EQ(response.body.find(sam["secret"].get<std::string>()), std::string::npos);
  for (const auto& item : items) {
    EXPECT_FALSE(item.contains("secret"));
    EXPECT_FALSE(item.contains("secret_hash"));
    for (const auto* member : {"id", "name", "role", "team", "scopes", "owner", "created_at", "expires_at",
                               "last_used_at", "revoked", "replaced_by", "due_for_rotation"}) {
      EXPECT_TRUE(item.contains(member)) << member;
    }
  }
  const auto& shown = items[1];
  EXPECT_EQ(shown["id"], rita["id"]);
  EXPECT_EQ(shown["role"], "recruiter");
  EXPECT_EQ(shown["team"], "recruitment");
  EXPECT_EQ(shown["owner"], "rita");
  EXPECT_TRUE(shown["scopes"].is_null());
  EXPECT_TRUE(shown["expires_at"].is_null());
  EXPECT_EQ(shown["revoked"], false);
  EXPECT_TRUE(shown["replaced_by"].is_null());
  EXPECT_EQ(shown["due_for_rotation"], false);
}

TEST(KeysApi, AKeyWithoutKeysAdminSeesOnlyItsOwn) {
  KeysApi api;
  const auto rita = api.rita();
  api.sam();
  // Owned by the admin, but named after Rita: she acts with it, so she sees it.
  api.create({{"name", "rita"}, {"role", "recruiter"}, {"team", "recruitment"}});
  const auto items = api.list(KeysApi::bearer_of(rita));
  EXPECT_EQ(names_of(items), (std::vector<std::string>{"rita", "rita"}));
  EXPECT_EQ(items[0]["owner"], "rita");
  EXPECT_EQ(items[1]["owner"], "tests");
  EXPECT_TRUE(api.list(KeysApi::bearer_of(rita), "?due=true").empty());
}

TEST(KeysApi, CreateShowsTheSecretOnceAndTheKeyWorks) {
  KeysApi api;
  const auto created = api.create({{"name", "ats-sync"},
                                   {"role", "recruiter"},
                                   {"team", "recruitment"},
                                   {"scopes", {"tickets:read", "tickets:write"}},
                                   {"expires_in_days", 30}});
  const auto secret = created["secret"].get<std::string>();
  EXPECT_EQ(secret.rfind("snag_", 0), 0u);
  EXPECT_EQ(created["owner"], "tests");  // the creator, by default
  EXPECT_EQ(created["scopes"], json({"tickets:read", "tickets:write"}));
  EXPECT_TRUE(created["expires_at"].is_string());
  EXPECT_EQ(api.send(HttpMethod::get, "/api/v1/tickets", {}, KeysApi::bearer_of(created)).status, 200U);

  const auto listed = api.send(HttpMethod::get, "/api/v1/keys");
  EXPECT_EQ(listed.body.find(secret), std::string::npos);
  EXPECT_EQ(listed.body.find("\"secret\""), std::string::npos);
}

TEST(KeysApi, RotationIssuesASuccessorWhileTheOldSecretStillWorks) {
  KeysApi api;
  const auto rita = api.rita();
  const auto old_bearer = KeysApi::bearer_of(rita);
  const auto path = "/api/v1/keys/" + std::to_string(rita["id"].get<std::int64_t>()) + "/rotate";
  const auto rotated = api.send(HttpMethod::post, path, {}, old_bearer);  // her own key, rotated by herself
  ASSERT_EQ(rotated.status, 201U) << rotated.body;
  const auto successor = json::parse(rotated.body);
  EXPECT_NE(successor["id"], rita["id"]);
  EXPECT_NE(successor["secret"], rita["secret"]);
  EXPECT_EQ(successor["name"], "rita");
  EXPECT_EQ(successor["owner"], "rita");
  EXPECT_TRUE(successor["previous_expires_at"].is_string()) << rotated.body;

  EXPECT_EQ(api.send(HttpMethod::get, "/api/v1/keys", {}, old_bearer).status, 200U);
  const auto items = api.list(KeysApi::bearer_of(successor));
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0]["replaced_by"], successor["id"]);
  EXPECT_EQ(items[0]["expires_at"], successor["previous_expires_at"]);

  const auto again = api.send(HttpMethod::post, path);
  EXPECT_EQ(again.status, 409U) << again.body;
}

TEST(KeysApi, TheOldSecretIsRefusedOnceTheOverlapHasPassed) {
  KeysApi api;
  const auto rita = api.rita();
  const auto path = "/api/v1/keys/" + std::to_string(rita["id"].get<std::int64_t>()) + "/rotate";
  const auto rotated = api.send(HttpMethod::post, path);
  ASSERT_EQ(rotated.status, 201U) << rotated.body;
  const auto successor = json::parse(rotated.body);
  api.fixture.clock().advance(std::chrono::hours{24} - std::chrono::minutes{1});
  EXPECT_EQ(api.send(HttpMethod::get, "/api/v1/keys", {}, KeysApi::bearer_of(rita)).status, 200U);
  api.fixture.clock().advance(std::chrono::minutes{2});
  EXPECT_EQ(api.send(HttpMethod::get, "/api/v1/keys", {}, KeysApi::bearer_of(rita)).status, 401U);
  EXPECT_EQ(api.send(HttpMethod::get, "/api/v1/keys", {}, KeysApi::bearer_of(successor)).status, 200U);
  EXPECT_EQ(api.send(HttpMethod::post, path).status, 409U);
}

TEST(KeysApi, ARevokedKeyIsRefusedAtOnce) {
  KeysApi api;
  const auto rita = api.rita();
  const auto bearer = KeysApi::bearer_of(rita);
  ASSERT_EQ(api.send(HttpMethod::get, "/api/v1/keys", {}, bearer).status, 200U);
  const auto path = "/api/v1/keys/" + std::to_string(rita["id"].get<std::int64_t>());
  const auto revoked = api.send(HttpMethod::delete_, path);
  EXPECT_EQ(revoked.status, 204U) << revoked.body;
  EXPECT_TRUE(revoked.body.empty());
  EXPECT_EQ(api.send(HttpMethod::get, "/api/v1/keys", {}, bearer).status, 401U);
  EXPECT_EQ(api.list()[1]["revoked"], true);
  EXPECT_EQ(api.send(HttpMethod::post, path + "/rotate").status, 409U);
}

TEST(KeysApi, AnothersKeyIsNotFound) {
  KeysApi api;
  const auto rita = api.rita();
  const auto sam = api.sam();
  const auto sams_bearer = KeysApi::bearer_of(sam);
  const auto path = "/api/v1/keys/" + std::to_string(rita["id"].get<std::int64_t>());
  EXPECT_EQ(api.send(HttpMethod::post, path + "/rotate", {}, sams_bearer).status, 404U);
  EXPECT_EQ(api.send(HttpMethod::delete_, path, {}, sams_bearer).status, 404U);
  EXPECT_EQ(api.send(HttpMethod::get, "/api/v1/keys", {}, KeysApi::bearer_of(rita)).status, 200U);
  // Unknown and malformed ids look the same.
  EXPECT_EQ(api.send(HttpMethod::delete_, "/api/v1/keys/999").status, 404U);
  EXPECT_EQ(api.send(HttpMethod::delete_, "/api/v1/keys/abc").status, 404U);
  EXPECT_EQ(api.send(HttpMethod::delete_, "/api/v1/keys/-1").status, 404U);
  // A key seen by name but owned by the admin is not Rita's to manage.
  const auto admins = api.create({{"name", "rita"}, {"role", "recruiter"}, {"team", "recruitment"}});
  EXPECT_EQ(api.send(HttpMethod::post, "/api/v1/keys/" + std::to_string(admins["id"].get<std::int64_t>()) + "/rotate",
                     {}, KeysApi::bearer_of(rita))
                .status,
            404U);
}

TEST(KeysApi, AKeyWithoutKeysAdminCreatesKeysOnlyForItselfAndNoMightier) {
  KeysApi api;
  const auto rita = KeysApi::bearer_of(api.rita());
  const auto post = [&](const json& body) { return api.send(HttpMethod::post, "/api/v1/keys", body.dump(), rita); };
  EXPECT_EQ(post({{"name", "rita"}, {"role", "admin"}}).status, 403U);
  EXPECT_EQ(post({{"name", "rita"}, {"role", "recruiter"}, {"owner", "sam"}}).status, 403U);
  EXPECT_EQ(post({{"name", "sam"}, {"role", "recruiter"}}).status, 403U);
  EXPECT_EQ(post({{"name", "rita"}, {"role", "recruiter"}, {"team", "legal"}}).status, 403U);
  const auto mightier = post({{"name", "rita"}, {"role", "recruiter"}, {"scopes", {"tickets:read", "keys:admin"}}});
  EXPECT_EQ(mightier.status, 403U);
  EXPECT_NE(mightier.body.find("keys:admin"), std::string::npos) << mightier.body;

  const auto narrowed = post({{"name", "rita"}, {"role", "recruiter"}, {"scopes", {"tickets:read"}}});
  ASSERT_EQ(narrowed.status, 201U) << narrowed.body;
  const auto key = json::parse(narrowed.body);
  EXPECT_EQ(key["team"], "recruitment");  // her own, by default
  EXPECT_EQ(key["owner"], "rita");
  // A narrowed key passes its narrowing on to the keys it creates.
  const auto narrowed_bearer = KeysApi::bearer_of(key);
  const auto child = api.send(HttpMethod::post, "/api/v1/keys", json{{"name", "rita"}, {"role", "recruiter"}}.dump(),
                              narrowed_bearer);
  ASSERT_EQ(child.status, 201U) << child.body;
  EXPECT_EQ(json::parse(child.body)["scopes"], json({"tickets:read"}));
  EXPECT_EQ(api.send(HttpMethod::post, "/api/v1/keys",
                     json{{"name", "rita"}, {"role", "recruiter"}, {"scopes", {"tickets:write"}}}.dump(),
                     narrowed_bearer)
                .status,
            403U);
}

TEST(KeysApi, NamesEachBadField) {
  KeysApi api;
  const auto response = api.send(HttpMethod::post, "/api/v1/keys",
                                 R"({"name": "x", "role": "admin", "expires_in_days": 0, "colour": "red"})");
  ASSERT_EQ(response.status, 422U) << response.body;
  const auto fields_of = [](const HttpResponse& problem) {
    std::vector<std::string> names;
    const auto body = json::parse(problem.body);
    for (const auto& error : body["errors"]) names.push_back(error["field"]);
    return names;
  };
  EXPECT_EQ(fields_of(response), (std::vector<std::string>{"expires_in_days", "colour"}));

  const auto unknown = api.send(HttpMethod::post, "/api/v1/keys",
                                R"({"name": "x", "role": "emperor", "scopes": ["tickets:fly"]})");
  ASSERT_EQ(unknown.status, 422U) << unknown.body;
  const auto errors = json::parse(unknown.body)["errors"];
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0]["field"], "role");
  EXPECT_EQ(errors[1]["field"], "scopes");

  const auto missing = api.send(HttpMethod::post, "/api/v1/keys", R"({"scopes": "tickets:read"})");
  ASSERT_EQ(missing.status, 422U);
  EXPECT_EQ(fields_of(missing), (std::vector<std::string>{"name", "role", "scopes"}));

  const auto bad_query = api.send(HttpMethod::get, "/api/v1/keys?due=maybe");
  ASSERT_EQ(bad_query.status, 422U);
  EXPECT_EQ(json::parse(bad_query.body)["errors"][0]["field"], "due");
}

TEST(KeysApi, CreatingRotatingAndRevokingAreInTheAccessLog) {
  KeysApi api;
  const auto rita = api.rita();
  const std::string id = std::to_string(rita["id"].get<std::int64_t>());
  const auto rotated = api.send(HttpMethod::post, "/api/v1/keys/" + id + "/rotate");
  ASSERT_EQ(rotated.status, 201U) << rotated.body;
  const std::string successor = std::to_string(json::parse(rotated.body)["id"].get<std::int64_t>());
  ASSERT_EQ(api.send(HttpMethod::delete_, "/api/v1/keys/" + successor).status, 204U);

  const auto log = api.send(HttpMethod::get, "/api/v1/access-log?action=edit");
  ASSERT_EQ(log.status, 200U) << log.body;
  const auto items = json::parse(log.body)["items"];
  std::vector<std::string> objects;
  for (const auto& item : items) {
    if (item["object"] == "api_key:1") continue;  // the fixture's own key, made before the API was up
    EXPECT_EQ(item["actor"], "tests") << item;     // the fixture's admin key
    EXPECT_EQ(item["credential"], "key:1") << item;
    objects.push_back(item["object"]);
  }
  // Newest first: the revocation, the rotation (successor, then the old key), the creation.
  EXPECT_EQ(objects, (std::vector<std::string>{"api_key:" + successor, "api_key:" + successor, "api_key:" + id,
                                               "api_key:" + id}));
}

}  // namespace keys_test
}  // namespace snag::http
