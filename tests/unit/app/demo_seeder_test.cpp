#include <algorithm>
#include <map>
#include <set>

#include "default_catalog.hpp"
#include "fake_store.hpp"
#include <gtest/gtest.h>

#include <snag/app/demo_seeder.hpp>
#include <snag/config/settings.hpp>
#include <snag/util/crypto.hpp>

namespace snag {
namespace demo_seeder_test {

using testing::default_catalog;
using testing::FakeStore;
using testing::FakeStoreState;
using testing::ManualClock;

const Timestamp k_seed_time = *parse_rfc3339("2026-11-28T12:00:00Z");

struct SeededOrg {
  FakeStore store;
  Result<DemoSummary> summary = fail(ErrorCode::internal, "not seeded");
  std::vector<std::pair<std::int64_t, std::int64_t>> progress;
  FakeStoreState state;
};

// Seeds a fresh fake store; the org is small enough for a unit test and big enough for mixes.
std::unique_ptr<SeededOrg> seed(std::uint64_t seed_value, std::int64_t tickets = 3000, std::int64_t candidates = 400) {
  auto org = std::make_unique<SeededOrg>();
  ManualClock clock(k_seed_time);
  ApiKeyService keys(org->store, default_catalog(), clock);
  SessionService sessions(org->store, default_catalog(), clock, {}, password::minimum_cost());
  DemoOptions options;
  options.tickets = tickets;
  options.candidates = candidates;
  options.seed = seed_value;
  options.progress = [&org](std::int64_t done, std::int64_t total) { org->progress.emplace_back(done, total); };
  org->summary = seed_demo(org->store, default_catalog(), clock, keys, sessions, options);
  org->state = org->store.state();
  return org;
}

const SeededOrg& shared_org() {
  static const auto org = seed(42);
  return *org;
}

std::int64_t days_before_now(Timestamp t) { return std::chrono::floor<std::chrono::days>(k_seed_time - t).count(); }

TEST(DemoSeeder, SeedsTheRequestedNumbersOfTicketsCandidatesAndPeople) {
  const auto& org = shared_org();
  ASSERT_TRUE(org.summary) << org.summary.error().message;
  EXPECT_EQ(org.summary->tickets, 3000);
  EXPECT_EQ(org.summary->candidates, 400);
  EXPECT_EQ(org.state.tickets.size(), 3000u);
  EXPECT_EQ(org.state.candidates.size(), 400u);
  EXPECT_EQ(org.summary->logins.size(), 20u);
  EXPECT_EQ(org.state.api_keys.size(), 20u);
}

TEST(DemoSeeder, WritesTicketsInBatchesAndReportsProgressUpToTheTotal) {
  const auto& org = shared_org();
  ASSERT_FALSE(org.progress.empty());
  EXPECT_EQ(org.progress.back(), std::make_pair(std::int64_t{3000}, std::int64_t{3000}));
  EXPECT_EQ(org.progress.size(), 60u);  // 50 tickets per write
  // 20 keys + 20 users + one write per 2000 candidates + one per 50 tickets: never one per ticket.
  EXPECT_EQ(org.store.commit_stats().commits, 20u + 20u + 1u + 60u);
}

TEST(DemoSeeder, TheSameSeedSeedsTheSameOrgAndAnotherSeedAnotherOne) {
  const auto again = seed(42);
  const auto other = seed(43);
  const auto& first = shared_org().state;
  ASSERT_EQ(again->state.tickets.size(), first.tickets.size());
  for (std::size_t i = 0; i < first.tickets.size(); ++i) {
    EXPECT_EQ(again->state.tickets[i].title, first.tickets[i].title);
    EXPECT_EQ(again->state.tickets[i].status, first.tickets[i].status);
    EXPECT_EQ(again->state.tickets[i].created_at, first.tickets[i].created_at);
  }
  ASSERT_FALSE(first.journal.empty());
  EXPECT_EQ(again->state.journal.back().hash, first.journal.back().hash);
  EXPECT_NE(other->state.journal.back().hash, first.journal.back().hash);
}

TEST(DemoSeeder, TicketsHaveRealisticTypeSeverityAndStatusMixes) {
  const auto& tickets = shared_org().state.tickets;
  std::map<std::string, int> types;
  std::map<Severity, int> severities;
  std::map<std::string, int> statuses;
  std::set<std::string> teams;
  int with_candidate = 0;
  int with_labels = 0;
  for (const auto& ticket : tickets) {
    ++types[ticket.type];
    ++severities[ticket.severity];
    ++statuses[ticket.status];
    teams.insert(ticket.team);
    with_candidate += ticket.candidate ? 1 : 0;
    with_labels += ticket.labels.empty() ? 0 : 1;
  }
  EXPECT_GE(types.size(), 8u);
  EXPECT_GT(types["document_missing"], types["compliance_hold"] * 5);
  EXPECT_GT(types["interview_scheduling_conflict"], types["access_problem"]);
  EXPECT_EQ(severities.size(), 4u);
  EXPECT_EQ(teams.size(), default_catalog().teams.size());  // Legal gets escalated holds
  EXPECT_LT(severities[Severity::sev1], severities[Severity::sev3]);
  EXPECT_GE(statuses.size(), 6u);
  EXPECT_GT(statuses["closed"], static_cast<int>(tickets.size()) / 2);
  EXPECT_GT(with_candidate, static_cast<int>(tickets.size()) * 8 / 10);
  EXPECT_GT(with_labels, 0);
  EXPECT_LT(with_labels, static_cast<int>(tickets.size()) / 2);
}

// The abandonment report's story: some candidates withdraw anyway, more of those an expired
// offer link held up; none withdraws in the future.
TEST(DemoSeeder, SomeCandidatesWithdrawMoreOftenAfterAnExpiredOffer) {
  const auto& state = shared_org().state;
  std::set<std::string> with_expired_offer;
  for (const auto& ticket : state.tickets) {
    if (ticket.candidate && ticket.type == "offer_link_expired")
      with_expired_offer.insert(to_string(*ticket.candidate));
  }
  std::size_t withdrew_after_offer = 0;
  for (const auto& [candidate, at] : state.withdrawals) {
    EXPECT_EQ(state.candidates.count(candidate), 1u) << candidate;
    EXPECT_LE(at, k_seed_time) << candidate;
    withdrew_after_offer += with_expired_offer.count(candidate);
  }
  const double overall = static_cast<double>(state.withdrawals.size()) / static_cast<double>(state.candidates.size());
  const double after_offer = static_cast<double>(withdrew_after_offer) /
                             static_cast<double>(std::max<std::size_t>(with_expired_offer.size(), 1));
  EXPECT_GT(overall, 0.1);
  EXPECT_LT(overall, 0.9);
  ASSERT_GT(with_expired_offer.size(), 20u);
  EXPECT_GT(after_offer, overall);
}

TEST(DemoSeeder, OldTicketsAreMostlyDoneAndRecentOnesMostlyOpen) {
  const Catalog& catalog = default_catalog();
  const Workflow& workflow = *catalog.find_workflow("default");
  int old_total = 0, old_done = 0, recent_total = 0, recent_open = 0;
  for (const auto& ticket : shared_org().state.tickets) {
    const auto age = days_before_now(ticket.created_at);
    if (age > 60) {
      ++old_total;
      old_done += workflow.is_done(ticket.status) ? 1 : 0;
    } else if (age < 2) {
      ++recent_total;
      recent_open += workflow.is_done(ticket.status) ? 0 : 1;
    }
  }
  ASSERT_GT(old_total, 100);
  ASSERT_GT(recent_total, 5);
  EXPECT_GT(old_done, old_total * 9 / 10);
  // Urgent problems are solved within hours, so even the last two days are not all open.
  EXPECT_GT(recent_open * 10, recent_total * 3);
}

TEST(DemoSeeder, TicketsSpreadOverThePastYearWithTheOldestFirst) {
  const auto& tickets = shared_org().state.tickets;
  std::set<std::int64_t> months;
  for (std::size_t i = 0; i < tickets.size(); ++i) {
    EXPECT_LE(tickets[i].created_at, k_seed_time);
    EXPECT_LE(days_before_now(tickets[i].created_at), 365);
    EXPECT_LE(tickets[i].updated_at, k_seed_time);
    if (i > 0) {
      EXPECT_LE(tickets[i - 1].created_at, tickets[i].created_at);
    }
    months.insert(days_before_now(tickets[i].created_at) / 31);
  }
  EXPECT_GE(months.size(), 12u);
  // The org grew: the last quarter has more tickets than the first.
  const auto in_quarter = [&](int quarter) {
    return std::count_if(tickets.begin(), tickets.end(),
                         [&](const Ticket& t) { return days_before_now(t.created_at) / 92 == 3 - quarter; });
  };
  EXPECT_GT(in_quarter(3), in_quarter(0));
}

// Replays each ticket's journal: it opens in the initial status, every status change is a
// transition of its workflow, and the result is the stored ticket.
TEST(DemoSeeder, EveryTicketsHistoryWalksItsWorkflowToItsCurrentState) {
  const Catalog& catalog = default_catalog();
  const auto& state = shared_org().state;
  std::map<std::int64_t, std::vector<const JournalEntry*>> journal;
  for (const auto& entry : state.journal) journal[entry.ticket.value].push_back(&entry);

  for (const auto& ticket : state.tickets) {
    const IssueType* type = catalog.find_issue_type(ticket.type);
    ASSERT_NE(type, nullptr);
    const Workflow& workflow = catalog.workflow_for(*type);
    const auto& entries = journal[ticket.id.value];
    ASSERT_FALSE(entries.empty());
    EXPECT_EQ(entries.front()->action, "create");
    std::string status;
    Timestamp last = entries.front()->at;
    std::int64_t events = 0, last_event = -1;
    for (const JournalEntry* entry : entries) {
      EXPECT_GE(entry->at, last);
      last = entry->at;
      if (entry->event != last_event) {
        ++events;
        last_event = entry->event;
      }
      for (const auto& change : expand_snapshot(FieldChange{entry->field, entry->old_value, entry->new_value})) {
        if (change.field != "status") continue;
        const auto to = change.new_value.get<std::string>();
        if (status.empty()) {
          EXPECT_EQ(to, workflow.initial);
        } else {
          EXPECT_TRUE(check_transition(workflow, status, to)) << ticket_key(ticket.id) << ": " << status << " -> " << to;
        }
        status = to;
      }
    }
    EXPECT_EQ(status, ticket.status) << ticket_key(ticket.id);
    EXPECT_EQ(ticket.version, events) << ticket_key(ticket.id);
    EXPECT_EQ(ticket.updated_at, last);
    EXPECT_EQ(ticket.resolved_at.has_value(), workflow.is_done(ticket.status));
    EXPECT_TRUE(ticket.resolution_due_at.has_value());
  }
}

TEST(DemoSeeder, TheJournalIsAnUnbrokenHashChain) {
  ChainVerifier verifier;
  for (const auto& entry : shared_org().state.journal) ASSERT_TRUE(verifier.add(entry)) << verifier.verdict().reason;
  // One entry for each creation and at least one per later event.
  EXPECT_GT(verifier.verdict().checked, static_cast<std::int64_t>(shared_org().state.tickets.size()) * 3);
}

TEST(DemoSeeder, TicketsPointAtSeededCandidatesAndAreAssignedWithinTheirTeam) {
  const auto& org = shared_org();
  std::map<std::string, std::string> team_of;
  for (const auto& login : org.summary->logins) team_of[login.username] = login.team;
  for (const auto& ticket : org.state.tickets) {
    EXPECT_FALSE(ticket.title.empty());
    EXPECT_GT(ticket.description.size(), ticket.title.size());
    if (ticket.candidate) {
      const auto candidate = org.state.candidates.find(to_string(*ticket.candidate));
      ASSERT_NE(candidate, org.state.candidates.end()) << to_string(*ticket.candidate);
      EXPECT_LE(candidate->second.created_at, ticket.created_at);
      EXPECT_NE(ticket.title.find(*candidate->second.profile.name), std::string::npos) << ticket.title;
    }
    if (ticket.assignee) {
      ASSERT_TRUE(team_of.contains(*ticket.assignee)) << *ticket.assignee;
      EXPECT_EQ(team_of[*ticket.assignee], ticket.team) << ticket_key(ticket.id);
    }
  }
}

TEST(DemoSeeder, CandidatesCarryLevelsGeographiesAndAtsFields) {
  std::set<std::string> levels, geographies, visas, relocations, ats;
  for (const auto& [key, candidate] : shared_org().state.candidates) {
    EXPECT_TRUE(validate_candidate_ref(candidate.ref, "").empty());
    EXPECT_TRUE(std::all_of(candidate.ref.external_id.begin(), candidate.ref.external_id.end(), ::isdigit));
    ASSERT_TRUE(candidate.profile.name && candidate.profile.email && candidate.profile.level &&
                candidate.profile.geography);
    EXPECT_NE(candidate.profile.email->find("@example."), std::string::npos);
    levels.insert(*candidate.profile.level);
    geographies.insert(*candidate.profile.geography);
    visas.insert(candidate.profile.fields.at("visa_status").get<std::string>());
    relocations.insert(candidate.profile.fields.at("relocation").get<std::string>());
    EXPECT_TRUE(candidate.profile.fields.contains("source"));
    ats.insert(candidate.ref.ats);
  }
  EXPECT_EQ(levels, (std::set<std::string>{"entry", "mid", "senior", "executive"}));
  EXPECT_GE(geographies.size(), 8u);
  EXPECT_TRUE(visas.contains("citizen") && visas.contains("needs_sponsorship") && visas.contains("h1b_transfer"));
  EXPECT_EQ(relocations, (std::set<std::string>{"none", "domestic", "international"}));
  EXPECT_EQ(ats, (std::set<std::string>{"greenhouse", "lever"}));
}

TEST(DemoLogins, CoverEveryRoleWithKeysNamedAfterThePerson) {
  const auto logins = demo_logins(default_catalog(), 20);
  ASSERT_EQ(logins.size(), 20u);
  std::set<std::string> roles;
  std::set<std::string> keys;
  for (const auto& login : logins) {
    roles.insert(login.role);
    keys.insert(login.api_key);
    EXPECT_TRUE(login.api_key.starts_with("snag_demo_")) << login.api_key;
    EXPECT_TRUE(login.team.empty() || default_catalog().has_team(login.team));
  }
  std::set<std::string> catalog_roles;
  for (const auto& role : default_catalog().roles) catalog_roles.insert(role.code);
  EXPECT_EQ(roles, catalog_roles);
  EXPECT_EQ(keys.size(), logins.size());
  EXPECT_EQ(logins.front().name, "Priya Shah");
  EXPECT_EQ(logins.front().api_key, "snag_demo_priya_shah");
}

TEST(DemoLogins, TenPeopleAlreadyHaveEveryRoleAndLargeOrgsKeepKeysUnique) {
  std::set<std::string> roles;
  for (const auto& login : demo_logins(default_catalog(), 10)) roles.insert(login.role);
  EXPECT_EQ(roles.size(), default_catalog().roles.size());

  const auto many = demo_logins(default_catalog(), 3000);
  std::set<std::string> keys;
  for (const auto& login : many) keys.insert(login.api_key);
  EXPECT_EQ(keys.size(), many.size());
  EXPECT_EQ(demo_logins(default_catalog(), 25).back().api_key, many[24].api_key);
}

TEST(DemoLogins, AreTheKeysTheSeederStoredAndAuthenticateAsThePersonsUsername) {
  auto& org = const_cast<SeededOrg&>(shared_org());
  ManualClock clock(k_seed_time);
  ApiKeyService keys(org.store, default_catalog(), clock);
  for (const auto& login : demo_logins(default_catalog(), 20)) {
    auto actor = keys.authenticate(login.api_key);
    ASSERT_TRUE(actor) << login.api_key;
    // The same principal as a session's, so a person sees the same tickets with key or cookie.
    EXPECT_EQ(actor->name, login.username);
    EXPECT_EQ(actor->role, login.role);
    EXPECT_EQ(actor->team.value_or(""), login.team);
  }
}

TEST(DemoLogins, AreUsersWhoSignInWithTheDemoPassword) {
  auto& org = const_cast<SeededOrg&>(shared_org());
  EXPECT_EQ(org.state.users.size(), 20u);
  ManualClock clock(k_seed_time);
  SessionService sessions(org.store, default_catalog(), clock, {}, password::minimum_cost());
  for (const auto& login : demo_logins(default_catalog(), 20)) {
    EXPECT_EQ(login.password, k_demo_password);
    auto signed_in = sessions.login(login.username, login.password, "");
    ASSERT_TRUE(signed_in) << login.username << ": " << signed_in.error().message;
    EXPECT_EQ(signed_in->actor.name, login.username);
    EXPECT_EQ(signed_in->actor.role, login.role);
    EXPECT_EQ(signed_in->actor.team.value_or(""), login.team);
  }
  EXPECT_EQ(demo_logins(default_catalog(), 20).front().username, "priya_shah");
}

TEST(DemoSeeder, AnEmptyOrgStillHasItsPeople) {
  const auto org = seed(1, 0, 10);
  ASSERT_TRUE(org->summary);
  EXPECT_EQ(org->summary->tickets, 0);
  EXPECT_TRUE(org->state.tickets.empty());
  EXPECT_EQ(org->state.candidates.size(), 10u);
  EXPECT_EQ(org->state.api_keys.size(), 20u);
}

}  // namespace demo_seeder_test
}  // namespace snag
