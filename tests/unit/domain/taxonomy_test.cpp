// The taxonomy review's flags and the move of a deprecated type's tickets to its successor.

#include <algorithm>

#include <gtest/gtest.h>

#include <snag/config/settings.hpp>
#include <snag/domain/taxonomy.hpp>

namespace snag {
namespace taxonomy_test {

const Timestamp k_now = from_epoch_ms(1'780'000'000'000);

// The shipped catalog with document_missing merged into `other`, which runs a two-status workflow.
Catalog merged_catalog() {
  auto settings = parse_settings("", "defaults", {});
  EXPECT_TRUE(settings);
  Catalog catalog = settings->catalog;
  Workflow short_workflow;
  short_workflow.name = "short";
  short_workflow.statuses = {"open", "done"};
  short_workflow.initial = "open";
  short_workflow.done = {"done"};
  short_workflow.transitions = {{"open", "done"}};
  catalog.workflows.push_back(short_workflow);
  for (IssueType& type : catalog.issue_types) {
    if (type.code == "other") type.workflow = "short";
    if (type.code == "document_missing") {
      type.deprecated = true;
      type.replaced_by = "other";
    }
  }
  return catalog;
}

TEST(TaxonomyReview, FlagsTheTypesNobodyUsedLastQuarter) {
  const Catalog catalog = merged_catalog();
  const std::vector<TypeTotals> last_quarter{{"offer_link_expired", 4, {}}, {"other", 1, {}}};
  const std::vector<TypeTotals> open{{"offer_link_expired", 2, {}}, {"document_missing", 3, {}}};
  const auto rows = review_taxonomy(catalog, last_quarter, open);
  ASSERT_EQ(rows.size(), catalog.issue_types.size());
  const auto row = [&](const std::string& type) {
    return *std::find_if(rows.begin(), rows.end(), [&](const TypeReview& r) { return r.type == type; });
  };
  EXPECT_EQ(row("offer_link_expired").tickets_last_quarter, 4);
  EXPECT_EQ(row("offer_link_expired").open_tickets, 2);
  EXPECT_FALSE(row("offer_link_expired").flagged_for_deprecation);
  EXPECT_TRUE(row("access_problem").flagged_for_deprecation);
  // Deprecated already: not flagged again, and readable with its successor.
  EXPECT_FALSE(row("document_missing").flagged_for_deprecation);
  EXPECT_EQ(row("document_missing").replaced_by, "other");
  EXPECT_EQ(row("document_missing").open_tickets, 3);
}

TEST(TaxonomyReview, MovesATicketToTheSuccessorKeepingOrRestartingItsStatus) {
  const Catalog catalog = merged_catalog();
  Ticket ticket;
  ticket.type = "document_missing";
  ticket.status = "in_progress";
  ticket.version = 3;
  const auto moved = retype_to_successor(catalog, ticket, k_now);
  ASSERT_TRUE(moved);
  EXPECT_EQ(moved->type, "other");
  EXPECT_EQ(moved->status, "open") << "the short workflow has no in_progress";
  EXPECT_EQ(moved->version, 4);
  EXPECT_EQ(moved->updated_at, k_now);

  Catalog same_workflow = merged_catalog();
  for (IssueType& type : same_workflow.issue_types) {
    if (type.code == "other") type.workflow = "default";
  }
  EXPECT_EQ(retype_to_successor(same_workflow, ticket, k_now)->status, "in_progress");
  ticket.type = "access_problem";
  EXPECT_FALSE(retype_to_successor(catalog, ticket, k_now));
}

TEST(TaxonomyReview, OnlyADeprecatedTypeHasASuccessorAndItMustBeInUse) {
  Catalog catalog = merged_catalog();
  EXPECT_TRUE(validate_catalog(catalog));
  for (IssueType& type : catalog.issue_types) {
    if (type.code == "access_problem") type.replaced_by = "other";
  }
  auto not_deprecated = validate_catalog(catalog);
  ASSERT_FALSE(not_deprecated);
  EXPECT_EQ(not_deprecated.error().message,
            "issue type 'access_problem': only a deprecated type is replaced_by another");
  for (IssueType& type : catalog.issue_types) {
    if (type.code == "access_problem") type.deprecated = true;
    if (type.code == "access_problem") type.replaced_by = "document_missing";
  }
  EXPECT_FALSE(validate_catalog(catalog)) << "document_missing is deprecated itself";
}

}  // namespace taxonomy_test
}  // namespace snag
