#include <snag/util/error.hpp>

namespace snag {

std::string_view to_string(ErrorCode code) {
  switch (code) {
    case ErrorCode::not_found: return "not_found";
    case ErrorCode::invalid_argument: return "invalid_argument";
    case ErrorCode::validation_failed: return "validation_failed";
    case ErrorCode::workflow_denied: return "workflow_denied";
    case ErrorCode::permission_denied: return "permission_denied";
    case ErrorCode::unauthenticated: return "unauthenticated";
    case ErrorCode::conflict: return "conflict";
    case ErrorCode::precondition_failed: return "precondition_failed";
    case ErrorCode::unavailable: return "unavailable";
    case ErrorCode::rate_limited: return "rate_limited";
    case ErrorCode::internal: return "internal";
  }
  return "internal";
}

}  // namespace snag
