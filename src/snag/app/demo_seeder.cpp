#include <snag/app/demo_seeder.hpp>

// How the demo year is made. Creation times are drawn first, for the whole year at once, and
// sorted, so that SNAG-1 is the oldest ticket, as in a real tracker. Then each ticket's life is
// planned as a list of (status, time) steps along the default workflow, with delays that scale
// with severity and SLA target; the steps that would lie in the future are cut off, which is
// what leaves recent tickets open and old ones closed. The planned steps are walked with the
// same domain functions a user's transition uses, and every step becomes a journal event.
//
// Work per ticket is kept small because a benchmark seeds a million of them: a ticket is built
// outside the transaction, inserted once in its final state, and followed by its journal; one
// Store::write carries a couple of thousand tickets.

#include <algorithm>
#include <array>
#include <future>
#include <map>
#include <optional>
#include <vector>

#include <snag/app/demo_people.hpp>
#include <snag/app/demo_random.hpp>
#include <snag/app/demo_stories.hpp>
#include <snag/domain/sla/business_time.hpp>
#include <snag/domain/ticket_changes.hpp>

namespace snag {

namespace {

using demo::DemoCandidate;
using demo::DemoPerson;
using demo::DemoRandom;

// Small writes: SQLite keeps a savepoint's statement journal in memory as a list of 1 KiB
// chunks that the end of every statement walks from its start (temp_store=MEMORY, see
// sqlite/connection.cpp), so a write's cost grows with the square of its tickets. 30,000
// tickets seeded in 51 s at 2,000 per write, 19 s at 200 and 12 s at 50.
constexpr std::size_t k_tickets_per_write = 50;
constexpr std::size_t k_candidates_per_write = 2000;
constexpr std::string_view k_demo_key_prefix = "snag_demo_";
constexpr auto k_history = std::chrono::days(365);
// Candidates enter the pipeline up to a month before the first ticket of the demo year…
constexpr auto k_candidate_lead = std::chrono::days(30);
// …and their problems arise while they are in it, within about a quarter.
constexpr auto k_pipeline_window = std::chrono::days(90);
constexpr std::size_t k_pipeline_window_hours = 90 * 24;
// Withdrawals: a tenth of all candidates for reasons of their own, some time in the pipeline;
// those a problem drives away, within two weeks of it (TypeHabits::withdrawal_share).
constexpr double k_baseline_withdrawal_share = 0.1;
constexpr std::size_t k_withdrawal_window_hours = 14 * 24;
// Ticket volume at the end of the year relative to its start, minus one: the org grew.
constexpr double k_growth = 1.5;

using Seconds = std::chrono::seconds;

// An event of a ticket's history, planned before the transaction.
struct PlannedEvent {
  Timestamp at;
  const std::string* actor = nullptr;
  std::vector<FieldChange> changes;
  std::string_view comment;  // empty when the event carries none
};

struct PlannedTicket {
  Ticket ticket;  // its state today
  const std::string* reporter = nullptr;
  std::vector<FieldChange> creation;
  std::vector<PlannedEvent> transitions;
  std::optional<Timestamp> withdrawal;  // when the ticket's candidate withdrew, because of it
};

struct Step {
  std::string_view to;
  Timestamp at;
  bool with_comment = false;
};

// The people tickets are assigned to, per team, and those who report problems.
struct Staff {
  std::vector<DemoPerson> people;
  std::map<std::string, std::vector<const DemoPerson*>, std::less<>> by_team;
  std::vector<const DemoPerson*> reporters;  // people in recruiting, who meet the candidates
  std::vector<const DemoPerson*> everyone;
};

Staff make_staff(const Catalog& catalog, std::int64_t users) {
  Staff staff;
  staff.people = demo::demo_people(catalog, users);
  for (const auto& person : staff.people) {
    staff.everyone.push_back(&person);
    if (!person.team.empty() && demo::works_tickets(person.role)) staff.by_team[person.team].push_back(&person);
    if (person.team == "recruitment") staff.reporters.push_back(&person);
  }
  if (staff.reporters.empty()) staff.reporters = staff.everyone;
  return staff;
}

const DemoPerson* pick_person(DemoRandom& random, const std::vector<const DemoPerson*>& people) {
  return people.empty() ? nullptr : people[random.below(people.size())];
}

bool is_weekend(std::int64_t epoch_day) {
  const auto weekday = (epoch_day + 4) % 7;  // 1970-01-01 was a Thursday; 0 is Sunday
  return weekday == 0 || weekday == 6;
}

// Creation times over the year before `now`, ascending: more as the org grows, fewer at
// weekends, mostly in the working hours of Europe and the Americas.
std::vector<Timestamp> creation_times(DemoRandom& random, std::int64_t count, Timestamp now) {
  const auto now_s = std::chrono::floor<Seconds>(now).time_since_epoch().count();
  const auto year_s = std::chrono::duration_cast<Seconds>(k_history).count();
  const auto start_s = now_s - year_s;
  std::vector<Timestamp> times;
  times.reserve(static_cast<std::size_t>(count));
  while (static_cast<std::int64_t>(times.size()) < count) {
    // Inverse of the CDF of the density 1 + k_growth * x on [0, 1].
    const double c = random.uniform() * (1.0 + k_growth / 2.0);
    const double x = (std::sqrt(1.0 + 2.0 * k_growth * c) - 1.0) / k_growth;
    const std::int64_t day = (start_s + static_cast<std::int64_t>(x * static_cast<double>(year_s))) / 86400;
    if (is_weekend(day) && random.chance(0.8)) continue;
    const double hours = random.chance(0.85) ? 7.0 + random.uniform() * 13.0 : random.uniform() * 24.0;
    const std::int64_t at_s = day * 86400 + static_cast<std::int64_t>(hours * 3600.0);
    if (at_s < start_s || at_s > now_s - 60) continue;
    times.push_back(Timestamp(Seconds(at_s)));
  }
  std::sort(times.begin(), times.end());
  return times;
}

Severity pick_severity(DemoRandom& random, Severity usual) {
  // Most tickets keep their type's usual severity; escalations are more common than downgrades.
  constexpr std::array<int, 4> k_shift_weights{2, 15, 65, 18};  // shifts -2, -1, 0, +1
  const int shift = static_cast<int>(random.weighted(k_shift_weights)) - 2;
  return static_cast<Severity>(std::clamp(static_cast<int>(usual) + shift, 1, 4));
}

// How quickly people react to a severity, relative to sev3.
double urgency_scale(Severity severity) {
  switch (severity) {
    case Severity::sev1: return 0.1;
    case Severity::sev2: return 0.4;
    case Severity::sev3: return 1.0;
    case Severity::sev4: return 2.0;
  }
  return 1.0;
}

// At least a minute later, in whole seconds.
Timestamp later(Timestamp t, double minutes) {
  return t + Seconds(std::max<std::int64_t>(60, static_cast<std::int64_t>(minutes * 60.0)));
}

double minutes_between(Timestamp from, Timestamp to) {
  return std::chrono::duration<double, std::ratio<60>>(to - from).count();
}

// The life a ticket would have along the default workflow, including steps after `now`.
std::vector<Step> plan_life(DemoRandom& random, const Catalog& catalog, Severity severity, double pending_share,
                            Timestamp created) {
  constexpr double k_day = 24.0 * 60.0;
  const double scale = urgency_scale(severity);
  // The target is business time: the calendar time it spans from this ticket's opening.
  const auto business_target = catalog.resolution_target(severity).value_or(std::chrono::minutes(24 * 60));
  const BusinessCalendar* calendar = catalog.sla.calendar_for("", severity, "", std::nullopt);
  const double target = calendar ? minutes_between(created, add_business_time(*calendar, created, business_target))
                                 : static_cast<double>(business_target.count());
  std::vector<Step> steps;
  Timestamp t = created;
  if (random.chance(0.7)) steps.push_back({"triaged", t = later(t, random.exponential(180.0 * scale))});
  steps.push_back({"in_progress", t = later(t, random.exponential(240.0 * scale))});

  // Most tickets meet their SLA target; the lognormal tail and the ones that got stuck (lost
  // in a queue, waiting on a vendor for weeks) do not, and they make up the open backlog.
  double resolution = random.lognormal(0.45 * target, 0.9);
  if (random.chance(0.1)) resolution *= 4.0 + random.exponential(16.0);
  const Timestamp due = later(created, resolution);
  if (random.chance(pending_share)) {
    const Timestamp paused = later(t, std::max(10.0, 0.25 * minutes_between(t, due)));
    steps.push_back({"pending", paused, true});
    if (random.chance(0.7)) {
      steps.push_back({"in_progress", t = later(paused, 0.7 * minutes_between(paused, due))});
    } else {
      t = paused;
    }
  }
  steps.push_back({"resolved", t = later(t, minutes_between(t, due))});
  if (random.chance(0.06)) {  // the fix did not hold
    steps.push_back({"in_progress", t = later(t, random.exponential(2.0 * k_day))});
    steps.push_back({"resolved", t = later(t, random.exponential(1.0 * k_day))});
  }
  if (random.chance(0.85)) {
    steps.push_back({"verified", t = later(t, random.exponential(1.5 * k_day))});
    if (random.chance(0.9)) steps.push_back({"closed", t = later(t, random.exponential(5.0 * k_day))});
  }
  return steps;
}

// The candidates whose problems may show up at `at`: those who entered the pipeline in the
// quarter before it (or everyone earlier, when that quarter is empty).
const DemoCandidate* pick_candidate(DemoRandom& random, const std::vector<DemoCandidate>& candidates, Timestamp at) {
  const auto by_time = [](const DemoCandidate& c, Timestamp t) { return c.created_at < t; };
  const auto end = std::lower_bound(candidates.begin(), candidates.end(), at, by_time);
  auto begin = std::lower_bound(candidates.begin(), end, at - k_pipeline_window, by_time);
  if (begin == end) begin = candidates.begin();
  if (begin == end) return nullptr;
  return &*(begin + static_cast<std::ptrdiff_t>(random.below(static_cast<std::size_t>(end - begin))));
}

struct TicketMaker {
  const Catalog& catalog;
  const Staff& staff;
  const std::vector<DemoCandidate>& candidates;
  const std::vector<const IssueType*>& types;
  const std::vector<int>& type_weights;
  const std::array<std::string, 2>& integrations;
  const std::string& fallback_actor;
  Timestamp now;

  Result<PlannedTicket> make(DemoRandom& random, Timestamp created) const {
    const IssueType& type = *types[random.weighted(type_weights)];
    const demo::TypeHabits habits = demo::type_habits(type.code);
    const DemoCandidate* candidate =
        random.chance(habits.candidate_share) ? pick_candidate(random, candidates, created) : nullptr;
    demo::TicketStory story = demo::tell_story(random, type, candidate, created);

    PlannedTicket planned;
    if (habits.raised_by_ats && candidate && random.chance(0.7)) {
      planned.reporter = &integrations[candidate->ats];
    } else {
      const auto& pool = type.code == "access_problem" ? staff.everyone : staff.reporters;
      const DemoPerson* reporter = pick_person(random, pool);
      planned.reporter = reporter ? &reporter->slug : &fallback_actor;
    }

    TicketDraft draft;
    draft.type = type.code;
    draft.title = std::move(story.title);
    draft.description = std::move(story.description);
    draft.severity = pick_severity(random, type.default_severity);
    if (candidate) draft.candidate = demo::candidate_ref(*candidate);
    draft.labels = std::move(story.labels);
    draft.fields = std::move(story.fields);
    std::string_view team_code = type.default_team;
    if (!habits.escalation_team.empty() && catalog.has_team(habits.escalation_team) &&
        random.chance(habits.escalation_share)) {
      team_code = habits.escalation_team;
      draft.team = std::string(team_code);
    }
    const auto team = staff.by_team.find(team_code);
    const DemoPerson* assignee = team == staff.by_team.end() ? nullptr : pick_person(random, team->second);

    const std::vector<Step> steps = plan_life(random, catalog, *draft.severity, habits.pending_share, created);
    // A ticket nobody has touched yet is often still waiting for routing.
    const bool untouched = steps.front().at > now;
    if (assignee && !(untouched && random.chance(0.5))) draft.assignee = assignee->slug;

    auto opened = open_ticket(catalog, draft, Actor{*planned.reporter, "recruiter", std::nullopt, "demo", {}, std::nullopt}, created);
    if (!opened) return tl::unexpected(std::move(opened.error()));
    planned.creation = creation_journal(*opened);
    const std::string* worker = assignee ? &assignee->slug : planned.reporter;

    Ticket current = std::move(*opened);
    for (const Step& step : steps) {
      if (step.at > now) break;
      auto next = transition_ticket(catalog, current, step.to, step.at);
      if (!next) break;  // a custom workflow without this path: the ticket stays where it got to
      PlannedEvent event{step.at, worker, diff_tickets(current, *next), {}};
      if (step.with_comment) {
        event.comment = demo::pending_comment(random, type.code);
        event.changes.push_back({"comment", nullptr, std::string(event.comment)});
      }
      planned.transitions.push_back(std::move(event));
      current = std::move(*next);
    }
    planned.ticket = std::move(current);
    if (candidate && random.chance(habits.withdrawal_share)) {
      const Timestamp withdrawn =
          created + std::chrono::hours(static_cast<std::int64_t>(1 + random.below(k_withdrawal_window_hours)));
      if (withdrawn <= now) planned.withdrawal = withdrawn;
    }
    return planned;
  }
};

Result<void> write_tickets(WriteTransaction& tx, const std::vector<PlannedTicket>& batch) {
  for (const PlannedTicket& planned : batch) {
    auto id = tx.insert_ticket(planned.ticket);
    if (!id) return tl::unexpected(std::move(id.error()));
    auto created = tx.append_journal(*id, planned.ticket.created_at, *planned.reporter, "create", planned.creation);
    if (!created) return created;
    for (const PlannedEvent& event : planned.transitions) {
      if (!event.comment.empty()) {
        auto comment = tx.insert_comment(*id, *event.actor, event.comment, event.at);
        if (!comment) return tl::unexpected(std::move(comment.error()));
      }
      auto moved = tx.append_journal(*id, event.at, *event.actor, "transition", event.changes);
      if (!moved) return moved;
    }
    if (planned.withdrawal) {
      if (auto withdrew = tx.record_withdrawal(*planned.ticket.candidate, *planned.withdrawal); !withdrew) {
        return withdrew;
      }
    }
  }
  return {};
}

// Some candidates withdraw whatever happens (another offer, a move): the baseline that the
// abandonment report compares the candidates with a problem against.
Result<void> seed_candidates(Store& store, DemoRandom& random, const std::vector<DemoCandidate>& candidates,
                             Timestamp now) {
  for (std::size_t first = 0; first < candidates.size(); first += k_candidates_per_write) {
    const std::size_t last = std::min(candidates.size(), first + k_candidates_per_write);
    // Drawn before the write: the writer may run a work twice (group_commit_writer.hpp), and the
    // same seed must give the same org.
    std::vector<std::optional<Timestamp>> withdrawals;
    for (std::size_t i = first; i < last; ++i) {
      withdrawals.emplace_back();
      if (!random.chance(k_baseline_withdrawal_share)) continue;
      const Timestamp withdrawn =
          candidates[i].created_at +
          std::chrono::hours(static_cast<std::int64_t>(1 + random.below(k_pipeline_window_hours)));
      if (withdrawn <= now) withdrawals.back() = withdrawn;
    }
    auto written = store.write([&](WriteTransaction& tx) -> Result<void> {
      for (std::size_t i = first; i < last; ++i) {
        const DemoCandidate& candidate = candidates[i];
        auto upserted = tx.upsert_candidate(demo::to_candidate(candidate));
        if (!upserted) return tl::unexpected(std::move(upserted.error()));
        const auto& withdrawn = withdrawals[i - first];
        if (!withdrawn) continue;
        if (auto withdrew = tx.record_withdrawal(demo::candidate_ref(candidate), *withdrawn); !withdrew)
          return withdrew;
      }
      return {};
    });
    if (!written) return written;
  }
  return {};
}

// An API key and a user account per login. Both act under the username, the principal that
// tickets name as reporter and assignee, so a person sees the same tickets either way.
Result<void> seed_logins(ApiKeyService& api_keys, SessionService& sessions, const std::vector<DemoLogin>& logins) {
  const Actor seeder{"demo", "admin", std::nullopt, "demo", "local", std::nullopt};
  for (const auto& login : logins) {
    NewApiKey key{login.username, login.role, std::nullopt, std::nullopt, std::nullopt, std::nullopt};
    if (!login.team.empty()) key.team = login.team;
    auto created = api_keys.create_with_secret(seeder, key, login.api_key);
    if (!created) return tl::unexpected(std::move(created.error()));
    // example.com is reserved for examples (RFC 2606): a demo never mails a real person.
    NewUser user{login.username, login.name, login.role, key.team, login.password, login.username + "@example.com"};
    auto created_user = sessions.create_user(seeder, user);
    if (!created_user) return tl::unexpected(std::move(created_user.error()));
  }
  return {};
}

}  // namespace

std::vector<DemoLogin> demo_logins(const Catalog& catalog, std::int64_t users) {
  std::vector<DemoLogin> logins;
  for (auto& person : demo::demo_people(catalog, users)) {
    logins.push_back(DemoLogin{std::move(person.name), std::move(person.role), std::move(person.team),
                               std::string(k_demo_key_prefix) + person.slug, person.slug,
                               std::string(k_demo_password)});
  }
  return logins;
}

Result<DemoSummary> seed_demo(Store& store, const Catalog& catalog, const Clock& clock, ApiKeyService& api_keys,
                              SessionService& sessions, const DemoOptions& options) {
  const Timestamp now = clock.now();
  DemoRandom random(options.seed);
  DemoSummary summary;

  summary.logins = demo_logins(catalog, options.users);
  if (auto seeded = seed_logins(api_keys, sessions, summary.logins); !seeded) {
    return tl::unexpected(std::move(seeded.error()));
  }

  const Timestamp year_ago = now - k_history;
  const auto candidates = demo::make_candidates(random, options.candidates, year_ago - k_candidate_lead, now);
  if (auto seeded = seed_candidates(store, random, candidates, now); !seeded) {
    return tl::unexpected(std::move(seeded.error()));
  }
  summary.candidates = static_cast<std::int64_t>(candidates.size());

  std::vector<const IssueType*> types;
  std::vector<int> type_weights;
  for (const auto& type : catalog.issue_types) {
    if (type.deprecated) continue;
    types.push_back(&type);
    type_weights.push_back(demo::type_habits(type.code).weight);
  }
  if (types.empty() || options.tickets <= 0) return summary;

  const Staff staff = make_staff(catalog, options.users);
  const std::array<std::string, 2> integrations{"Greenhouse sync", "Lever sync"};
  const std::string fallback_actor = "Demo seeder";
  const TicketMaker maker{catalog, staff, candidates, types, type_weights, integrations, fallback_actor, now};

  const auto times = creation_times(random, options.tickets, now);
  // The next batch is planned on a second thread while the store commits this one: on a
  // two-core machine planning then costs no wall time. Only that thread draws from `random`,
  // one batch after another, so the org stays the same for a seed.
  const auto plan_batch = [&](std::size_t first) -> Result<std::vector<PlannedTicket>> {
    std::vector<PlannedTicket> batch;
    const std::size_t last = std::min(times.size(), first + k_tickets_per_write);
    batch.reserve(last - first);
    for (std::size_t i = first; i < last; ++i) {
      auto planned = maker.make(random, times[i]);
      if (!planned) return tl::unexpected(std::move(planned.error()));
      batch.push_back(std::move(*planned));
    }
    return batch;
  };
  auto next = std::async(std::launch::async, plan_batch, std::size_t{0});
  for (std::size_t first = 0; first < times.size(); first += k_tickets_per_write) {
    auto batch = next.get();
    if (!batch) return tl::unexpected(std::move(batch.error()));
    const std::size_t following = first + k_tickets_per_write;
    if (following < times.size()) next = std::async(std::launch::async, plan_batch, following);
    // On an early return the pending future's destructor waits for the planner to finish.
    auto written = store.write([&](WriteTransaction& tx) { return write_tickets(tx, *batch); });
    if (!written) return tl::unexpected(std::move(written.error()));
    summary.tickets += static_cast<std::int64_t>(batch->size());
    if (options.progress) options.progress(summary.tickets, options.tickets);
  }
  return summary;
}

}  // namespace snag
