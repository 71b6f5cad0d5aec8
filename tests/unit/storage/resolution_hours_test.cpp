// resolution_hours and the duration indexes, what the volume report reads of the resolved
// tickets when it filters on nothing, on every backend: kept through resolving, reopening,
// reassigning, moving to another team and a retention delete, the synthetic probe's tickets
// not counted; answering exactly what the tickets themselves answer, medians included (several
// durations within one hour, odd and even counts); and filled by its migration.

#include <gtest/gtest.h>
#include <store_fixtures.hpp>
#include <test_database.hpp>

#include <snag/domain/ats/synthetic_probe.hpp>

namespace snag {
namespace resolution_hours_test {

using std::chrono::minutes;
using testing::sample_ticket;
using testing::TestDatabase;

const Timestamp k_now = from_epoch_ms(1'790'000'000'000);
const Timestamp k_long_ago = from_epoch_ms(0);

Ticket opened(std::string team, std::string type, Severity severity, std::optional<std::string> assignee,
              std::optional<minutes> resolved_after) {
  Ticket ticket = sample_ticket();
  ticket.team = std::move(team);
  ticket.type = std::move(type);
  ticket.severity = severity;
  ticket.assignee = std::move(assignee);
  ticket.created_at = k_now - std::chrono::days(10);
  ticket.updated_at = ticket.created_at;
  if (resolved_after) {
    ticket.status = "resolved";
    ticket.resolved_at = ticket.created_at + *resolved_after;
  }
  return ticket;
}

class ResolutionHoursTest : public ::testing::Test {
 protected:
  void SetUp() override {
    m_store = m_database.open();
    ASSERT_TRUE(m_store);
    const auto sev2 = Severity::sev2;
    const auto sev4 = Severity::sev4;
    std::vector<Ticket> tickets{
        // recruitment: 10, 20 and 50 minutes in hour 0, 90 in hour 1, 30 hours; one reopened below
        opened("recruitment", "document_missing", sev2, "rita", minutes(20)),
        opened("recruitment", "document_missing", sev2, "rita", minutes(50)),
        opened("recruitment", "offer_link_expired", sev4, std::nullopt, minutes(10)),
        opened("recruitment", "offer_link_expired", sev2, "sam", minutes(90)),
        opened("recruitment", "other", sev4, "sam", minutes(30 * 60)),
        opened("recruitment", "other", sev4, "sam", minutes(45)),  // reopened below
        // hris: two in the same minute, one resolved before it was opened (a clock ahead: 0)
        opened("hris", "data_sync_mismatch", sev2, std::nullopt, minutes(125)),
        opened("hris", "data_sync_mismatch", sev2, "rita", minutes(125)),
        opened("hris", "document_missing", sev4, std::nullopt, minutes(-5)),
        opened("hris", "other", sev2, "sam", std::nullopt),                            // resolved below
        opened("hris", "other", sev4, "rita", minutes(7)),                             // moved to legal below
        opened("compliance", "compliance_hold", sev2, "sam", minutes(300)),            // deleted below
        opened("it_support", "resume_parse_failure", sev4, std::nullopt, minutes(1)),  // the probe's
    };
    tickets.back().candidate = synthetic_candidate();
    auto written = testing::insert_tickets(*m_store, tickets);
    ASSERT_TRUE(written) << written.error().message;

    Ticket reopened = tickets[5];
    reopened.status = "in_progress";
    reopened.resolved_at.reset();
    Ticket resolved = tickets[9];
    resolved.status = "resolved";
    resolved.resolved_at = resolved.created_at + minutes(61);
    Ticket reassigned = tickets[0];
    reassigned.assignee = "tom";
    Ticket moved = tickets[10];
    moved.team = "legal";
    auto changed = m_store->write([&](WriteTransaction& tx) -> Result<void> {
      for (const Ticket* ticket : {&reopened, &resolved, &reassigned, &moved}) {
        if (auto updated = tx.update_ticket(*ticket); !updated) return updated;
      }
      auto deleted = tx.delete_ticket(tickets[11].id);
      if (!deleted) return tl::unexpected(deleted.error());
      return {};
    });
    ASSERT_TRUE(changed) << changed.error().message;
  }

  // `through_tickets` adds a filter the hours do not hold and that selects every ticket, so the
  // store reads the tickets instead.
  std::vector<VolumeRow> volume(VolumeGrouping grouping, bool through_tickets) {
    TicketQuery query;
    if (through_tickets) query.created_after = k_long_ago;
    auto rows = m_store->ticket_volume(query, grouping, k_now);
    EXPECT_TRUE(rows) << rows.error().message;
    return rows ? *rows : std::vector<VolumeRow>{};
  }

  void expect_hours_answer_as_the_tickets() {
    for (auto grouping :
         {VolumeGrouping::team, VolumeGrouping::issue_type, VolumeGrouping::severity, VolumeGrouping::assignee}) {
      SCOPED_TRACE(std::string(to_string(grouping)));
      const auto from_hours = volume(grouping, false);
      const auto from_tickets = volume(grouping, true);
      ASSERT_EQ(from_hours.size(), from_tickets.size());
      for (std::size_t i = 0; i < from_hours.size(); ++i) {
        SCOPED_TRACE(from_hours[i].group);
        EXPECT_EQ(from_hours[i].group, from_tickets[i].group);
        EXPECT_EQ(from_hours[i].open, from_tickets[i].open);
        EXPECT_EQ(from_hours[i].resolved, from_tickets[i].resolved);
        EXPECT_EQ(from_hours[i].mean_hours_to_resolve, from_tickets[i].mean_hours_to_resolve);
        EXPECT_EQ(from_hours[i].median_hours_to_resolve, from_tickets[i].median_hours_to_resolve);
        EXPECT_EQ(from_hours[i].aging, from_tickets[i].aging);
      }
    }
  }

  TestDatabase m_database;
  std::unique_ptr<Store> m_store;
};

double hours(int minutes_count) { return minutes_count / 60.0; }

TEST_F(ResolutionHoursTest, KeepEveryChangeAndGiveTheExactMedian) {
  const auto by_team = volume(VolumeGrouping::team, false);
  ASSERT_EQ(by_team.size(), 3u);  // the probe's it_support ticket is counted nowhere
  EXPECT_EQ(by_team[0].group, "hris");
  EXPECT_EQ(by_team[0].resolved, 4);  // 0, 61, 125, 125 minutes
  EXPECT_DOUBLE_EQ(by_team[0].mean_hours_to_resolve.value_or(-1), hours(311) / 4);
  EXPECT_DOUBLE_EQ(by_team[0].median_hours_to_resolve.value_or(-1), hours(93));
  EXPECT_EQ(by_team[1].group, "legal");
  EXPECT_DOUBLE_EQ(by_team[1].median_hours_to_resolve.value_or(-1), hours(7));
  EXPECT_EQ(by_team[2].group, "recruitment");
  EXPECT_EQ(by_team[2].open, 1);
  EXPECT_EQ(by_team[2].resolved, 5);  // 10, 20, 50, 90 minutes and 30 hours
  EXPECT_DOUBLE_EQ(by_team[2].median_hours_to_resolve.value_or(-1), hours(50));
  EXPECT_EQ(testing::count_rows(m_database.url(), "resolution_hours WHERE tickets < 0"), 0);

  const auto by_assignee = volume(VolumeGrouping::assignee, false);
  ASSERT_EQ(by_assignee.size(), 4u);
  EXPECT_EQ(by_assignee[0].group, "");  // 0, 10 and 125 minutes
  EXPECT_DOUBLE_EQ(by_assignee[0].median_hours_to_resolve.value_or(-1), hours(10));
  EXPECT_EQ(by_assignee[3].group, "tom");
  EXPECT_DOUBLE_EQ(by_assignee[3].median_hours_to_resolve.value_or(-1), hours(20));
}

TEST_F(ResolutionHoursTest, AnswerAsTheTicketsThemselves) { expect_hours_answer_as_the_tickets(); }

TEST_F(ResolutionHoursTest, TheirMigrationCountsTheTicketsAlreadyStored) {
  const std::string url = m_database.url();
  testing::execute_sql(url, "DROP TABLE resolution_hours");
  for (const char* index : {"tickets_open_groups", "tickets_resolved_team", "tickets_resolved_type",
                            "tickets_resolved_severity", "tickets_resolved_assignee"}) {
    testing::execute_sql(url, std::string("DROP INDEX ") + index);
  }
  testing::rerun_migration(url, 20);
  expect_hours_answer_as_the_tickets();
  const auto by_team = volume(VolumeGrouping::team, false);
  ASSERT_FALSE(by_team.empty());
  EXPECT_EQ(by_team[0].resolved, 4);
}

}  // namespace resolution_hours_test
}  // namespace snag
