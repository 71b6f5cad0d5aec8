#include <set>
#include <utility>

#include <gtest/gtest.h>

#include <snag/domain/workflow.hpp>

#include "../support/default_catalog.hpp"

namespace snag {
namespace workflow_test {

const Workflow& default_workflow() { return *testing::default_catalog().find_workflow("default"); }

// The default workflow exactly as API.md states it.
const std::set<std::pair<std::string, std::string>> k_api_transitions{
    {"new", "triaged"},         {"triaged", "in_progress"}, {"in_progress", "pending"}, {"pending", "resolved"},
    {"resolved", "verified"},   {"verified", "closed"},     {"pending", "in_progress"}, {"new", "in_progress"},
    {"in_progress", "resolved"}, {"resolved", "in_progress"}, {"verified", "in_progress"}};

TEST(Workflow, EveryStatusPairIsAllowedExactlyWhenTheContractSaysSo) {
  const Workflow& workflow = default_workflow();
  for (const auto& from : workflow.statuses) {
    for (const auto& to : workflow.statuses) {
      const bool expected = k_api_transitions.count({from, to}) == 1;
      EXPECT_EQ(check_transition(workflow, from, to).has_value(), expected) << from << " -> " << to;
    }
  }
}

TEST(Workflow, DeniedTransitionListsTheAllowedOnes) {
  const auto denied = check_transition(default_workflow(), "new", "closed");
  ASSERT_FALSE(denied);
  EXPECT_EQ(denied.error().code, ErrorCode::workflow_denied);
  EXPECT_EQ(denied.error().allowed, (std::vector<std::string>{"triaged", "in_progress"}));
}

TEST(Workflow, ClosedIsFinal) {
  EXPECT_TRUE(default_workflow().is_final("closed"));
  EXPECT_TRUE(default_workflow().allowed_from("closed").empty());
  const auto denied = check_transition(default_workflow(), "closed", "in_progress");
  ASSERT_FALSE(denied);
  EXPECT_NE(denied.error().message.find("final"), std::string::npos);
}

TEST(Workflow, PendingCannotJumpToClosed) { EXPECT_FALSE(check_transition(default_workflow(), "pending", "closed")); }

TEST(Workflow, UnknownTargetStatusIsNamed) {
  const auto denied = check_transition(default_workflow(), "new", "done");
  ASSERT_FALSE(denied);
  EXPECT_NE(denied.error().message.find("'done' is not a status"), std::string::npos);
}

TEST(Workflow, ValidationRejectsTransitionsToUnknownStatuses) {
  Workflow workflow{"broken", {"a", "b"}, "a", {}, {{"a", "c"}}, {}};
  const auto valid = validate_workflow(workflow);
  ASSERT_FALSE(valid);
  EXPECT_NE(valid.error().message.find("'c'"), std::string::npos);
}

TEST(Workflow, ValidationRejectsAnUnknownInitialStatus) {
  EXPECT_FALSE(validate_workflow(Workflow{"w", {"a"}, "z", {}, {}, {}}));
}

}  // namespace workflow_test
}  // namespace snag
