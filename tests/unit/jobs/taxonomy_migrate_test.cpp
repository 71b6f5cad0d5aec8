// taxonomy.migrate on real stores: a deprecated type's open tickets move to its successor,
// journaled; its resolved tickets stay as they were; a second run moves nothing.

#include <default_catalog.hpp>
#include <gtest/gtest.h>
#include <test_database.hpp>

#include <snag/app/taxonomy_service.hpp>

namespace snag {
namespace taxonomy_migrate_test {

const Timestamp k_now = *parse_rfc3339("2026-12-01T09:00:00Z");

Ticket ticket_of(const std::string& type, const std::string& status) {
  Ticket ticket;
  ticket.type = type;
  ticket.title = "Passport copy missing";
  ticket.status = status;
  ticket.team = "hris";
  ticket.reporter = "rita";
  ticket.created_at = k_now - std::chrono::hours(5);
  ticket.updated_at = ticket.created_at;
  if (status == "resolved") ticket.resolved_at = k_now - std::chrono::hours(1);
  return ticket;
}

TEST(TaxonomyMigrate, MovesTheOpenTicketsOfAMergedTypeToItsSuccessor) {
  testing::TestDatabase database;
  auto store = database.open();
  ASSERT_TRUE(store);
  Catalog catalog = testing::default_catalog();
  for (IssueType& type : catalog.issue_types) {
    if (type.code == "document_missing") {
      type.deprecated = true;
      type.replaced_by = "compliance_hold";
    }
  }
  ASSERT_TRUE(validate_catalog(catalog));
  std::vector<Ticket> tickets{ticket_of("document_missing", "in_progress"), ticket_of("document_missing", "resolved"),
                              ticket_of("access_problem", "new")};
  ASSERT_TRUE(store->write([&](WriteTransaction& tx) -> Result<void> {
    for (Ticket& ticket : tickets) {
      auto id = tx.insert_ticket(ticket);
      if (!id) return tl::unexpected(id.error());
      ticket.id = *id;
    }
    return {};
  }));

  auto moved = move_tickets_off_deprecated_types(*store, catalog, k_now);
  ASSERT_TRUE(moved) << moved.error().message;
  EXPECT_EQ(*moved, 1u);
  const auto after = [&](std::size_t i) { return **store->find_ticket(tickets[i].id); };
  EXPECT_EQ(after(0).type, "compliance_hold");
  EXPECT_EQ(after(0).status, "in_progress");
  EXPECT_EQ(after(0).version, tickets[0].version + 1);
  EXPECT_EQ(after(1).type, "document_missing") << "history stays as it was";
  EXPECT_EQ(after(2).type, "access_problem");
  const auto journal = store->ticket_journal(tickets[0].id);
  ASSERT_TRUE(journal);
  ASSERT_EQ(journal->size(), 1u);
  EXPECT_EQ((*journal)[0].actor, "snag:taxonomy");
  EXPECT_EQ((*journal)[0].action, "retype");
  EXPECT_EQ((*journal)[0].field, "type");
  EXPECT_EQ((*journal)[0].old_value, "document_missing");
  EXPECT_EQ((*journal)[0].new_value, "compliance_hold");

  auto again = move_tickets_off_deprecated_types(*store, catalog, k_now);
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, 0u);
  auto nothing_merged = move_tickets_off_deprecated_types(*store, testing::default_catalog(), k_now);
  ASSERT_TRUE(nothing_merged);
  EXPECT_EQ(*nothing_merged, 0u);
}

}  // namespace taxonomy_migrate_test
}  // namespace snag
