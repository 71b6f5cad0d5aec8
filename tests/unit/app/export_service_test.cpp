// ExportService over the in-memory store: the installation's switch turns every export off (and
// the refused attempt is logged), an export larger than max_rows is refused naming the filters,
// and an export that goes out is recorded in the access log with its row count and format,
// once as a whole: not with a view entry for each ticket, as the list writes.

#include <gtest/gtest.h>
#include <default_catalog.hpp>

#include <snag/app/app_services.hpp>

#include "fake_store.hpp"

namespace snag {
namespace export_service_test {

Actor admin() {
  Actor actor;
  actor.name = "ada";
  actor.role = "admin";
  actor.credential = "key:1";
  return actor;
}

TEST(ExportService, TheSwitchTheSizeLimitAndTheAccessLog) {
  testing::FakeStore store;
  testing::ManualClock clock(*parse_rfc3339("2026-11-30T09:00:00Z"));
  const auto& catalog = testing::default_catalog();
  AppServices off(store, catalog, clock, {}, {}, ExportPolicy{false, 100, 5});
  AppServices small(store, catalog, clock, {}, {}, ExportPolicy{true, 1, 5});
  AppServices roomy(store, catalog, clock, {}, {}, ExportPolicy{true, 10, 5});
  for (const char* title : {"First", "Second"}) {
    TicketDraft draft;
    draft.type = "other";
    draft.title = title;
    ASSERT_TRUE(roomy.tickets.create(admin(), draft, std::nullopt));
  }

  auto refused = off.exports.tickets(admin(), TicketQuery{}, "csv");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::permission_denied);
  EXPECT_NE(refused.error().message.find("turned off"), std::string::npos);
  EXPECT_EQ(off.exports.access_log(admin(), AccessLogQuery{}, "pdf").error().code, ErrorCode::permission_denied);

  auto too_large = small.exports.tickets(admin(), TicketQuery{}, "csv");
  ASSERT_FALSE(too_large);
  EXPECT_EQ(too_large.error().code, ErrorCode::validation_failed);
  EXPECT_EQ(too_large.error().fields.at(0).field, "filters");

  const auto exports_logged = [&] {
    std::vector<std::string> objects;
    for (const auto& entry : store.state().access_log) {
      if (entry.action == AccessAction::export_) objects.push_back(entry.object);
    }
    return objects;
  };
  EXPECT_EQ(exports_logged(), (std::vector<std::string>{"export:tickets refused format=csv",
                                                        "export:access_log refused format=pdf"}))
      << "refused attempts are on record; one too large to go out is not an export";

  auto table = roomy.exports.tickets(admin(), TicketQuery{}, "pdf");
  ASSERT_TRUE(table) << table.error().message;
  ASSERT_EQ(table->rows.size(), 2u);
  EXPECT_EQ(table->rows[0][0], "SNAG-2") << "the list's default order, newest first";
  EXPECT_EQ(table->rows[0].size(), table->columns.size());
  EXPECT_EQ(exports_logged().back(), "export:tickets rows=2 format=pdf");
  const std::string csv = table_csv(*table);
  EXPECT_EQ(csv.substr(0, csv.find("\r\n")),
            "key,type,title,status,severity,team,assignee,candidate,created_at,updated_at,resolution_due_at,"
            "resolved_at");
}

TEST(ExportService, AnExportIsLoggedWholeWithoutAViewPerTicket) {
  testing::FakeStore store;
  testing::ManualClock clock(*parse_rfc3339("2026-11-30T09:00:00Z"));
  AppServices services(store, testing::default_catalog(), clock, {}, {}, ExportPolicy{true, 10, 5});
  for (const char* id : {"4001", "4002", "4003"}) {
    TicketDraft draft;
    draft.type = "document_missing";
    draft.title = "I-9 missing";
    draft.candidate = CandidateRef{"greenhouse", id};
    ASSERT_TRUE(services.tickets.create(admin(), draft, std::nullopt));
  }
  const auto logged = [&](AccessAction action) {
    services.recorder.flush();
    std::vector<std::string> objects;
    for (const auto& entry : store.state().access_log) {
      if (entry.action == action) objects.push_back(entry.object);
    }
    return objects;
  };
  const std::size_t views_before = logged(AccessAction::view).size();

  std::string csv;
  auto rows = services.exports.stream_tickets(admin(), TicketQuery{}, [&](std::string_view text) {
    csv += text;
    return true;
  });
  ASSERT_TRUE(rows) << rows.error().message;
  EXPECT_EQ(*rows, 3u);
  EXPECT_NE(csv.find("greenhouse:4002"), std::string::npos) << csv;
  EXPECT_EQ(logged(AccessAction::view).size(), views_before) << "the export wrote view entries";
  EXPECT_EQ(logged(AccessAction::export_), (std::vector<std::string>{"export:tickets rows=3 format=csv"}));

  // The list, by contrast, records who saw each candidate's ticket.
  ASSERT_TRUE(services.tickets.list(admin(), TicketQuery{}));
  EXPECT_EQ(logged(AccessAction::view).size(), views_before + 3);
}

}  // namespace export_service_test
}  // namespace snag
