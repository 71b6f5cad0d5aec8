#include <map>

#include <snag/app/exports/vendor_feedback_export.hpp>
#include <snag/app/reports/report_query.hpp>
#include <snag/domain/compliance/candidate_pseudonyms.hpp>
#include <snag/util/crypto.hpp>

namespace snag {
namespace {

// 32 random bytes from OpenSSL, made for one export and dropped with it.
constexpr std::size_t k_salt_bytes = 32;

constexpr std::string_view k_export_name = "vendor_feedback";

std::string day_of(Timestamp at) { return format_rfc3339(at).substr(0, 10); }

// What the log needs of a candidate, worked out once per export: the pseudonym and the
// quasi-identifiers, or that the candidate must be left out.
struct CandidateFacts {
  bool left_out = false;
  std::string pseudonym;
  std::string geography;
  std::string level;
};

}  // namespace

VendorFeedbackExport::VendorFeedbackExport(Store& store, const Catalog& catalog, const AccessGuard& access,
                                           AccessRecorder& recorder, ExportPolicy policy)
    : m_store(store), m_catalog(catalog), m_access(access), m_gate(access, recorder, policy) {}

Result<AnonymisedIssueLog> VendorFeedbackExport::build(const Actor& actor, const VendorFeedbackRequest& request,
                                                       std::string_view format) const {
  if (auto allowed = m_gate.require(actor, k_export_name, format); !allowed) {
    return tl::unexpected(std::move(allowed.error()));
  }
  if (request.since && request.until && *request.until <= *request.since) {
    return fail_validation({{"until", "must be after since"}});
  }
  auto k = check_anonymity_k(request.k.value_or(static_cast<std::int64_t>(m_gate.policy().vendor_feedback_k)));
  if (!k) return tl::unexpected(std::move(k.error()));
  // reports:read and the caller's scope: the same tickets TicketService::list shows the caller.
  auto query = report_query(m_access, actor, request.since, request.until);
  if (!query) return tl::unexpected(std::move(query.error()));

  const CandidatePseudonyms pseudonyms(random_token(k_salt_bytes));
  std::map<std::string, CandidateFacts> candidates;  // by "ats:external_id", each looked up once
  std::optional<Error> failure;
  std::vector<IssueLogRow> rows;
  auto visited = for_each_ticket(m_store, *query, [&](const Ticket& ticket) {
    if (failure || !ticket.candidate || (request.ats && ticket.candidate->ats != *request.ats)) return;
    auto [known, inserted] = candidates.try_emplace(to_string(*ticket.candidate));
    if (inserted) {
      known->second.pseudonym = pseudonyms.of(*ticket.candidate);
      auto candidate = m_store.find_candidate(*ticket.candidate);
      if (!candidate) {
        failure = std::move(candidate.error());
        return;
      }
      // A candidate Snag has no profile for is still someone: counted, with nothing known.
      if (*candidate) {
        known->second.left_out = (*candidate)->erased_at || (*candidate)->purged_at;
        known->second.geography = (*candidate)->profile.geography.value_or("");
        known->second.level = (*candidate)->profile.level.value_or("");
      }
    }
    if (known->second.left_out) return;
    const IssueType* type = m_catalog.find_issue_type(ticket.type);
    rows.push_back({.candidate = known->second.pseudonym,
                    .issue_type = ticket.type,
                    .category = type ? type->category : ticket.type,
                    .severity = std::string(to_string(ticket.severity)),
                    .status = ticket.status,
                    .created_day = day_of(ticket.created_at),
                    .resolved_day = ticket.resolved_at ? day_of(*ticket.resolved_at) : "",
                    .geography = known->second.geography,
                    .level = known->second.level});
  });
  if (!visited) return tl::unexpected(std::move(visited.error()));
  if (failure) return tl::unexpected(std::move(*failure));
  if (auto fits = m_gate.check_size(rows.size()); !fits) return tl::unexpected(std::move(fits.error()));

  auto log = anonymise_issue_log(std::move(rows), *k);
  if (auto logged = m_gate.record(actor, k_export_name, log.rows.size(), format); !logged) {
    return tl::unexpected(std::move(logged.error()));
  }
  return log;
}

ExportTable vendor_feedback_table(const AnonymisedIssueLog& log) {
  ExportTable table{"Anonymised issue log (k=" + std::to_string(log.k) + ", geography " +
                        std::string(to_string(log.generalisation.geography)) + ", level " +
                        std::string(to_string(log.generalisation.level)) + ")",
                    {"candidate_hash", "issue_type", "category", "severity", "status", "created_day", "resolved_day",
                     "geography", "level"},
                    {}};
  for (const IssueLogRow& row : log.rows) {
    table.rows.push_back({row.candidate, row.issue_type, row.category, row.severity, row.status, row.created_day,
                          row.resolved_day, row.geography, row.level});
  }
  return table;
}

nlohmann::json vendor_feedback_json(const AnonymisedIssueLog& log) {
  auto rows = nlohmann::json::array();
  for (const IssueLogRow& row : log.rows) {
    rows.push_back(
        {{"candidate_hash", row.candidate},
         {"issue_type", row.issue_type},
         {"category", row.category},
         {"severity", row.severity},
         {"status", row.status},
         {"created_day", row.created_day},
         {"resolved_day", row.resolved_day.empty() ? nlohmann::json(nullptr) : nlohmann::json(row.resolved_day)},
         {"geography", row.geography},
         {"level", row.level}});
  }
  return {{"k", log.k},
          {"generalisation",
           {{"geography", to_string(log.generalisation.geography)}, {"level", to_string(log.generalisation.level)}}},
          {"rows", std::move(rows)},
          {"suppressed_candidates", log.suppressed_candidates}};
}

}  // namespace snag
