// The automation rules as a stored, versioned resource (app/automation/rule_service.hpp), on real
// stores: version 0 is the configuration's; a replacement is checked against the catalog (the
// error names the line and the rule), stored as the next version and put in force; another node
// puts it in force at its refresh; a version a node cannot read is reported once; and when the
// sla rules' points move, open tickets are re-planned so the sweep reads them at the new points.

#include "../app/fake_store.hpp"
#include "../support/test_time.hpp"
#include "job_fixtures.hpp"
#include <gtest/gtest.h>
#include <test_database.hpp>

#include <snag/app/automation/rule_service.hpp>
#include <snag/app/automation/sla_sweep.hpp>
#include <snag/app/ticket_writes.hpp>
#include <snag/config/rules_yaml.hpp>
#include <snag/config/settings.hpp>
#include <snag/domain/ticket_changes.hpp>
#include <snag/jobs/automation_job.hpp>

namespace snag {
namespace rules_in_force_test {

using testing::at;

// Told to the assignee at a tenth of the resolution target: for a sev2 background check (8
// business hours) opened Monday 10:00, at 10:48, before its first-response breach at 12:00.
constexpr std::string_view k_early_warning = R"(rules:
  - name: early-warning
    when: {sla: 10%}
    then:
      - notify: {to: assignee, message: "a tenth of the resolution target has passed"}
)";

// One node: its own catalog (so that installing rules refills only its escalation points), its
// rule book, router and rule service over the shared store.
struct Node {
  explicit Node(Store& store, const testing::ManualClock& clock)
      : settings(parse_or_throw()),
        book(settings.rules, settings.catalog.sla.escalation_points),
        router(settings.catalog, book),
        access(settings.catalog, detector),
        rules(store, clock, access, book, configured()) {}

  static Settings parse_or_throw() {
    auto parsed = parse_settings("", "defaults", {});
    if (!parsed) throw std::runtime_error(parsed.error().message);
    return std::move(*parsed);
  }

  ConfiguredRules configured() const {
    return ConfiguredRules{settings.rules, settings.rules_yaml,
                           [this](std::string_view yaml) { return read_rules_document(yaml, settings.catalog); },
                           settings.catalog.sla.escalation_points};
  }

  Settings settings;
  RuleBook book;
  TicketRouter router;
  pii::Detector detector{{}};
  AccessGuard access;
  RuleService rules;
};

class RulesInForceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store = database.open();
    ASSERT_TRUE(store);
    node.emplace(*store, clock);
    testing::add_user(*store, "cora", "compliance", "compliance", k_monday);
  }

  TicketId open_background_check() {
    TicketDraft draft;
    draft.type = "background_check_delay";
    draft.title = "Check stuck at the vendor";
    draft.assignee = "cora";
    TicketId id;
    EXPECT_TRUE(store->write([&](WriteTransaction& tx) -> Result<void> {
      auto opened = open_ticket(node->settings.catalog, draft, admin, k_monday);
      if (!opened) return tl::unexpected(opened.error());
      auto inserted = insert_opened_ticket(tx, node->router, admin, std::move(*opened), k_monday);
      if (!inserted) return tl::unexpected(inserted.error());
      id = inserted->id;
      return {};
    }));
    return id;
  }

  Ticket ticket(TicketId id) {
    auto found = store->find_ticket(id);
    EXPECT_TRUE(found && *found);
    return found && *found ? **found : Ticket{};
  }

  std::vector<std::string> queued_job_kinds() {
    std::vector<std::string> kinds;
    EXPECT_TRUE(store->write([&](WriteTransaction& tx) -> Result<void> {
      auto leased = tx.lease_jobs(LeaseRequest{"tests", 50, clock.now(), std::chrono::milliseconds(30000)});
      if (!leased) return tl::unexpected(leased.error());
      for (const Job& job : *leased) kinds.push_back(job.kind);
      return {};
    }));
    return kinds;
  }

  testing::TestDatabase database;
  std::unique_ptr<Store> store;
  const Timestamp k_monday = at("2026-03-02T10:00:00-05:00");
  testing::ManualClock clock{k_monday};
  std::optional<Node> node;
  Actor admin{"ada", "admin", std::nullopt, "key:1", "127.0.0.1", std::nullopt};
  Actor recruiter{"rita", "recruiter", "recruitment", "key:2", "127.0.0.1", std::nullopt};
};

TEST_F(RulesInForceTest, TheConfigurationsRulesAreVersionZero) {
  auto current = node->rules.current(recruiter);
  ASSERT_TRUE(current) << current.error().message;
  EXPECT_EQ(current->stored.version, 0);
  EXPECT_EQ(current->stored.created_by, "configuration");
  EXPECT_EQ(current->stored.rule_count, static_cast<std::int64_t>(node->settings.rules.rules.size()));
  ASSERT_TRUE(current->rules);
  EXPECT_EQ(current->rules->rules.front().name, "offer-link-expired");
  // The YAML shown reads back as the same rules.
  auto reread = read_rules_document(current->stored.yaml, node->settings.catalog);
  ASSERT_TRUE(reread) << reread.error().message;
  ASSERT_EQ(reread->rules.size(), node->settings.rules.rules.size());
  for (std::size_t i = 0; i < reread->rules.size(); ++i) {
    EXPECT_EQ(reread->rules[i].name, node->settings.rules.rules[i].name);
  }
}

TEST_F(RulesInForceTest, AReplacementIsStoredAsTheNextVersionAndPutInForce) {
  auto replaced = node->rules.replace(admin, k_early_warning, 0);
  ASSERT_TRUE(replaced) << replaced.error().message;
  EXPECT_EQ(replaced->stored.version, 1);
  EXPECT_EQ(replaced->stored.created_by, "ada");
  EXPECT_EQ(node->book.version(), 1);
  ASSERT_EQ(node->book.current()->rules.size(), 1u);
  EXPECT_EQ(node->book.current()->rules[0].name, "early-warning");
  const auto points = node->settings.catalog.sla.escalation_points.snapshot();
  ASSERT_EQ(points->size(), 1u) << "the clocks plan with the new sla rules' points";
  EXPECT_EQ(points->front().name, "early-warning");

  auto current = node->rules.current(recruiter);
  ASSERT_TRUE(current);
  EXPECT_EQ(current->stored.version, 1);
  EXPECT_EQ(current->stored.yaml, k_early_warning) << "kept as it was sent";
  auto listed = node->rules.versions(recruiter);
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(listed->front().rule_count, 1);
  EXPECT_TRUE(listed->front().yaml.empty());
  auto configuration = node->rules.version(recruiter, 0);
  ASSERT_TRUE(configuration);
  EXPECT_EQ(configuration->stored.yaml, node->settings.rules_yaml);
  EXPECT_EQ(node->rules.version(recruiter, 7).error().code, ErrorCode::not_found);
}

TEST_F(RulesInForceTest, ADocumentThatDoesNotFitTheCatalogIsRefusedNamingTheLineAndTheRule) {
  const std::string bad = R"(rules:
  - name: fine
    when: {ats_event: [offer.expired]}
    then: [{create_ticket: offer_link_expired}]
  - name: typo
    when: {ats_event: [offer.expired]}
    then: [{create_ticket: offer_link_expird}]
)";
  auto refused = node->rules.replace(admin, bad, std::nullopt);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::validation_failed);
  ASSERT_EQ(refused.error().fields.size(), 1u);
  EXPECT_EQ(refused.error().fields[0].field, "rules");
  EXPECT_NE(refused.error().fields[0].message.find("line 7: rule 'typo'"), std::string::npos)
      << refused.error().fields[0].message;
  EXPECT_EQ(store->latest_rule_set_version().value(), 0) << "nothing stored";
  EXPECT_EQ(node->book.version(), 0);

  auto broken = node->rules.validate(admin, "rules: [ {name: x");
  ASSERT_FALSE(broken);
  EXPECT_EQ(broken.error().code, ErrorCode::validation_failed);
  EXPECT_EQ(broken.error().fields[0].message.rfind("line ", 0), 0u) << broken.error().fields[0].message;
  auto stray = node->rules.validate(admin, "rules: []\nroles: []\n");
  ASSERT_FALSE(stray);
  EXPECT_NE(stray.error().fields[0].message.find("line 2: 'roles'"), std::string::npos);
  auto checked = node->rules.validate(admin, k_early_warning);
  ASSERT_TRUE(checked) << checked.error().message;
  EXPECT_EQ(checked->rules.size(), 1u);
  EXPECT_EQ(store->latest_rule_set_version().value(), 0) << "validating stores nothing";
}

TEST_F(RulesInForceTest, OnlyAutomationAdminsChangeRulesAndAStaleVersionIsRefused) {
  EXPECT_EQ(node->rules.replace(recruiter, k_early_warning, std::nullopt).error().code,
            ErrorCode::permission_denied);
  EXPECT_EQ(node->rules.validate(recruiter, k_early_warning).error().code, ErrorCode::permission_denied);
  ASSERT_TRUE(node->rules.replace(admin, k_early_warning, 0));
  auto stale = node->rules.replace(admin, "rules: []\n", 0);
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::precondition_failed);
  auto emptied = node->rules.replace(admin, "rules: []\n", 1);
  ASSERT_TRUE(emptied) << emptied.error().message;
  EXPECT_EQ(emptied->stored.version, 2);
  EXPECT_TRUE(node->book.current()->rules.empty()) << "no rules: no automation";
}

TEST_F(RulesInForceTest, AnotherNodePutsTheNewestVersionInForceAtItsRefresh) {
  Node other(*store, clock);
  ASSERT_TRUE(node->rules.replace(admin, k_early_warning, std::nullopt));
  EXPECT_EQ(other.book.version(), 0);
  auto refreshed = other.rules.refresh();
  ASSERT_TRUE(refreshed) << refreshed.error().message;
  EXPECT_TRUE(*refreshed);
  EXPECT_EQ(other.book.version(), 1);
  EXPECT_EQ(other.book.current()->rules[0].name, "early-warning");
  EXPECT_EQ(other.settings.catalog.sla.escalation_points.snapshot()->size(), 1u);
  EXPECT_FALSE(other.rules.refresh().value()) << "nothing newer";
  EXPECT_FALSE(node->rules.refresh().value()) << "the node that stored it runs it already";
}

TEST_F(RulesInForceTest, AStoredVersionANodeCannotReadIsReportedOnceAndItsRulesStay) {
  // Stored by a node whose catalog has a type this one lacks.
  ASSERT_TRUE(store->write([&](WriteTransaction& tx) -> Result<void> {
    StoredRuleSet stored;
    stored.version = 1;
    stored.yaml = "rules:\n  - name: x\n    when: {ats_event: [offer.expired]}\n    then: [{create_ticket: visa_expired}]\n";
    stored.rule_count = 1;
    stored.created_at = k_monday;
    stored.created_by = "ada";
    return tx.insert_rule_set(stored);
  }));
  auto refused = node->rules.refresh();
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("rules version 1"), std::string::npos) << refused.error().message;
  EXPECT_NE(refused.error().message.find("line 4: rule 'x'"), std::string::npos) << refused.error().message;
  auto again = node->rules.refresh();
  ASSERT_TRUE(again);
  EXPECT_FALSE(*again) << "said once";
  EXPECT_EQ(node->book.version(), 0);
  EXPECT_EQ(node->book.current()->rules.size(), node->settings.rules.rules.size());
}

TEST_F(RulesInForceTest, MovedSlaPointsReplanOpenTicketsSoTheSweepActsAtTheNewPoint) {
  const TicketId id = open_background_check();
  EXPECT_EQ(ticket(id).sla_next_check_at, at("2026-03-02T12:00:00-05:00")) << "its first-response breach";

  ASSERT_TRUE(node->rules.replace(admin, k_early_warning, std::nullopt));
  const std::vector<std::string> kinds = queued_job_kinds();
  ASSERT_EQ(kinds, std::vector<std::string>{std::string(k_sla_replan_job)});

  Job job;
  job.kind = std::string(k_sla_replan_job);
  JobContext context(*store, job, clock.now());
  auto replanned = make_sla_replan_handler(node->rules, node->settings.catalog)(job, context);
  ASSERT_TRUE(replanned) << replanned.error().message;
  EXPECT_EQ(ticket(id).sla_next_check_at, at("2026-03-02T10:48:00-05:00"));

  auto swept = run_sla_sweep(*store, node->router, at("2026-03-02T11:00:00-05:00"));
  ASSERT_TRUE(swept) << swept.error().message;
  EXPECT_EQ(swept->escalations, 1u);
  NotificationQuery query;
  query.recipient = "cora";
  const auto told = store->notifications(query);
  ASSERT_TRUE(told);
  ASSERT_EQ(told->items.size(), 1u);
  EXPECT_EQ(told->items[0].rule, "early-warning");

  // Rules whose points stay where they are re-plan nothing.
  std::string reworded(k_early_warning);
  reworded.replace(reworded.find("a tenth"), 7, "one tenth");
  ASSERT_TRUE(node->rules.replace(admin, reworded, std::nullopt));
  EXPECT_TRUE(queued_job_kinds().empty());
}

// A node that has not put another node's newest version in force yet cannot tell whether its
// replacement moves the points in force: it queues the re-plan.
TEST_F(RulesInForceTest, ANodeBehindTheNewestVersionQueuesTheReplanAnyway) {
  Node other(*store, clock);
  ASSERT_TRUE(other.rules.replace(admin, k_early_warning, std::nullopt));
  EXPECT_EQ(queued_job_kinds(), std::vector<std::string>{std::string(k_sla_replan_job)});
  ASSERT_EQ(node->book.version(), 0);
  // The configuration's rules again: the same points as this node's version 0, not version 1's.
  ASSERT_TRUE(node->rules.replace(admin, node->settings.rules_yaml, std::nullopt));
  EXPECT_EQ(queued_job_kinds(), std::vector<std::string>{std::string(k_sla_replan_job)});
}

}  // namespace rules_in_force_test
}  // namespace snag
