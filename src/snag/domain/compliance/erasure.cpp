#include <snag/domain/compliance/erasure.hpp>

namespace snag {

std::string_view to_string(ErasureStatus status) {
  switch (status) {
    case ErasureStatus::pending: return "pending";
    case ErasureStatus::held: return "held";
    case ErasureStatus::completed: return "completed";
  }
  return "pending";
}

std::optional<ErasureStatus> parse_erasure_status(std::string_view text) {
  for (auto status : {ErasureStatus::pending, ErasureStatus::held, ErasureStatus::completed}) {
    if (text == to_string(status)) return status;
  }
  return std::nullopt;
}

}  // namespace snag
