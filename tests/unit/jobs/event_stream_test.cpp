// Event failover (automation): a stream of ATS events delivered twice and out of order ends in
// the same tickets and the same notifications as the clean stream. Two real stores take the same
// deliveries through the inbox — one in order, once each; the other with about a third repeated
// and all shuffled — and then the same jobs and SLA sweeps run on a manual clock. Notifications
// are compared by recipient, kind, rule, the ticket's candidate and type, and message: ticket keys
// differ, since tickets are numbered in the order their blockers arrived.

#include <algorithm>
#include <random>

#include "../app/fake_store.hpp"
#include "../support/test_time.hpp"
#include "job_fixtures.hpp"
#include <default_catalog.hpp>
#include <gtest/gtest.h>
#include <test_database.hpp>

#include <snag/app/automation/interview_notices.hpp>
#include <snag/app/automation/sla_sweep.hpp>
#include <snag/integrations/event_applier.hpp>
#include <snag/integrations/inbox_processor.hpp>
#include <snag/jobs/automation_job.hpp>

namespace snag {
namespace event_stream_test {

using namespace std::chrono_literals;
using testing::default_catalog;
using testing::default_router;

using testing::at;

// Monday 09:00 in New York: when the stream is processed.
const Timestamp k_processed = at("2026-11-30T14:00:00Z");

struct Delivery {
  std::string event_id;
  nlohmann::json body;
};

nlohmann::json candidate_json(int i) {
  return {{"ats", "acme"}, {"external_id", "c-" + std::to_string(i)}};
}

nlohmann::json standard_event(const std::string& type, Timestamp occurred_at, nlohmann::json data) {
  return {{"type", type}, {"timestamp", format_rfc3339(occurred_at)}, {"data", std::move(data)}};
}

// Two dozen candidates, each described twice (a later change of level for some), with the
// shipped blockers (expired offers, missing documents, background checks pending ten days) and
// interviews, some moved and some cancelled.
std::vector<Delivery> clean_stream() {
  std::vector<Delivery> stream;
  for (int i = 0; i < 24; ++i) {
    const Timestamp base = k_processed - 20 * 24h + i * 1min;
    const auto add = [&](const std::string& suffix, const std::string& type, Timestamp occurred_at,
                         nlohmann::json data) {
      data["candidate"].update(candidate_json(i));
      stream.push_back({"msg-" + std::to_string(i) + "-" + suffix, standard_event(type, occurred_at, std::move(data))});
    };
    add("created", "candidate.created", base,
        {{"candidate",
          {{"name", "Candidate " + std::to_string(i)},
           {"level", i % 4 == 0 ? "executive" : "senior"},
           {"geography", i % 3 == 0 ? "DE" : "US-NY"}}}});
    if (i % 6 == 0) add("updated", "candidate.updated", base + 1h, {{"candidate", {{"level", "entry"}}}});
    if (i % 2 == 0) add("offer", "offer.expired", base + 2h, {{"candidate", nlohmann::json::object()}, {"offer_id", "of-" + std::to_string(i)}});
    if (i % 3 == 0) add("document", "document.missing", base + 3h, {{"candidate", nlohmann::json::object()}});
    if (i % 4 == 2) add("resume", "resume.parse_failed", base + 4h, {{"candidate", nlohmann::json::object()}});
    if (i % 4 == 1) {
      add("check", "background_check.updated", base + 4h,
          {{"candidate", nlohmann::json::object()},
           {"status", "pending"},
           {"started_at", format_rfc3339(k_processed - 10 * 24h)}});
    }
    const std::string interview = "interview:" + std::to_string(i);
    add("interview", "interview.scheduled", base + 5h,
        {{"candidate", nlohmann::json::object()}, {"object", interview}, {"starts_at", format_rfc3339(k_processed + 30h)}});
    if (i % 5 == 0) {
      add("moved", "interview.scheduled", base + 6h,
          {{"candidate", nlohmann::json::object()}, {"object", interview}, {"starts_at", format_rfc3339(k_processed + 50h)}});
    }
    if (i % 7 == 0) {
      add("cancelled", "interview.cancelled", base + 7h, {{"candidate", nlohmann::json::object()}, {"object", interview}});
    }
  }
  return stream;
}

// About a third delivered twice, and everything in a shuffled order.
std::vector<Delivery> messy_stream() {
  std::mt19937 random(7);
  std::vector<Delivery> stream;
  for (const Delivery& delivery : clean_stream()) {
    stream.push_back(delivery);
    if (random() % 3 == 0) stream.push_back(delivery);
  }
  std::shuffle(stream.begin(), stream.end(), random);
  return stream;
}

// One installation: a real store, its people, a Standard Webhooks connector.
class World {
 public:
  World() {
    store = database.open();
    if (!store) throw std::runtime_error("cannot open the test store");
    connector.id = "sw";
    connector.vendor = "standard_webhooks";
    connector.ats = "acme";
    connector.secrets = {"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"};
    connector.created_at = k_processed;
    EXPECT_TRUE(store->write([&](WriteTransaction& tx) { return tx.insert_connector(connector); }));
    testing::add_user(*store, "hank", "hiring_manager", "recruitment", k_processed);
    testing::add_user(*store, "hilde", "hiring_manager", "hris", k_processed);
    testing::add_user(*store, "cora", "compliance", "compliance", k_processed);
    testing::add_user(*store, "sam", "senior_recruiter", "recruitment", k_processed);
    testing::add_user(*store, "lena", "legal", "legal", k_processed);
    // Resume problems are IT support's and not confidential: their hiring manager hears of
    // interviews (the other blockers are confidential or restricted, beyond a hiring manager).
    testing::add_user(*store, "ivo", "hiring_manager", "it_support", k_processed);
  }

  // Stores each delivery as the intake does (a repeated event id is stored once), then lets the
  // inbox apply them, in stored order, until none is left.
  void receive(const std::vector<Delivery>& stream) {
    for (const Delivery& delivery : stream) {
      NewDelivery stored;
      stored.connector = connector.id;
      stored.event_id = delivery.event_id;
      stored.received_at = k_processed;
      stored.body = delivery.body.dump();
      EXPECT_TRUE(store->write([&](WriteTransaction& tx) -> Result<void> {
        auto inserted = tx.insert_delivery(stored);
        if (!inserted) return tl::unexpected(inserted.error());
        return {};
      }));
    }
    InboxProcessor inbox(*store, clock, applier, policy, "test-node");
    while (true) {
      auto round = inbox.process_due();
      ASSERT_TRUE(round) << round.error().message;
      EXPECT_EQ(round->retried + round->dead, 0u);
      if (round->done == 0) break;
    }
  }

  // Runs the jobs due at `now`: the interview notices by their handler; the emails they queue
  // are only marked done (no one here has an address).
  void run_jobs(Timestamp now) {
    std::vector<Job> jobs;
    EXPECT_TRUE(store->write([&](WriteTransaction& tx) -> Result<void> {
      auto leased = tx.lease_jobs(LeaseRequest{"test", 500, now, 30s});
      if (!leased) return tl::unexpected(leased.error());
      jobs = std::move(*leased);
      return {};
    }));
    const JobHandler notice = make_interview_notice_handler(default_catalog());
    for (const Job& job : jobs) {
      JobContext context(*store, job, now);
      if (job.kind == k_interview_notice_job) {
        EXPECT_TRUE(notice(job, context));
      } else {
        EXPECT_TRUE(context.complete_with([](WriteTransaction&) -> Result<void> { return {}; }));
      }
    }
  }

  void sweep(Timestamp now) {
    auto swept = run_sla_sweep(*store, default_router(), now);
    EXPECT_TRUE(swept) << swept.error().message;
  }

  // type|candidate|status|severity|team|assignee|labels of every ticket, sorted.
  std::vector<std::string> tickets() {
    std::vector<std::string> rows;
    for (const Ticket& ticket : all_tickets()) {
      std::string labels;
      for (const std::string& label : ticket.labels) labels += label + ",";
      rows.push_back(describe(ticket) + "|" + ticket.status + "|" + std::string(to_string(ticket.severity)) + "|" +
                     ticket.team + "|" + ticket.assignee.value_or("-") + "|" + labels);
    }
    std::sort(rows.begin(), rows.end());
    return rows;
  }

  // recipient|kind|rule|the ticket's candidate and type|message without the key, sorted.
  std::vector<std::string> notifications() {
    std::map<std::int64_t, std::string> ticket_names;
    for (const Ticket& ticket : all_tickets()) ticket_names[ticket.id.value] = describe(ticket);
    std::vector<std::string> rows;
    for (const std::string person : {"hank", "hilde", "cora", "sam", "lena", "ivo"}) {
      NotificationQuery query;
      query.recipient = person;
      query.limit = 500;
      auto page = store->notifications(query);
      EXPECT_TRUE(page);
      for (const Notification& notification : page.value_or(NotificationPage{}).items) {
        const std::string ticket = notification.ticket ? ticket_names[notification.ticket->value] : "-";
        std::string message = notification.message;
        if (notification.ticket) message.erase(0, ticket_key(*notification.ticket).size());
        rows.push_back(person + "|" + notification.kind + "|" + notification.rule + "|" + ticket + "|" + message);
      }
    }
    std::sort(rows.begin(), rows.end());
    return rows;
  }

 private:
  static std::string describe(const Ticket& ticket) {
    return ticket.type + "@" + (ticket.candidate ? ticket.candidate->external_id : "-");
  }

  std::vector<Ticket> all_tickets() {
    TicketQuery query;
    query.limit = 200;
    auto page = store->list_tickets(query);
    EXPECT_TRUE(page);
    EXPECT_FALSE(page && page->next) << "more tickets than one page";
    return page ? page->items : std::vector<Ticket>{};
  }

  testing::TestDatabase database;

 public:
  std::unique_ptr<Store> store;

 private:
  testing::ManualClock clock{k_processed};
  AtsPolicy policy;
  const EventApplier applier{default_catalog(), default_router(), 72h};
  Connector connector;
};

TEST(EventStream, ARepeatedAndShuffledStreamEndsInTheCleanStreamsTicketsAndNotifications) {
  World clean;
  World messy;
  clean.receive(clean_stream());
  messy.receive(messy_stream());
  // The same work afterwards: the interview notices at once, a day's SLA sweeps through the
  // breaches and the escalation ladder, and the notices the day before each interview.
  for (World* world : {&clean, &messy}) {
    world->run_jobs(k_processed);
    for (const Timestamp when : {k_processed + 4h, k_processed + 8h, k_processed + 24h, k_processed + 48h}) {
      world->sweep(when);
      world->run_jobs(when);
    }
  }

  const auto tickets = clean.tickets();
  const auto notifications = clean.notifications();
  EXPECT_EQ(tickets.size(), 12u + 8u + 6u + 6u);  // offers, missing documents, background checks, resumes
  const auto count_kind = [&](std::string_view kind) {
    return std::count_if(notifications.begin(), notifications.end(),
                         [&](const std::string& row) { return row.find("|" + std::string(kind) + "|") != std::string::npos; });
  };
  EXPECT_GE(count_kind("interview"), 6) << "interviews of candidates with open tickets";
  EXPECT_GT(count_kind("escalation"), 10) << "the shipped ladder";
  EXPECT_EQ(messy.tickets(), tickets);
  EXPECT_EQ(messy.notifications(), notifications);
}

}  // namespace event_stream_test
}  // namespace snag
