#pragma once
// Error values for everything that can fail for a reason a caller handles.
// Exceptions are only thrown at boundaries (one catch per request, job run and command);
// inside, functions return snag::Result<T>.

#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

namespace snag {

// Closed set: http/problem.cpp maps each code to exactly one HTTP status.
enum class ErrorCode {
  not_found,
  invalid_argument,   // malformed input (bad JSON, unparsable header)
  validation_failed,  // well-formed input that breaks a rule; names each field
  workflow_denied,    // a transition the workflow does not allow; lists the allowed ones
  permission_denied,
  unauthenticated,
  conflict,             // uniqueness or idempotency clash
  precondition_failed,  // stale If-Match
  unavailable,          // the store could not commit; safe to retry
  rate_limited,         // too many attempts lately; retry_after_seconds says when to try again
  internal,
};

std::string_view to_string(ErrorCode code);

struct FieldError {
  std::string field;
  std::string message;
  friend bool operator==(const FieldError&, const FieldError&) = default;
};

struct Error {
  ErrorCode code = ErrorCode::internal;
  std::string message;
  std::vector<FieldError> fields;    // set with validation_failed
  std::vector<std::string> allowed;  // set with workflow_denied
  long retry_after_seconds = 0;      // set with rate_limited
};

template <class T>
using Result = tl::expected<T, Error>;

inline tl::unexpected<Error> fail(ErrorCode code, std::string message) {
  return tl::unexpected<Error>(Error{code, std::move(message), {}, {}});
}

inline tl::unexpected<Error> fail_rate_limited(std::string message, long retry_after_seconds) {
  return tl::unexpected<Error>(Error{ErrorCode::rate_limited, std::move(message), {}, {}, retry_after_seconds});
}

inline tl::unexpected<Error> fail_validation(std::vector<FieldError> fields) {
  std::string message = "The request has invalid fields: ";
  for (std::size_t i = 0; i < fields.size(); ++i) {
    message += (i ? ", " : "") + fields[i].field;
  }
  return tl::unexpected<Error>(Error{ErrorCode::validation_failed, std::move(message), std::move(fields), {}});
}

}  // namespace snag
