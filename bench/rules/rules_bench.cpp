// Rule evaluation speed (issue: automation, target ≥ 100,000 events/s per core for 200 rules).
// Builds 200 rules in the shape users write them — 100 that listen to every blocker event and
// 100 ticket_created routing rules, each with two to four conditions over the event, the
// candidate's level, geography and custom fields — then evaluates a stream of varied events on
// one thread as the server does: the facts of each event, every rule listening to it, and the
// routing of each ticket the event opens.
// Prints one Markdown table row; bench/run.sh puts it under the HTTP table.

#include <chrono>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include <snag/config/settings.hpp>
#include <snag/domain/automation/facts.hpp>
#include <snag/domain/automation/rule.hpp>

namespace {

using namespace snag;

constexpr const char* k_levels[] = {"entry", "mid", "senior", "executive"};
constexpr const char* k_geographies[] = {"US-CA", "US-NY", "GB", "DE", "IN", "BR", "SG", "NL"};
constexpr const char* k_visas[] = {"citizen", "H-1B", "L-1", "none"};
constexpr AtsEventType k_events[] = {AtsEventType::offer_expired, AtsEventType::document_missing,
                                     AtsEventType::resume_parse_failed, AtsEventType::background_check_updated};
constexpr const char* k_issue_types[] = {"offer_link_expired", "document_missing", "resume_parse_failure",
                                         "background_check_delay"};
constexpr const char* k_teams[] = {"recruitment", "hris", "compliance", "legal", "it_support"};

std::string rules_yaml() {
  std::string yaml = "rules:\n";
  for (int i = 0; i < 100; ++i) {
    yaml += "  - name: blocker-" + std::to_string(i) + "\n";
    yaml += "    when: {ats_event: [offer.expired, document.missing, resume.parse_failed, background_check.updated]}\n";
    yaml += "    if:\n      all:\n";
    yaml += "        - {field: candidate.level, eq: " + std::string(k_levels[i % 4]) + "}\n";
    yaml += "        - {field: candidate.geography, in: [" + std::string(k_geographies[i % 8]) + ", " +
            k_geographies[(i + 3) % 8] + "]}\n";
    if (i % 2 == 0) yaml += "        - {field: candidate.fields.visa_status, ne: " + std::string(k_visas[i % 4]) + "}\n";
    if (i % 3 == 0) yaml += "        - {field: event.detail.attempt, gt: " + std::to_string(i % 5) + "}\n";
    yaml += "    then: [{create_ticket: " + std::string(k_issue_types[i % 4]) + "}" +
            (i % 10 == 0 ? ", {add_label: r" + std::to_string(i) + "}" : std::string()) + "]\n";
  }
  for (int i = 0; i < 100; ++i) {
    yaml += "  - name: route-" + std::to_string(i) + "\n";
    yaml += "    when: ticket_created\n";
    yaml += "    if:\n      any:\n";
    yaml += "        - {all: [{field: ticket.type, eq: " + std::string(k_issue_types[i % 4]) +
            "}, {field: candidate.level, eq: " + k_levels[(i / 4) % 4] + "}]}\n";
    yaml += "        - {field: candidate.fields.relocation, eq: " + std::string(i % 2 ? "true" : "false") + "}\n";
    yaml += "        - {all: [{field: ticket.labels, contains: r" + std::to_string(i % 10 * 10) +
            "}, {field: candidate.fields.visa_status, eq: " + k_visas[i % 4] + "}]}\n";
    yaml += "    then: [{set_team: " + std::string(k_teams[i % 5]) + "}]\n";
  }
  return yaml;
}

}  // namespace

int main() {
  auto settings = parse_settings(rules_yaml(), "bench-rules.yaml", {});
  if (!settings) {
    std::fprintf(stderr, "rules_bench: %s\n", settings.error().message.c_str());
    return 1;
  }
  const RuleSet& rules = settings->rules;
  const Timestamp now = *parse_rfc3339("2026-11-28T12:00:00Z");

  // 1,024 distinct events and candidates, cycled.
  std::vector<AtsEvent> events;
  std::vector<std::optional<Candidate>> candidates;  // as the applier reads them
  for (int i = 0; i < 1024; ++i) {
    AtsEvent event;
    event.type = k_events[i % 4];
    event.source_action = std::string(to_string(event.type));
    event.occurred_at = now;
    event.candidate = CandidateRef{"greenhouse", std::to_string(100000 + i)};
    event.object = "candidate:" + event.candidate->external_id;
    event.detail = {{"attempt", i % 7}, {"status", "pending"}};
    events.push_back(std::move(event));
    Candidate candidate;
    candidate.ref = CandidateRef{"greenhouse", std::to_string(100000 + i)};
    candidate.profile.level = k_levels[(i / 3) % 4];
    candidate.profile.geography = k_geographies[(i / 5) % 8];
    candidate.profile.fields = {{"visa_status", k_visas[(i / 7) % 4]}, {"relocation", i % 2 == 0}};
    candidates.push_back(std::move(candidate));
  }

  const int rounds = 200'000;
  std::size_t opened = 0;
  std::size_t routed = 0;
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < rounds; ++i) {
    const AtsEvent& event = events[static_cast<std::size_t>(i) % events.size()];
    const std::optional<Candidate>& candidate = candidates[static_cast<std::size_t>(i) % candidates.size()];
    // As EventApplier and TicketRouter do: the event's rules, then each new ticket's routing.
    const auto tickets = tickets_for_ats_event(rules, event.type, fact_source(&event, nullptr, candidate), now);
    for (const TicketToOpen& wanted : tickets) {
      Ticket ticket;
      ticket.type = wanted.issue_type;
      ticket.status = "new";
      ticket.team = "recruitment";
      ticket.created_at = now;
      ticket.labels = wanted.routing.labels;
      const TicketRouting routing = ticket_rule_changes(rules, RuleTrigger::ticket_created, fact_source(nullptr, &ticket, candidate), now);
      routed += routing.rules.size();
    }
    opened += tickets.size();
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const double per_second = rounds / seconds;
  std::printf("| rule evaluation, %zu rules, one core | %.0f events/s | ≥ 100,000/s | %s |\n", rules.rules.size(),
              per_second, per_second >= 100000 ? "yes" : "no");
  std::fprintf(stderr, "rules_bench: %d events in %.2f s: %zu tickets opened, %zu routing rules fired\n", rounds,
               seconds, opened, routed);
  return 0;
}
