#pragma once
// A change record: an ATS configuration change (a new stage, a rewritten offer template, a
// field mapping) as the team that made it describes it. Tickets and incidents link to the change
// that caused them, so that "defects introduced per change" can be counted.

#include <string>
#include <vector>

#include <snag/util/error.hpp>
#include <snag/util/time.hpp>

namespace snag {

struct ChangeRecord {
  std::string id;  // the caller's own id (a change ticket, a release name): CHG-1042
  std::string summary;
  std::string system;  // greenhouse, workday, …
  Timestamp deployed_at;
  std::string link;  // where the change is described; empty: nowhere
  std::string recorded_by;
  Timestamp recorded_at;
};

// An id of 1–64 letters, digits and . _ : -; a summary and a system; a link that is an
// http(s) URL when given. Errors name the field.
std::vector<FieldError> validate_change_record(const ChangeRecord& change);

}  // namespace snag
