// The SLA/escalation sweep over a million open tickets (issue: automation, target: a sweep
// over 1,000,000 open tickets in under 5 s). Seeds an SQLite store in a temp dir with 1,000,000
// open tickets on the shipped catalog, rules and calendars, written as the server writes them
// (open_ticket plans each clock and its next check), then times on the real store:
// - a sweep when none of them is due: what it costs every minute;
// - a sweep when 1% are due at once (10,000 tickets opened ten days ago, each with the two
//   breaches and the shipped ladder's points to pass, and a least-loaded pick at the breach).
// Prints Markdown table rows; bench/run.sh puts them under the HTTP table.

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include <snag/app/automation/sla_sweep.hpp>
#include <snag/config/settings.hpp>
#include <snag/domain/ticket_changes.hpp>
#include <snag/storage/open_store.hpp>

namespace {

using namespace snag;
using namespace std::chrono_literals;

// SLA_BENCH_TICKETS overrides the count (a smaller store for profiling).
int ticket_count() {
  const char* count = std::getenv("SLA_BENCH_TICKETS");
  return count != nullptr ? std::atoi(count) : 1'000'000;
}
constexpr int k_due_every = 100;  // 1% due
constexpr int k_batch = 10'000;
constexpr const char* k_types[] = {"document_missing", "offer_link_expired", "background_check_delay",
                                   "interview_scheduling_conflict", "data_sync_mismatch", "access_problem"};

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int main() {
  auto settings = parse_settings("", "defaults", {});
  if (!settings) {
    std::fprintf(stderr, "sla_bench: %s\n", settings.error().message.c_str());
    return 1;
  }
  const Catalog& catalog = settings->catalog;
  const RuleBook rules(settings->rules, catalog.sla.escalation_points);
  const TicketRouter router(catalog, rules);
  const int k_tickets = ticket_count();
  const auto dir = std::filesystem::temp_directory_path() / ("snag-sla-bench-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  int status = 0;
  {
    auto store = open_store("sqlite:" + (dir / "sla.db").string());
    if (!store) {
      std::fprintf(stderr, "sla_bench: %s\n", store.error().message.c_str());
      return 1;
    }
    // A Tuesday morning in New York: the fresh tickets' first points fall hours later.
    const Timestamp now = *parse_rfc3339("2026-03-03T10:00:00-05:00");
    Actor actor;
    actor.name = "bench";
    actor.role = "admin";
    const auto seeding = std::chrono::steady_clock::now();
    for (int first = 0; first < k_tickets && status == 0; first += k_batch) {
      auto written = (*store)->write([&](WriteTransaction& tx) -> Result<void> {
        for (int i = first; i < first + k_batch; ++i) {
          TicketDraft draft;
          draft.type = k_types[i % std::size(k_types)];
          draft.title = "Ticket " + std::to_string(i);
          const Timestamp opened = i % k_due_every == 0 ? now - 10 * 24h : now - 1min;
          auto ticket = open_ticket(catalog, draft, actor, opened);
          if (!ticket) return tl::unexpected(ticket.error());
          if (auto id = tx.insert_ticket(*ticket); !id) return tl::unexpected(id.error());
        }
        return {};
      });
      if (!written) {
        std::fprintf(stderr, "sla_bench: seeding: %s\n", written.error().message.c_str());
        status = 1;
      }
    }
    std::fprintf(stderr, "sla_bench: seeded %d open tickets in %.1f s\n", k_tickets, seconds_since(seeding));

    if (status == 0) {
      // Before the old tickets' points: nothing is due.
      const auto idle_start = std::chrono::steady_clock::now();
      auto idle = run_sla_sweep(**store, router, now - 11 * 24h);
      const double idle_seconds = seconds_since(idle_start);
      const auto busy_start = std::chrono::steady_clock::now();
      auto busy = run_sla_sweep(**store, router, now);
      const double busy_seconds = seconds_since(busy_start);
      if (!idle || !busy) {
        std::fprintf(stderr, "sla_bench: sweep failed\n");
        status = 1;
      } else {
        std::printf("| SLA sweep, %d open tickets, none due | %.3f s | < 5 s | %s |\n", k_tickets, idle_seconds,
                    idle_seconds < 5 ? "yes" : "no");
        std::printf("| SLA sweep, %d open tickets, %zu due (%zu breaches, %zu escalations) | %.2f s | < 5 s | %s |\n",
                    k_tickets, busy->tickets, busy->breaches, busy->escalations, busy_seconds,
                    busy_seconds < 5 ? "yes" : "no");
      }
    }
  }
  std::filesystem::remove_all(dir);
  return status;
}
