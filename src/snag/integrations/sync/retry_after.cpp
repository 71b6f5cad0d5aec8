#include <array>
#include <charconv>

#include <snag/integrations/sync/retry_after.hpp>
#include <snag/util/text.hpp>

namespace snag::sync {

namespace {

std::optional<int> number(std::string_view text) {
  int value = 0;
  if (text.empty()) return std::nullopt;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// IMF-fixdate, the form RFC 9110 requires senders to use: "Sun, 06 Nov 1994 08:49:37 GMT".
std::optional<Timestamp> parse_imf_fixdate(std::string_view text) {
  static constexpr std::array<std::string_view, 12> k_months{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                             "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  if (text.size() != 29 || text[3] != ',' || text[4] != ' ' || text[7] != ' ' || text[11] != ' ' || text[16] != ' ' ||
      text[19] != ':' || text[22] != ':' || text.substr(25) != " GMT") {
    return std::nullopt;
  }
  const auto day = number(text.substr(5, 2));
  const auto year = number(text.substr(12, 4));
  const auto hour = number(text.substr(17, 2));
  const auto minute = number(text.substr(20, 2));
  const auto second = number(text.substr(23, 2));
  unsigned month = 0;
  for (unsigned i = 0; i < k_months.size(); ++i) {
    if (k_months[i] == text.substr(8, 3)) month = i + 1;
  }
  if (!day || !year || !hour || !minute || !second || month == 0 || *hour > 23 || *minute > 59 || *second > 60) {
    return std::nullopt;
  }
  const std::chrono::year_month_day date{std::chrono::year{*year}, std::chrono::month{month},
                                         std::chrono::day{static_cast<unsigned>(*day)}};
  if (!date.ok()) return std::nullopt;
  return std::chrono::time_point_cast<std::chrono::milliseconds>(
      std::chrono::sys_days{date} + std::chrono::hours{*hour} + std::chrono::minutes{*minute} +
      std::chrono::seconds{*second});
}

}  // namespace

std::optional<std::chrono::seconds> parse_retry_after(std::string_view value, Timestamp now) {
  value = trim_blanks(value);
  if (const auto seconds = number(value)) {
    if (*seconds < 0) return std::nullopt;
    return std::chrono::seconds{*seconds};
  }
  const auto date = parse_imf_fixdate(value);
  if (!date) return std::nullopt;
  if (*date <= now) return std::chrono::seconds{0};
  // Rounded up: waiting a little longer than asked is safe, a little shorter is not.
  return std::chrono::ceil<std::chrono::seconds>(*date - now);
}

}  // namespace snag::sync
