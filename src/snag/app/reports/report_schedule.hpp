#pragma once
// The `reports:` section of the configuration: which reports go out, once a week at a weekday
// and hour (UTC), to which email addresses and webhook. jobs/report_jobs.hpp queues and sends
// them; `snag report …` runs the same reports at once.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <snag/util/time.hpp>

namespace snag {

enum class ReportKind { aging, summary };

// Inline: config/ reads these names without linking the use cases.
inline std::string_view to_string(ReportKind kind) { return kind == ReportKind::aging ? "aging" : "summary"; }

inline std::optional<ReportKind> parse_report_kind(std::string_view text) {
  if (text == "aging") return ReportKind::aging;
  if (text == "summary") return ReportKind::summary;
  return std::nullopt;
}

struct ReportSchedule {
  std::chrono::weekday weekday = std::chrono::Monday;
  int hour = 8;  // 0–23, UTC
  std::vector<ReportKind> reports{ReportKind::aging, ReportKind::summary};
  std::vector<std::string> email;  // each report is mailed to each address
  std::string webhook_url;         // and POSTed here; empty: no webhook
  // The Standard Webhooks secret (`whsec_` and base64) that signs each POST, so that the
  // receiver can tell Snag's reports from anyone's; required with webhook_url.
  std::string webhook_secret;
  // The role whose view of the tickets the reports take (its clearance and teams), as for any
  // reader: the shipped admin sees every team but not restricted types.
  std::string role = "admin";

  // Nothing to deliver to: the schedule queues nothing.
  bool delivers() const { return !email.empty() || !webhook_url.empty(); }
};

// The latest scheduled time at or before `now` (the weekday's hour, UTC).
Timestamp latest_scheduled_run(const ReportSchedule& schedule, Timestamp now);

// A scheduled run is still sent this long after its time (after downtime, say); later, it is
// skipped rather than sent stale.
inline constexpr std::chrono::hours k_report_catch_up{24};

// The executive summary covers the week before the report.
inline constexpr std::chrono::days k_summary_period{7};

}  // namespace snag
