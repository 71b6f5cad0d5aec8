// The incident records on every backend: an incident round-trips with its post-mortem, tickets
// and log; a ticket is in one incident and has one cause at most; the sweep reads only
// incidents with something to do; the defects per change are counted.

#include <gtest/gtest.h>
#include <store_fixtures.hpp>

namespace snag {
namespace incident_store_test {

using std::chrono::hours;
using testing::sample_ticket;
using testing::TestDatabase;

const Timestamp k_at = from_epoch_ms(1'780'000'000'000);

Incident incident_of(std::string title) {
  Incident incident;
  incident.category = "integration";
  incident.title = std::move(title);
  incident.severity = Severity::sev1;
  incident.commander = "nina";
  incident.opened_by = "omar";
  incident.opened_at = k_at;
  incident.last_update_at = k_at;
  return incident;
}

class IncidentStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    m_store = m_database.open();
    ASSERT_TRUE(m_store);
  }

  template <class Work>
  void write(Work work) {
    auto written = m_store->write(work);
    ASSERT_TRUE(written) << written.error().message;
  }

  IncidentId insert_incident(const Incident& incident) {
    IncidentId id;
    write([&](WriteTransaction& tx) -> Result<void> {
      auto inserted = tx.insert_incident(incident);
      if (!inserted) return tl::unexpected(inserted.error());
      id = *inserted;
      return {};
    });
    return id;
  }

  Incident find(IncidentId id) {
    auto found = m_store->find_incident(id);
    EXPECT_TRUE(found && *found);
    return found && *found ? **found : Incident{};
  }

  TestDatabase m_database;
  std::unique_ptr<Store> m_store;
};

TEST_F(IncidentStoreTest, AnIncidentRoundTripsWithItsPostmortemTicketsAndLog) {
  const TicketId first = testing::insert(*m_store, sample_ticket());
  const TicketId second = testing::insert(*m_store, sample_ticket());
  Incident incident = incident_of("Workday sync drops offers");
  const IncidentId id = insert_incident(incident);
  PostMortem postmortem;
  postmortem.timeline = {{k_at, "sync failing"}};
  postmortem.impact = "offers late";
  postmortem.root_cause = "expired credential";
  postmortem.contributing_factors = {"no alert"};
  postmortem.action_items = {{1, "rotate", "omar", k_at + hours(24), k_at + hours(2), std::nullopt},
                             {2, "alert", "nina", k_at + hours(48), std::nullopt, std::nullopt}};
  postmortem.written_by = "nina";
  postmortem.updated_at = k_at + hours(3);
  write([&](WriteTransaction& tx) -> Result<void> {
    auto stored = tx.find_incident(id);
    if (!stored) return tl::unexpected(stored.error());
    Incident changed = **stored;
    changed.status = IncidentStatus::resolved;
    changed.resolved_at = k_at + hours(2);
    changed.responded_at = k_at + hours(1);
    changed.postmortem = postmortem;
    if (auto updated = tx.update_incident(changed); !updated) return updated;
    for (const TicketId ticket : {second, first}) {
      if (auto linked = tx.link_incident_ticket(id, ticket, k_at); !linked) return tl::unexpected(linked.error());
    }
    return tx.append_incident_update(id, {k_at + hours(1), "nina", "update", "rolling back"});
  });

  const Incident found = find(id);
  EXPECT_EQ(found.title, "Workday sync drops offers");
  EXPECT_EQ(found.status, IncidentStatus::resolved);
  EXPECT_EQ(found.resolved_at, k_at + hours(2));
  EXPECT_EQ(found.responded_at, k_at + hours(1));
  EXPECT_EQ(found.opened_by, "omar");
  EXPECT_EQ(found.tickets, (std::vector<TicketId>{first, second}));
  ASSERT_EQ(found.updates.size(), 1u);
  EXPECT_EQ(found.updates[0].message, "rolling back");
  ASSERT_TRUE(found.postmortem);
  EXPECT_EQ(found.postmortem->root_cause, "expired credential");
  EXPECT_EQ(found.postmortem->contributing_factors, std::vector<std::string>{"no alert"});
  ASSERT_EQ(found.postmortem->action_items.size(), 2u);
  EXPECT_EQ(found.postmortem->action_items[0].done_at, k_at + hours(2));
  EXPECT_EQ(found.postmortem->action_items[1].due, k_at + hours(48));
  EXPECT_EQ(found.postmortem->updated_at, k_at + hours(3));
}

TEST_F(IncidentStoreTest, ATicketIsInOneIncidentAtMost) {
  const TicketId ticket = testing::insert(*m_store, sample_ticket());
  const IncidentId first = insert_incident(incident_of("first"));
  const IncidentId second = insert_incident(incident_of("second"));
  std::vector<std::optional<IncidentId>> previous;
  write([&](WriteTransaction& tx) -> Result<void> {
    for (const IncidentId id : {first, second}) {
      auto linked = tx.link_incident_ticket(id, ticket, k_at);
      if (!linked) return tl::unexpected(linked.error());
      previous.push_back(*linked);
    }
    return {};
  });
  EXPECT_EQ(previous, (std::vector<std::optional<IncidentId>>{std::nullopt, first}));
  EXPECT_TRUE(find(first).tickets.empty());
  EXPECT_EQ(find(second).tickets, std::vector<TicketId>{ticket});
  write([&](WriteTransaction& tx) -> Result<void> {
    auto wrong = tx.unlink_incident_ticket(first, ticket);
    auto right = tx.unlink_incident_ticket(second, ticket);
    EXPECT_FALSE(wrong && *wrong);
    EXPECT_TRUE(right && *right);
    return {};
  });
  EXPECT_TRUE(find(second).tickets.empty());
}

TEST_F(IncidentStoreTest, ListsNewestFirstInPagesAndByStatus) {
  const IncidentId a = insert_incident(incident_of("a"));
  Incident resolved = incident_of("b");
  resolved.status = IncidentStatus::resolved;
  const IncidentId b = insert_incident(resolved);
  const IncidentId c = insert_incident(incident_of("c"));
  auto page = m_store->list_incidents({std::nullopt, std::nullopt, 2});
  ASSERT_TRUE(page);
  ASSERT_EQ(page->items.size(), 2u);
  EXPECT_EQ(page->items[0].id, c);
  EXPECT_EQ(page->items[1].id, b);
  ASSERT_TRUE(page->next);
  auto rest = m_store->list_incidents({std::nullopt, page->next, 2});
  ASSERT_TRUE(rest);
  ASSERT_EQ(rest->items.size(), 1u);
  EXPECT_EQ(rest->items[0].id, a);
  EXPECT_FALSE(rest->next);
  auto open = m_store->list_incidents({IncidentStatus::open, std::nullopt, 10});
  ASSERT_TRUE(open);
  ASSERT_EQ(open->items.size(), 2u);
  EXPECT_EQ(open->items[1].id, a);
}

TEST_F(IncidentStoreTest, TheSweepReadsOpenIncidentsAndThoseWithPendingActionItems) {
  const IncidentId open = insert_incident(incident_of("open"));
  Incident closed_done = incident_of("closed, all done");
  closed_done.status = IncidentStatus::closed;
  closed_done.postmortem = PostMortem{};
  closed_done.postmortem->action_items = {{1, "x", "omar", k_at, k_at, std::nullopt}};
  insert_incident(closed_done);
  Incident closed_pending = closed_done;
  closed_pending.title = "closed, an item pending";
  closed_pending.postmortem->action_items[0].done_at.reset();
  const IncidentId pending = insert_incident(closed_pending);
  write([&](WriteTransaction& tx) -> Result<void> {
    auto swept = tx.incidents_to_sweep();
    if (!swept) return tl::unexpected(swept.error());
    std::vector<IncidentId> ids;
    for (const auto& incident : *swept) ids.push_back(incident.id);
    EXPECT_EQ(ids, (std::vector<IncidentId>{open, pending}));
    return {};
  });
}

TEST_F(IncidentStoreTest, CountsTheDefectsEachChangeCaused) {
  std::vector<Ticket> tickets{sample_ticket(), sample_ticket(), sample_ticket()};
  tickets[2].resolved_at = k_at + hours(1);
  ASSERT_TRUE(testing::insert_tickets(*m_store, tickets));
  const ChangeRecord template_change{"CHG-1", "offer template", "greenhouse", k_at, "", "cli", k_at};
  ChangeRecord mapping_change{"CHG-2", "field mapping", "workday", k_at + hours(1), "https://wiki/2", "cli", k_at};
  ChangeRecord harmless{"CHG-3", "stage rename", "greenhouse", k_at + hours(2), "", "cli", k_at};
  Incident incident = incident_of("sync");
  incident.caused_by_change = "CHG-2";
  std::optional<std::string> relinked_from;
  write([&](WriteTransaction& tx) -> Result<void> {
    for (const auto& change : {template_change, mapping_change, harmless}) {
      if (auto inserted = tx.insert_change(change); !inserted) return inserted;
    }
    auto duplicate = tx.insert_change(template_change);
    EXPECT_FALSE(duplicate);
    if (!duplicate) {
      EXPECT_EQ(duplicate.error().code, ErrorCode::conflict);
    }
    if (auto inserted = tx.insert_incident(incident); !inserted) return tl::unexpected(inserted.error());
    for (const auto& [change, ticket] : std::vector<std::pair<std::string, TicketId>>{
             {"CHG-1", tickets[0].id}, {"CHG-2", tickets[1].id}, {"CHG-2", tickets[2].id}, {"CHG-1", tickets[1].id}}) {
      auto linked = tx.link_change_ticket(change, ticket, k_at);
      if (!linked) return tl::unexpected(linked.error());
      if (ticket == tickets[1].id && *linked) relinked_from = *linked;
    }
    return {};
  });
  EXPECT_EQ(relinked_from, "CHG-2");  // tickets[1] moved from CHG-2 to CHG-1

  auto rows = m_store->change_defects(k_at, k_at + hours(3));
  ASSERT_TRUE(rows) << rows.error().message;
  ASSERT_EQ(rows->size(), 3u);
  // CHG-1: tickets 0 and 1, both unresolved. CHG-2: ticket 2 (resolved) and the incident.
  // Both have 2 defects: the newer deployment first.
  EXPECT_EQ((*rows)[0].change.id, "CHG-2");
  EXPECT_EQ((*rows)[0].tickets, 1);
  EXPECT_EQ((*rows)[0].unresolved_tickets, 0);
  EXPECT_EQ((*rows)[0].incidents, 1);
  EXPECT_EQ((*rows)[0].change.link, "https://wiki/2");
  EXPECT_EQ((*rows)[1].change.id, "CHG-1");
  EXPECT_EQ((*rows)[1].tickets, 2);
  EXPECT_EQ((*rows)[1].unresolved_tickets, 2);
  EXPECT_EQ((*rows)[2].change.id, "CHG-3");
  EXPECT_EQ((*rows)[2].tickets + (*rows)[2].incidents, 0);

  auto links = m_store->change_links("CHG-1");
  ASSERT_TRUE(links);
  EXPECT_EQ(links->tickets, (std::vector<TicketId>{tickets[0].id, tickets[1].id}));
  EXPECT_TRUE(links->incidents.empty());
  auto listed = m_store->list_changes(2);
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[0].id, "CHG-3");
  auto period = m_store->change_defects(k_at + hours(1), k_at + hours(2));
  ASSERT_TRUE(period);
  ASSERT_EQ(period->size(), 1u);
  EXPECT_EQ((*period)[0].change.id, "CHG-2");
}

TEST_F(IncidentStoreTest, DeletingATicketRemovesItsLinks) {
  const TicketId ticket = testing::insert(*m_store, sample_ticket());
  const IncidentId id = insert_incident(incident_of("x"));
  write([&](WriteTransaction& tx) -> Result<void> {
    if (auto inserted = tx.insert_change({"CHG-9", "x", "greenhouse", k_at, "", "cli", k_at}); !inserted) {
      return inserted;
    }
    if (auto linked = tx.link_change_ticket("CHG-9", ticket, k_at); !linked) return tl::unexpected(linked.error());
    if (auto linked = tx.link_incident_ticket(id, ticket, k_at); !linked) return tl::unexpected(linked.error());
    auto deleted = tx.delete_ticket(ticket);
    if (!deleted) return tl::unexpected(deleted.error());
    EXPECT_TRUE(*deleted);
    return {};
  });
  EXPECT_TRUE(find(id).tickets.empty());
  auto links = m_store->change_links("CHG-9");
  ASSERT_TRUE(links);
  EXPECT_TRUE(links->tickets.empty());
}

}  // namespace incident_store_test
}  // namespace snag
