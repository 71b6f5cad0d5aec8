#include <snag/domain/ids.hpp>

#include <charconv>
#include <strings.h>

namespace snag {

std::string ticket_key(TicketId id) { return std::string(k_ticket_key_prefix) + std::to_string(id.value); }

std::optional<TicketId> parse_ticket_key(std::string_view text) {
  if (text.size() > k_ticket_key_prefix.size() &&
      strncasecmp(text.data(), k_ticket_key_prefix.data(), k_ticket_key_prefix.size()) == 0) {
    text.remove_prefix(k_ticket_key_prefix.size());
  }
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || value <= 0) return std::nullopt;
  return TicketId{value};
}

}  // namespace snag
