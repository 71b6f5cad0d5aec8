// /api/v1/views end to end over the in-memory store: personal and shared views, who sees and
// changes which, and bad input answered with the field named and nothing changed.

#include "api_fixture.hpp"
#include <gtest/gtest.h>

namespace snag::http {
namespace saved_views_test {

using nlohmann::json;

struct ViewsApi {
  testing::ApiFixture fixture;
  std::string priya = fixture.bearer_for("priya", "senior_recruiter", "recruitment");
  std::string kenji = fixture.bearer_for("kenji", "sourcer", "recruitment");

  HttpResponse send(HttpMethod method, const std::string& target, const std::string& bearer,
                    const std::string& body = {}) {
    return fixture.send(method, target, body, {}, std::string_view(bearer));
  }

  json create(const std::string& bearer, const json& body) {
    const auto response = send(HttpMethod::post, "/api/v1/views", bearer, body.dump());
    EXPECT_EQ(response.status, 201U) << response.body;
    return json::parse(response.body);
  }

  std::vector<std::string> names(const std::string& bearer) {
    const auto response = send(HttpMethod::get, "/api/v1/views", bearer);
    EXPECT_EQ(response.status, 200U) << response.body;
    const auto body = json::parse(response.body);
    std::vector<std::string> out;
    for (const auto& item : body["items"]) out.push_back(item["name"]);
    return out;
  }
};

std::string field_of(const HttpResponse& response) {
  const auto body = json::parse(response.body);
  return body["errors"].empty() ? "" : body["errors"][0]["field"].get<std::string>();
}

TEST(ViewsApi, APersonSavesAViewAndReadsItBack) {
  ViewsApi api;
  const auto created = api.create(api.priya, {{"name", "My open"}, {"query", "?status=new,triaged&assignee=me"}});
  EXPECT_EQ(created["name"], "My open");
  EXPECT_EQ(created["query"], "status=new,triaged&assignee=me");  // without its '?'
  EXPECT_EQ(created["shared"], false);
  EXPECT_EQ(created["owner"], "priya");
  EXPECT_EQ(created["mine"], true);
  EXPECT_EQ(created["created_at"], created["updated_at"]);

  const auto listed = api.send(HttpMethod::get, "/api/v1/views", api.priya);
  ASSERT_EQ(listed.status, 200U) << listed.body;
  EXPECT_EQ(json::parse(listed.body)["items"], json::array({created}));
}

TEST(ViewsApi, OthersSeeOnlySharedViewsAndMayNotChangeThem) {
  ViewsApi api;
  api.create(api.priya, {{"name", "Mine"}, {"query", "assignee=me"}});
  const auto shared =
      api.create(api.priya, {{"name", "Team backlog"}, {"query", "team=recruitment"}, {"shared", true}});
  api.create(api.kenji, {{"name", "Kenji's"}, {"query", "q=visa"}});
  EXPECT_EQ(api.names(api.kenji), (std::vector<std::string>{"Kenji's", "Team backlog"}));
  EXPECT_EQ(api.names(api.priya), (std::vector<std::string>{"Mine", "Team backlog"}));

  const std::string target = "/api/v1/views/" + std::to_string(shared["id"].get<int>());
  const auto rename = api.send(HttpMethod::patch, target, api.kenji, json{{"name", "Hijacked"}}.dump());
  EXPECT_EQ(rename.status, 403U) << rename.body;
  EXPECT_EQ(api.send(HttpMethod::delete_, target, api.kenji).status, 403U);
  EXPECT_EQ(api.names(api.kenji), (std::vector<std::string>{"Kenji's", "Team backlog"}));

  // Another person's personal view is not found at all.
  const auto mine = api.create(api.priya, {{"name", "Secret"}, {"query", "severity=sev1"}});
  const std::string personal = "/api/v1/views/" + std::to_string(mine["id"].get<int>());
  EXPECT_EQ(api.send(HttpMethod::patch, personal, api.kenji, json{{"shared", true}}.dump()).status, 404U);
  EXPECT_EQ(api.send(HttpMethod::delete_, personal, api.kenji).status, 404U);
}

TEST(ViewsApi, TheOwnerRenamesSharesAndDeletes) {
  ViewsApi api;
  const auto created = api.create(api.priya, {{"name", "Open"}, {"query", "status=new"}});
  const std::string target = "/api/v1/views/" + std::to_string(created["id"].get<int>());
  api.fixture.clock().advance(std::chrono::minutes(5));
  const auto changed =
      api.send(HttpMethod::patch, target, api.priya,
               json{{"name", "Open sev1"}, {"query", "status=new&severity=sev1"}, {"shared", true}}.dump());
  ASSERT_EQ(changed.status, 200U) << changed.body;
  const auto body = json::parse(changed.body);
  EXPECT_EQ(body["name"], "Open sev1");
  EXPECT_EQ(body["query"], "status=new&severity=sev1");
  EXPECT_EQ(body["shared"], true);
  EXPECT_NE(body["updated_at"], created["updated_at"]);
  EXPECT_EQ(api.names(api.kenji), (std::vector<std::string>{"Open sev1"}));

  const auto deleted = api.send(HttpMethod::delete_, target, api.priya);
  EXPECT_EQ(deleted.status, 204U) << deleted.body;
  EXPECT_TRUE(api.names(api.priya).empty());
  EXPECT_EQ(api.send(HttpMethod::delete_, target, api.priya).status, 404U);
}

TEST(ViewsApi, BadInputNamesTheFieldAndChangesNothing) {
  ViewsApi api;
  struct Case {
    json body;
    std::string field;
  };
  const std::vector<Case> cases = {
      {{{"query", "status=new"}}, "name"},
      {{{"name", "x"}}, "query"},
      {{{"name", "two\nlines"}, {"query", ""}}, "name"},
      {{{"name", "x"}, {"query", "status=nonsense"}}, "query"},
      {{{"name", "x"}, {"query", "colour=red"}}, "query"},
      {{{"name", "x"}, {"query", "cursor=abc"}}, "query"},
      {{{"name", "x"}, {"query", "q=%zz"}}, "query"},
      {{{"name", "x"}, {"query", 42}}, "query"},
      {{{"name", "x"}, {"query", ""}, {"shared", "yes"}}, "shared"},
      {{{"name", "x"}, {"query", ""}, {"colour", "red"}}, "colour"},
  };
  for (const auto& c : cases) {
    const auto response = api.send(HttpMethod::post, "/api/v1/views", api.priya, c.body.dump());
    EXPECT_EQ(response.status, 422U) << c.body.dump() << " " << response.body;
    EXPECT_EQ(field_of(response), c.field) << c.body.dump() << " " << response.body;
  }
  EXPECT_TRUE(api.names(api.priya).empty());

  const auto created = api.create(api.priya, {{"name", "Open"}, {"query", "status=new"}});
  api.create(api.priya, {{"name", "Closed"}, {"query", "status=closed"}});
  const auto twice = api.send(HttpMethod::post, "/api/v1/views", api.priya,
                              json{{"name", "Open"}, {"query", "status=triaged"}}.dump());
  EXPECT_EQ(twice.status, 409U) << twice.body;
  const std::string target = "/api/v1/views/" + std::to_string(created["id"].get<int>());
  const auto clash = api.send(HttpMethod::patch, target, api.priya, json{{"name", "Closed"}}.dump());
  EXPECT_EQ(clash.status, 409U) << clash.body;
  const auto bad_query = api.send(HttpMethod::patch, target, api.priya, json{{"query", "severity=sev9"}}.dump());
  EXPECT_EQ(bad_query.status, 422U) << bad_query.body;
  EXPECT_EQ(field_of(bad_query), "query");
  EXPECT_EQ(api.names(api.priya), (std::vector<std::string>{"Closed", "Open"}));
  EXPECT_EQ(api.send(HttpMethod::patch, "/api/v1/views/x", api.priya, "{}").status, 404U);
}

}  // namespace saved_views_test
}  // namespace snag::http
