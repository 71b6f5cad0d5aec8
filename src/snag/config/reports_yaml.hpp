#pragma once
// The `reports:` section of the configuration (app/reports/report_schedule.hpp, README
// "Scheduled reports"): when the weekly reports go out, which, and to whom.

#include <optional>
#include <string>
#include <string_view>

#include <yaml-cpp/yaml.h>

#include <snag/app/reports/report_schedule.hpp>
#include <snag/domain/catalog.hpp>
#include <snag/util/error.hpp>

namespace snag {

// invalid_argument naming the file, the line and the problem: an unknown key, weekday, report
// or role, an hour outside 0–23, an address that is not one, a webhook URL that is not http(s).
// An absent section sends nothing. `secret_from_environment` (SNAG_REPORTS_WEBHOOK_SECRET), when
// given, replaces the file's webhook_secret, so that the secret need not sit in the file.
Result<ReportSchedule> read_reports_section(const YAML::Node& section, const Catalog& catalog, std::string_view source,
                                            const std::optional<std::string>& secret_from_environment);

}  // namespace snag
