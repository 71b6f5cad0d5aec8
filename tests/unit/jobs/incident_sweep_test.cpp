// Incidents on real stores, on a manual clock, under the shipped severity protocols: declaring
// notifies whom the protocol names; the sweep reminds a commander whose update is late (once per
// update interval) and an action item's owner once it is overdue; a Sev-1 closes only with a
// complete post-mortem; callers without pii:read see titles and logs masked.

#include "../app/fake_store.hpp"
#include "job_fixtures.hpp"
#include <default_catalog.hpp>
#include <gtest/gtest.h>
#include <test_database.hpp>

#include <snag/app/incidents/change_service.hpp>
#include <snag/app/incidents/incident_service.hpp>
#include <snag/app/incidents/incident_sweep.hpp>

namespace snag {
namespace incident_sweep_test {

using std::chrono::hours;
using std::chrono::minutes;
using testing::default_catalog;
using testing::ManualClock;

const Timestamp k_declared = *parse_rfc3339("2026-12-01T09:00:00Z");

Actor person(const std::string& name, const std::string& role) {
  return Actor{name, role, std::nullopt, "test", "", std::nullopt};
}

class IncidentTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(store);
    for (const auto& [name, role] : std::vector<std::pair<std::string, std::string>>{
             {"nina", "hris"}, {"hana", "hrbp"}, {"adam", "admin"}, {"omar", "it_support"}, {"rita", "recruiter"}}) {
      testing::add_user(*store, name, role, "hris", k_declared);
    }
  }

  IncidentView declare(Severity severity) {
    NewIncident request;
    request.category = "integration";
    request.title = "Workday sync drops offers for jane.doe@example.com";
    request.severity = severity;
    request.commander = "nina";
    auto declared = incidents.declare(omar, request);
    EXPECT_TRUE(declared) << declared.error().message;
    return declared ? *declared : IncidentView{};
  }

  IncidentSweepCounts sweep(Timestamp now) {
    IncidentSweepCounts counts;
    auto written = store->write([&](WriteTransaction& tx) -> Result<void> {
      auto swept = sweep_incidents(tx, default_catalog(), now);
      if (!swept) return tl::unexpected(swept.error());
      counts = *swept;
      return {};
    });
    EXPECT_TRUE(written) << written.error().message;
    return counts;
  }

  std::vector<std::string> messages_of(const std::string& recipient) {
    NotificationQuery query;
    query.recipient = recipient;
    std::vector<std::string> messages;
    auto page = store->notifications(query);
    EXPECT_TRUE(page);
    for (const auto& notification : page->items) messages.insert(messages.begin(), notification.message);
    return messages;
  }

  testing::TestDatabase database;
  std::unique_ptr<Store> store = database.open();  // before the services that hold it
  ManualClock clock{k_declared};
  pii::Detector detector{{}};
  AccessGuard access{default_catalog(), detector};
  IncidentService incidents{*store, default_catalog(), clock, access};
  Actor omar = person("omar", "it_support");
};

TEST_F(IncidentTest, DeclaringNotifiesWhomTheProtocolNames) {
  const IncidentView view = declare(Severity::sev1);
  EXPECT_EQ(view.incident.status, IncidentStatus::open);
  ASSERT_TRUE(view.protocol);
  EXPECT_EQ(view.protocol->respond_within, minutes(15));
  // sev1 notifies the commander, every hrbp and every admin; not the it_support who declared it.
  const std::string label = "incident " + std::to_string(view.incident.id.value) + " (sev1, integration)";
  EXPECT_EQ(messages_of("nina"), std::vector<std::string>{label + " declared; commander nina"});
  EXPECT_EQ(messages_of("hana").size(), 1u);
  EXPECT_EQ(messages_of("adam").size(), 1u);
  EXPECT_TRUE(messages_of("omar").empty());
  EXPECT_TRUE(messages_of("rita").empty());
  ASSERT_EQ(view.incident.updates.size(), 1u);
  EXPECT_EQ(view.incident.updates[0].kind, "declared");
}

TEST_F(IncidentTest, RemindsTheCommanderOfALateUpdateOncePerInterval) {
  const IncidentView view = declare(Severity::sev1);  // updates every 30 minutes
  EXPECT_EQ(sweep(k_declared + minutes(29)).update_reminders, 0);
  EXPECT_EQ(sweep(k_declared + minutes(31)).update_reminders, 1);
  EXPECT_EQ(sweep(k_declared + minutes(35)).update_reminders, 0);
  EXPECT_EQ(sweep(k_declared + minutes(61)).update_reminders, 1);
  const auto reminders = messages_of("nina");
  ASSERT_EQ(reminders.size(), 3u);
  EXPECT_EQ(reminders[1], "incident " + std::to_string(view.incident.id.value) +
                              " (sev1, integration): a status update was due at 2026-12-01T09:30:00Z");

  clock.advance(minutes(70));
  auto updated = incidents.post_update(person("nina", "hris"), view.incident.id, "Rolled back the mapping.");
  ASSERT_TRUE(updated) << updated.error().message;
  EXPECT_EQ(updated->incident.responded_at, k_declared + minutes(70));
  EXPECT_EQ(sweep(k_declared + minutes(99)).update_reminders, 0);
  EXPECT_EQ(sweep(k_declared + minutes(100)).update_reminders, 1);

  // A resolved incident wants no updates; a sev4 never does.
  clock.advance(minutes(40));
  IncidentEdit resolve;
  resolve.status = IncidentStatus::resolved;
  ASSERT_TRUE(incidents.edit(omar, view.incident.id, resolve));
  declare(Severity::sev4);
  EXPECT_EQ(sweep(k_declared + hours(48)).update_reminders, 0);
}

TEST_F(IncidentTest, ASev1ClosesWithACompletePostmortemAndItsOverdueItemsReachTheirOwners) {
  const IncidentView view = declare(Severity::sev1);
  const IncidentId id = view.incident.id;
  clock.advance(hours(2));
  IncidentEdit resolve;
  resolve.status = IncidentStatus::resolved;
  ASSERT_TRUE(incidents.edit(omar, id, resolve));
  IncidentEdit close;
  close.status = IncidentStatus::closed;
  auto refused = incidents.edit(omar, id, close);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().fields.at(0).field, "postmortem");

  PostMortem postmortem;
  postmortem.timeline = {{k_declared, "sync started dropping offers"}};
  postmortem.impact = "offers a day late";
  postmortem.root_cause = "an expired API credential";
  postmortem.action_items = {{0, "alert on credential expiry", "omar", k_declared + hours(24), {}, {}},
                             {0, "rotate credentials quarterly", "ghost", k_declared + hours(24), {}, {}}};
  auto unknown_owner = incidents.write_postmortem(omar, id, postmortem);
  ASSERT_FALSE(unknown_owner);
  EXPECT_EQ(unknown_owner.error().fields.at(0).field, "action_items[1].owner");
  postmortem.action_items[1].owner = "nina";
  auto written = incidents.write_postmortem(omar, id, postmortem);
  ASSERT_TRUE(written) << written.error().message;
  EXPECT_EQ(written->incident.postmortem->action_items[1].number, 2);

  auto closed = incidents.edit(omar, id, close);
  ASSERT_TRUE(closed) << closed.error().message;
  EXPECT_EQ(closed->incident.status, IncidentStatus::closed);

  // Item 1 is done in time; item 2 is overdue: its owner hears once.
  clock.advance(hours(1));
  ASSERT_TRUE(incidents.mark_action_item(person("omar", "it_support"), id, 1, true));
  EXPECT_FALSE(incidents.mark_action_item(person("rita", "recruiter"), id, 2, true)) << "not her item";
  EXPECT_EQ(sweep(k_declared + hours(25)).overdue_action_items, 1);
  EXPECT_EQ(sweep(k_declared + hours(26)).overdue_action_items, 0);
  EXPECT_EQ(messages_of("nina").back(), "incident " + std::to_string(id.value) +
                                            " (sev1, integration): action item 2 was due at 2026-12-02T09:00:00Z");
  EXPECT_TRUE(messages_of("omar").empty());
  // Done, the incident leaves the sweep for good.
  ASSERT_TRUE(incidents.mark_action_item(person("nina", "hris"), id, 2, true));
  std::vector<Incident> swept;
  ASSERT_TRUE(store->write([&](WriteTransaction& tx) -> Result<void> {
    auto read = tx.incidents_to_sweep();
    if (read) swept = *read;
    return {};
  }));
  EXPECT_TRUE(swept.empty());
}

TEST_F(IncidentTest, LinkedTicketsAreJournaledAndMakeTheImpact) {
  const TicketId ticket = testing::ticket_for_jobs(*store);
  const IncidentView view = declare(Severity::sev2);
  clock.advance(hours(3));
  auto linked = incidents.link_tickets(omar, view.incident.id, {ticket});
  ASSERT_TRUE(linked) << linked.error().message;
  EXPECT_EQ(linked->incident.tickets, std::vector<TicketId>{ticket});
  EXPECT_EQ(linked->impact.tickets, 1);
  EXPECT_EQ(linked->impact.candidates_affected, 0);  // the ticket names no candidate
  const auto journal = store->ticket_journal(ticket);
  ASSERT_TRUE(journal);
  ASSERT_FALSE(journal->empty());
  EXPECT_EQ(journal->back().action, "incident");
  EXPECT_EQ(journal->back().field, "incident");

  auto missing = incidents.link_tickets(omar, view.incident.id, {TicketId{999}});
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().fields.at(0).field, "tickets");
  auto unlinked = incidents.unlink_ticket(omar, view.incident.id, ticket);
  ASSERT_TRUE(unlinked);
  EXPECT_TRUE(unlinked->incident.tickets.empty());
  EXPECT_FALSE(incidents.unlink_ticket(omar, view.incident.id, ticket));
}

TEST_F(IncidentTest, MasksTextForCallersWithoutPiiReadAndRefusesThoseWithoutPermission) {
  const IncidentView view = declare(Severity::sev3);
  auto masked = incidents.get(omar, view.incident.id);  // it_support: no pii:read
  ASSERT_TRUE(masked);
  EXPECT_EQ(masked->incident.title.find("jane.doe@example.com"), std::string::npos) << masked->incident.title;
  auto clear = incidents.get(person("hana", "hrbp"), view.incident.id);
  ASSERT_TRUE(clear);
  EXPECT_NE(clear->incident.title.find("jane.doe@example.com"), std::string::npos);

  auto denied = incidents.declare(person("sol", "sourcer"), NewIncident{});
  ASSERT_FALSE(denied);
  EXPECT_EQ(denied.error().code, ErrorCode::permission_denied);
  EXPECT_EQ(incidents.get(person("sol", "sourcer"), view.incident.id).error().code, ErrorCode::permission_denied);
  EXPECT_EQ(incidents.get(omar, IncidentId{999}).error().code, ErrorCode::not_found);
}

TEST_F(IncidentTest, ChangesAreLinkedToTicketsAndIncidents) {
  ChangeService changes{*store, clock, access};
  const TicketId ticket = testing::ticket_for_jobs(*store);
  const IncidentView view = declare(Severity::sev2);
  auto recorded = changes.record(omar, {"CHG-7", "new Workday field mapping", "workday", k_declared, "", "", {}});
  ASSERT_TRUE(recorded) << recorded.error().message;
  EXPECT_EQ(recorded->recorded_by, "omar");
  EXPECT_EQ(changes.record(omar, *recorded).error().code, ErrorCode::conflict);
  auto linked = changes.link(omar, "CHG-7", {ticket}, {view.incident.id});
  ASSERT_TRUE(linked) << linked.error().message;
  EXPECT_EQ(linked->links.tickets, std::vector<TicketId>{ticket});
  EXPECT_EQ(linked->links.incidents, std::vector<IncidentId>{view.incident.id});
  EXPECT_EQ(store->ticket_journal(ticket)->back().field, "caused_by_change");
  auto incident = incidents.get(omar, view.incident.id);
  ASSERT_TRUE(incident);
  EXPECT_EQ(incident->incident.caused_by_change, "CHG-7");
  EXPECT_EQ(incident->incident.updates.back().message, "caused by change CHG-7");
  auto report = changes.defects(omar, k_declared - hours(1), k_declared + hours(1));
  ASSERT_TRUE(report);
  ASSERT_EQ(report->size(), 1u);
  EXPECT_EQ((*report)[0].tickets, 1);
  EXPECT_EQ((*report)[0].incidents, 1);
  EXPECT_EQ(changes.get(omar, "CHG-404").error().code, ErrorCode::not_found);
}

}  // namespace incident_sweep_test
}  // namespace snag
