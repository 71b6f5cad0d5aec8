#include <gtest/gtest.h>

#include <snag/domain/access/visibility.hpp>

#include "../support/default_catalog.hpp"

namespace snag {
namespace visibility_test {

using testing::default_catalog;

Actor actor(std::string name, std::string role, std::optional<std::string> team = std::nullopt) {
  return Actor{std::move(name), std::move(role), std::move(team), "key:1", {}, std::nullopt};
}

Ticket ticket(std::string type, std::string team, std::string reporter = "someone") {
  Ticket t;
  t.id = TicketId{7};
  t.type = std::move(type);
  t.team = std::move(team);
  t.reporter = std::move(reporter);
  return t;
}

TEST(Visibility, TeamReporterAssigneeAndWatchersSeeANormalTicket) {
  const auto& catalog = default_catalog();
  Ticket t = ticket("resume_parse_failure", "recruitment", "rita");
  t.assignee = "sam";
  t.watchers = {"wendy"};
  EXPECT_TRUE(can_see(catalog, actor("x", "sourcer", "recruitment"), t));   // team
  EXPECT_TRUE(can_see(catalog, actor("rita", "sourcer", "hris"), t));       // reporter
  EXPECT_TRUE(can_see(catalog, actor("sam", "sourcer", "hris"), t));        // assignee
  EXPECT_TRUE(can_see(catalog, actor("wendy", "hiring_manager"), t));       // watcher
  EXPECT_FALSE(can_see(catalog, actor("other", "sourcer", "hris"), t));     // none of these
  EXPECT_TRUE(can_see(catalog, actor("ivan", "it_support", "it_support"), t));  // cross-team read
}

TEST(Visibility, RestrictedTypesOnlyForComplianceLegalAndHrbp) {
  const auto& catalog = default_catalog();
  for (const std::string type : {"background_check_delay", "accommodation_request", "compliance_hold"}) {
    const Ticket t = ticket(type, "recruitment", "rita");
    for (const auto& role : catalog.roles) {
      const bool expected = role.code == "compliance" || role.code == "legal" || role.code == "hrbp";
      // Even the reporter and the owning team do not see it without the clearance.
      EXPECT_EQ(can_see(catalog, actor("rita", role.code, "recruitment"), t), expected) << type << " " << role.code;
    }
  }
}

TEST(Visibility, ConfidentialTypesNeedConfidentialClearance) {
  const auto& catalog = default_catalog();
  const Ticket t = ticket("document_missing", "hris");
  EXPECT_TRUE(can_see(catalog, actor("h", "hris", "hris"), t));
  EXPECT_FALSE(can_see(catalog, actor("s", "sourcer", "hris"), t));
  EXPECT_FALSE(can_see(catalog, actor("i", "it_support", "it_support"), t));
}

TEST(Visibility, UnknownRoleOrTypeSeesNothing) {
  const auto& catalog = default_catalog();
  EXPECT_FALSE(can_see(catalog, actor("x", "intern", "recruitment"), ticket("other", "recruitment")));
  EXPECT_FALSE(can_see(catalog, actor("x", "admin"), ticket("no_longer_configured", "recruitment")));
  EXPECT_TRUE(can_see(catalog, actor("x", "compliance"), ticket("no_longer_configured", "recruitment")));
}

TEST(Permissions, ScopesNarrowTheRole) {
  const auto& catalog = default_catalog();
  Actor recruiter = actor("r", "recruiter", "recruitment");
  EXPECT_TRUE(allows(catalog, recruiter, permission::tickets_write));
  EXPECT_TRUE(allows(catalog, recruiter, permission::pii_read));
  recruiter.scopes = std::set<std::string>{"tickets:read"};
  EXPECT_TRUE(allows(catalog, recruiter, permission::tickets_read));
  EXPECT_FALSE(allows(catalog, recruiter, permission::tickets_write));
  EXPECT_FALSE(allows(catalog, recruiter, permission::pii_read));
  // A scope cannot grant what the role lacks.
  Actor support = actor("s", "it_support", "it_support");
  support.scopes = std::set<std::string>{"pii:read", "tickets:read"};
  EXPECT_FALSE(allows(catalog, support, permission::pii_read));
}

TEST(TicketScope, MatchesCanSee) {
  const auto& catalog = default_catalog();
  const auto sourcer = ticket_scope(catalog, actor("s", "sourcer", "recruitment"));
  ASSERT_TRUE(sourcer);
  EXPECT_FALSE(sourcer->every_team);
  ASSERT_TRUE(sourcer->types);
  for (const auto& type : *sourcer->types) {
    EXPECT_EQ(catalog.find_issue_type(type)->sensitivity, Sensitivity::normal) << type;
  }
  EXPECT_EQ(sourcer->team, std::optional<std::string>("recruitment"));
  const auto compliance = ticket_scope(catalog, actor("c", "compliance"));
  ASSERT_TRUE(compliance);
  EXPECT_TRUE(compliance->every_team);
  EXPECT_FALSE(compliance->types);
  EXPECT_FALSE(ticket_scope(catalog, actor("x", "intern")));
}

TEST(RoleConfiguration, UnknownPermissionIsRefused) {
  RolePolicy role{"clerk", {"tickets:read", "tickets:fly"}, false, Sensitivity::normal};
  auto valid = validate_role(role);
  ASSERT_FALSE(valid);
  EXPECT_NE(valid.error().message.find("tickets:fly"), std::string::npos);
}

}  // namespace visibility_test
}  // namespace snag
