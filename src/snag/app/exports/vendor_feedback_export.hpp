#pragma once
// The anonymised issue log for ATS vendors (GET /api/v1/exports/vendor-feedback, `snag export
// vendor-feedback`): one row per ticket about a candidate, with the candidate replaced by a
// pseudonym salted for this export alone, no free text (no title, description, comment, assignee,
// name or email), days instead of times, and the candidate's geography and level generalised
// until each combination covers k candidates (domain/compliance/k_anonymity.hpp).
//
// It needs what every export needs (tickets:export, the `exports.enabled` switch; ExportGate) and
// what a report needs (reports:read), counts only the tickets the caller may see, and leaves out
// candidates who were erased or purged from the ATS.

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include <snag/app/access/access_guard.hpp>
#include <snag/app/access/access_recorder.hpp>
#include <snag/app/exports/export_gate.hpp>
#include <snag/app/exports/export_table.hpp>
#include <snag/app/ports/store.hpp>
#include <snag/domain/catalog.hpp>
#include <snag/domain/compliance/k_anonymity.hpp>

namespace snag {

struct VendorFeedbackRequest {
  std::optional<std::int64_t> k;   // exports.vendor_feedback_k when left out
  std::optional<Timestamp> since;  // tickets opened at or after
  std::optional<Timestamp> until;  // tickets opened before
  std::optional<std::string> ats;  // only candidates of this ATS
};

class VendorFeedbackExport {
 public:
  VendorFeedbackExport(Store& store, const Catalog& catalog, const AccessGuard& access, AccessRecorder& recorder,
                       ExportPolicy policy);

  // permission_denied without tickets:export or reports:read, or with exports off (logged as a
  // refused attempt); validation_failed on `k` out of range, on `until` before `since`, and on
  // `filters` past max_rows.
  Result<AnonymisedIssueLog> build(const Actor& actor, const VendorFeedbackRequest& request,
                                   std::string_view format) const;

 private:
  Store& m_store;
  const Catalog& m_catalog;
  const AccessGuard& m_access;
  ExportGate m_gate;
};

// The log's rows under the CSV columns candidate_hash, issue_type, category, severity, status,
// created_day, resolved_day, geography, level.
ExportTable vendor_feedback_table(const AnonymisedIssueLog& log);

// {"k", "generalisation": {"geography", "level"}, "rows": [{the CSV's columns; resolved_day null
// while unresolved}], "suppressed_candidates"}
nlohmann::json vendor_feedback_json(const AnonymisedIssueLog& log);

}  // namespace snag
