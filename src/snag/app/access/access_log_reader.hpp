#pragma once
// Reading the access log: compliance pages through it (GET /api/v1/access-log), operators
// export it (`snag access-log export`) and check its chain (`snag access-log verify`).

#include <optional>
#include <string>

#include <snag/app/access/access_guard.hpp>
#include <snag/app/ports/store.hpp>

namespace snag {

inline constexpr int k_default_access_log_page = 50;
inline constexpr int k_max_access_log_page = 200;

// The CSV header and one row per entry, as `snag access-log export` writes them.
std::string access_log_csv_header();
std::string access_log_csv_row(const AccessEntry& entry);

struct AccessChainVerdict {
  bool ok = true;
  std::int64_t checked = 0;
  std::optional<std::int64_t> broken_seq;
  std::string reason;
};

// Checks every entry's hash and its link to the previous one, in seq order.
Result<AccessChainVerdict> verify_access_log(Store& store);

// permission_denied without access_log:read.
Result<AccessLogPage> read_access_log(Store& store, const AccessGuard& access, const Actor& actor,
                                      const AccessLogQuery& query);

}  // namespace snag
