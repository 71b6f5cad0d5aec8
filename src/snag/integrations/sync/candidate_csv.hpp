#pragma once
// `snag import candidates FILE`: rows of a CSV file as the events a webhook about the same
// candidates would have produced (candidate.updated, ordered on "candidate:<external_id>").
//
// The header row names the columns, in any order: external_id (required), name, email, level,
// geography, updated_at (RFC 3339: when the row's data was current, the import's time when
// the column is absent or the cell empty) and purged_at (RFC 3339: when the ATS deleted or
// anonymised the candidate; such a row is a candidate.deleted event, which files an erasure
// request, and the rest of it is not kept). Every other column is a custom field under its own
// name (visa_status, relocation, …). An empty cell is left out of the event, so the attribute
// keeps whatever Snag already has (the applier merges what an event says over the profile).

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <snag/domain/ats/ats_event.hpp>
#include <snag/util/error.hpp>
#include <snag/util/time.hpp>

namespace snag::sync {

inline constexpr std::string_view k_csv_source_action = "csv.import";

class CandidateCsv {
 public:
  // invalid_argument naming the problem: no external_id column, an empty or repeated column name.
  static Result<CandidateCsv> from_header(const std::vector<std::string>& header);

  // The event for one data row; validation_failed naming each bad column (a wrong number of
  // cells is reported as "row").
  Result<AtsEvent> event(const std::vector<std::string>& row, std::string_view ats, Timestamp imported_at) const;

  // Custom field columns, in file order.
  const std::vector<std::string>& custom_fields() const { return m_custom; }

 private:
  std::vector<std::string> m_names;  // every column, trimmed
  std::vector<std::string> m_custom;
};

// Whether a row is blank (one empty cell, as a trailing empty line reads): skipped silently.
bool is_blank_row(const std::vector<std::string>& row);

}  // namespace snag::sync
