#pragma once
// A number that means one kind of thing: a TicketId cannot be passed where a CommentId is wanted.

#include <compare>
#include <cstdint>
#include <functional>

namespace snag {

template <class Tag>
struct StrongId {
  std::int64_t value = 0;
  friend auto operator<=>(const StrongId&, const StrongId&) = default;
};

}  // namespace snag

template <class Tag>
struct std::hash<snag::StrongId<Tag>> {
  std::size_t operator()(const snag::StrongId<Tag>& id) const noexcept { return std::hash<std::int64_t>{}(id.value); }
};
