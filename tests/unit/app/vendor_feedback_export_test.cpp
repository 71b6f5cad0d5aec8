// VendorFeedbackExport over the in-memory store: erased and purged candidates are left out, a
// candidate keeps one hash within an export and gets another in the next, k comes from the
// configuration unless the request gives one, bad parameters name their field, and the export
// is in the access log.

#include "fake_store.hpp"
#include <default_catalog.hpp>
#include <gtest/gtest.h>
#include <test_actor.hpp>

#include <snag/app/app_services.hpp>

namespace snag {
namespace vendor_feedback_export_test {

void open_ticket_about(AppServices& services, const std::string& id) {
  TicketDraft draft;
  draft.type = "document_missing";
  draft.title = "Passport scan for Jane Roe is missing";
  draft.candidate = CandidateRef{"greenhouse", id};
  ASSERT_TRUE(services.tickets.create(testing::test_admin(), draft, std::nullopt));
}

// Marks the candidate as the ATS feed does when it deletes one (purged) or Snag erases one.
void mark(testing::FakeStore& store, const std::string& id, bool erased) {
  auto candidate = store.state().candidates.at("greenhouse:" + id);
  (erased ? candidate.erased_at : candidate.purged_at) = *parse_rfc3339("2026-11-29T09:00:00Z");
  ASSERT_TRUE(store.write([&candidate](WriteTransaction& tx) -> Result<void> {
    auto stored = tx.upsert_candidate(candidate);
    if (!stored) return tl::unexpected(std::move(stored.error()));
    return {};
  }));
}

TEST(VendorFeedbackExport, LeavesOutErasedAndPurgedCandidatesAndSaltsEachExport) {
  testing::FakeStore store;
  testing::ManualClock clock(*parse_rfc3339("2026-11-30T09:00:00Z"));
  AppServices services(store, testing::default_catalog(), clock, {}, {}, ExportPolicy{true, 100, 2});
  for (const std::string id : {"c0", "c1", "c2", "c3"}) {
    CandidateProfile profile;
    profile.name = "Jane Roe";
    profile.geography = "DE-BY";
    profile.level = "senior";
    ASSERT_TRUE(services.candidates.upsert(testing::test_admin(), {"greenhouse", id}, profile));
    open_ticket_about(services, id);
  }
  open_ticket_about(services, "c0");
  mark(store, "c2", false);
  mark(store, "c3", true);

  auto first = services.vendor_feedback.build(testing::test_admin(), {}, "csv");
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(first->k, 2u) << "exports.vendor_feedback_k";
  EXPECT_EQ(first->generalisation, (Generalisation{GeographyStep::region, LevelStep::exact}));
  ASSERT_EQ(first->rows.size(), 3u) << "c0 twice and c1; c2 and c3 are gone";
  std::map<std::string, int> tickets_per_hash;
  for (const auto& row : first->rows) {
    ++tickets_per_hash[row.candidate];
    EXPECT_EQ(row.geography, "DE-BY");
    EXPECT_EQ(row.level, "senior");
    EXPECT_EQ(row.created_day, "2026-11-30");
    EXPECT_EQ(row.category, "documents");
  }
  EXPECT_EQ(tickets_per_hash.size(), 2u);

  VendorFeedbackRequest strict;
  strict.k = 3;  // two candidates are left: nothing may go out
  auto second = services.vendor_feedback.build(testing::test_admin(), strict, "json");
  ASSERT_TRUE(second);
  EXPECT_TRUE(second->rows.empty());
  EXPECT_EQ(second->suppressed_candidates, 2u);

  auto third = services.vendor_feedback.build(testing::test_admin(), {}, "csv");
  ASSERT_TRUE(third);
  for (const auto& row : third->rows) EXPECT_FALSE(tickets_per_hash.contains(row.candidate)) << "a fresh salt";

  const auto table = vendor_feedback_table(*first);
  EXPECT_EQ(table.columns.size(), 9u);
  EXPECT_EQ(table_csv(table).find("Jane"), std::string::npos);
  const auto logged = store.state().access_log;
  ASSERT_FALSE(logged.empty());
  EXPECT_EQ(logged.back().object, "export:vendor_feedback rows=3 format=csv");
}

TEST(VendorFeedbackExport, BadParametersNameTheirField) {
  testing::FakeStore store;
  testing::ManualClock clock(*parse_rfc3339("2026-11-30T09:00:00Z"));
  AppServices services(store, testing::default_catalog(), clock);
  VendorFeedbackRequest zero;
  zero.k = 0;
  auto refused = services.vendor_feedback.build(testing::test_admin(), zero, "csv");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().fields.at(0).field, "k");
  VendorFeedbackRequest reversed;
  reversed.since = *parse_rfc3339("2026-11-30T00:00:00Z");
  reversed.until = *parse_rfc3339("2026-11-01T00:00:00Z");
  auto backwards = services.vendor_feedback.build(testing::test_admin(), reversed, "csv");
  ASSERT_FALSE(backwards);
  EXPECT_EQ(backwards.error().fields.at(0).field, "until");
}

}  // namespace vendor_feedback_export_test
}  // namespace snag
