#include <gtest/gtest.h>

#include <cctype>

#include "api_fixture.hpp"

namespace snag::http {
namespace openapi_test {

std::string lower(std::string_view text) {
  std::string out(text);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

TEST(OpenApi, DescribesEveryRouteTheRouterKnows) {
  testing::ApiFixture fixture;
  const auto doc = nlohmann::json::parse(fixture.api().openapi_document());
  EXPECT_EQ(doc["openapi"], "3.1.0");
  const auto& routes = fixture.api().router().routes();
  ASSERT_FALSE(routes.empty());
  for (const auto& route : routes) {
    const auto method = lower(to_string(route.method));
    ASSERT_TRUE(doc["paths"].contains(route.pattern)) << route.pattern;
    ASSERT_TRUE(doc["paths"][route.pattern].contains(method)) << method << " " << route.pattern;
    const auto& operation = doc["paths"][route.pattern][method];
    EXPECT_EQ(operation["operationId"], route.operation_id);
    EXPECT_TRUE(operation["responses"].contains(std::to_string(route.doc.success_status))) << route.operation_id;
    EXPECT_EQ(operation["security"].empty(), route.access == Access::open) << route.operation_id;
  }
}

TEST(OpenApi, ListsNoOperationTheRouterDoesNotServe) {
  testing::ApiFixture fixture;
  const auto doc = nlohmann::json::parse(fixture.api().openapi_document());
  const auto& routes = fixture.api().router().routes();
  std::size_t operations = 0;
  for (const auto& [path, item] : doc["paths"].items()) {
    for (const auto& [method, operation] : item.items()) {
      ++operations;
      const bool served = std::any_of(routes.begin(), routes.end(), [&](const RouteInfo& route) {
        return route.pattern == path && lower(to_string(route.method)) == method;
      });
      EXPECT_TRUE(served) << method << " " << path;
    }
  }
  EXPECT_EQ(operations, routes.size());
}

TEST(OpenApi, OperationIdsAreUnique) {
  testing::ApiFixture fixture;
  std::set<std::string> ids;
  for (const auto& route : fixture.api().router().routes()) {
    EXPECT_TRUE(ids.insert(route.operation_id).second) << route.operation_id;
  }
}

TEST(OpenApi, DeclaresThePathParametersOfEachPattern) {
  testing::ApiFixture fixture;
  const auto doc = nlohmann::json::parse(fixture.api().openapi_document());
  const auto& operation = doc["paths"]["/api/v1/candidates/{ats}/{external_id}"]["get"];
  std::vector<std::string> names;
  for (const auto& parameter : operation["parameters"]) {
    if (parameter["in"] == "path") names.push_back(parameter["name"]);
  }
  EXPECT_EQ(names, (std::vector<std::string>{"ats", "external_id"}));
}

}  // namespace openapi_test
}  // namespace snag::http
