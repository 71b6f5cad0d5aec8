#include <algorithm>
#include <set>

#include <snag/app/candidate_service.hpp>
#include <snag/integrations/sync/candidate_csv.hpp>
#include <snag/util/text.hpp>

namespace snag::sync {

namespace {

constexpr std::string_view k_known_columns[] = {"external_id", "name", "email", "level",
                                                "geography",   "updated_at", "purged_at"};

bool is_known(std::string_view column) {
  return std::find(std::begin(k_known_columns), std::end(k_known_columns), column) != std::end(k_known_columns);
}

// Enough to catch a shifted column (a name in the email cell), not a full RFC 5322 check.
bool looks_like_email(std::string_view text) {
  const auto at = text.find('@');
  return at != std::string_view::npos && at > 0 && at + 1 < text.size() &&
         text.find('@', at + 1) == std::string_view::npos && text.find_first_of(" \t,;<>") == std::string_view::npos;
}

}  // namespace

bool is_blank_row(const std::vector<std::string>& row) {
  return std::all_of(row.begin(), row.end(), [](const std::string& cell) { return trim_blanks(cell).empty(); });
}

Result<CandidateCsv> CandidateCsv::from_header(const std::vector<std::string>& header) {
  CandidateCsv csv;
  std::set<std::string> seen;
  for (std::size_t i = 0; i < header.size(); ++i) {
    std::string name(trim_blanks(header[i]));
    if (name.empty()) {
      return fail(ErrorCode::invalid_argument, "the header's column " + std::to_string(i + 1) + " has no name");
    }
    if (!seen.insert(name).second) {
      return fail(ErrorCode::invalid_argument, "the header names the column '" + name + "' twice");
    }
    if (!is_known(name)) csv.m_custom.push_back(name);
    csv.m_names.push_back(std::move(name));
  }
  if (!seen.contains("external_id")) {
    return fail(ErrorCode::invalid_argument, "the header has no external_id column (the candidate's id in the ATS)");
  }
  return csv;
}

Result<AtsEvent> CandidateCsv::event(const std::vector<std::string>& row, std::string_view ats,
                                     Timestamp imported_at) const {
  if (row.size() != m_names.size()) {
    return fail_validation({{"row", "has " + std::to_string(row.size()) + " cells where the header has " +
                                        std::to_string(m_names.size())}});
  }
  std::vector<FieldError> errors;
  AtsEvent event;
  event.type = AtsEventType::candidate_updated;
  event.source_action = std::string(k_csv_source_action);
  event.occurred_at = imported_at;
  CandidateProfile profile;
  std::string external_id;
  std::optional<Timestamp> purged_at;
  for (std::size_t i = 0; i < row.size(); ++i) {
    const std::string& column = m_names[i];
    std::string cell(trim_blanks(row[i]));
    if (cell.empty()) continue;
    if (cell.size() > k_max_candidate_text_length) {
      errors.push_back({column, "must be at most " + std::to_string(k_max_candidate_text_length) + " bytes"});
      continue;
    }
    if (column == "external_id") {
      external_id = std::move(cell);
    } else if (column == "name") {
      profile.name = std::move(cell);
    } else if (column == "email") {
      if (!looks_like_email(cell)) errors.push_back({"email", "must be an email address"});
      profile.email = std::move(cell);
    } else if (column == "level") {
      profile.level = std::move(cell);
    } else if (column == "geography") {
      profile.geography = std::move(cell);
    } else if (column == "updated_at") {
      const auto at = parse_rfc3339(cell);
      if (!at) errors.push_back({"updated_at", "must be an RFC 3339 date-time"});
      event.occurred_at = at.value_or(imported_at);
    } else if (column == "purged_at") {
      purged_at = parse_rfc3339(cell);
      if (!purged_at) errors.push_back({"purged_at", "must be an RFC 3339 date-time"});
    } else {
      profile.fields[column] = std::move(cell);
    }
  }
  if (external_id.empty()) {
    errors.push_back({"external_id", "is required"});
  } else {
    for (auto& error : validate_candidate_ref(CandidateRef{std::string(ats), external_id}, "")) {
      if (error.field == "external_id") errors.push_back(std::move(error));
    }
  }
  if (!errors.empty()) return fail_validation(std::move(errors));
  event.candidate = CandidateRef{std::string(ats), external_id};
  event.object = "candidate:" + external_id;
  if (purged_at) {
    // The ATS has deleted or anonymised the candidate: what the row says of them is not kept.
    event.type = AtsEventType::candidate_deleted;
    event.occurred_at = *purged_at;
    return event;
  }
  event.profile = std::move(profile);
  return event;
}

}  // namespace snag::sync
