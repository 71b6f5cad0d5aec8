#include <snag/util/time.hpp>

#include <cctype>
#include <cstdio>

namespace snag {

std::string format_rfc3339(Timestamp t) {
  using namespace std::chrono;
  const auto day = floor<days>(t);
  const year_month_day ymd{day};
  const hh_mm_ss hms{t - day};
  const auto millis = hms.subseconds().count();
  char buffer[40];
  int length = std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02ld:%02ld:%02ld", static_cast<int>(ymd.year()),
                             static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                             static_cast<long>(hms.hours().count()), static_cast<long>(hms.minutes().count()),
                             static_cast<long>(hms.seconds().count()));
  if (millis != 0) {
    length += std::snprintf(buffer + length, sizeof buffer - static_cast<std::size_t>(length), ".%03ld",
                            static_cast<long>(millis));
  }
  std::string out(buffer, static_cast<std::size_t>(length));
  out += 'Z';
  return out;
}

namespace {

bool read_digits(std::string_view text, std::size_t& pos, std::size_t count, int& value) {
  if (pos + count > text.size()) return false;
  value = 0;
  for (std::size_t i = 0; i < count; ++i) {
    const char c = text[pos + i];
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    value = value * 10 + (c - '0');
  }
  pos += count;
  return true;
}

bool expect(std::string_view text, std::size_t& pos, char wanted) {
  if (pos >= text.size()) return false;
  const char c = static_cast<char>(std::toupper(static_cast<unsigned char>(text[pos])));
  if (c != wanted) return false;
  ++pos;
  return true;
}

}  // namespace

std::optional<Timestamp> parse_rfc3339(std::string_view text) {
  using namespace std::chrono;
  std::size_t pos = 0;
  int year, month, day_of_month, hour, minute, second;
  if (!read_digits(text, pos, 4, year) || !expect(text, pos, '-') || !read_digits(text, pos, 2, month) ||
      !expect(text, pos, '-') || !read_digits(text, pos, 2, day_of_month) || !expect(text, pos, 'T') ||
      !read_digits(text, pos, 2, hour) || !expect(text, pos, ':') || !read_digits(text, pos, 2, minute) ||
      !expect(text, pos, ':') || !read_digits(text, pos, 2, second)) {
    return std::nullopt;
  }
  const year_month_day ymd{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
                           std::chrono::day{static_cast<unsigned>(day_of_month)}};
  if (!ymd.ok() || hour > 23 || minute > 59 || second > 60) return std::nullopt;

  long millis = 0;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    std::size_t digits = 0;
    while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) {
      if (digits < 3) millis = millis * 10 + (text[pos] - '0');
      ++digits;
      ++pos;
    }
    if (digits == 0) return std::nullopt;
    for (std::size_t i = digits; i < 3; ++i) millis *= 10;
  }

  minutes offset{0};
  if (pos < text.size() && (text[pos] == 'Z' || text[pos] == 'z')) {
    ++pos;
  } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    const int sign = text[pos] == '-' ? -1 : 1;
    ++pos;
    int offset_hours, offset_minutes;
    if (!read_digits(text, pos, 2, offset_hours) || !expect(text, pos, ':') ||
        !read_digits(text, pos, 2, offset_minutes) || offset_hours > 23 || offset_minutes > 59) {
      return std::nullopt;
    }
    offset = minutes{sign * (offset_hours * 60 + offset_minutes)};
  } else {
    return std::nullopt;
  }
  if (pos != text.size()) return std::nullopt;

  const sys_days date{ymd};
  const auto local = date + hours{hour} + minutes{minute} + seconds{std::min(second, 59)} + milliseconds{millis};
  return time_point_cast<milliseconds>(local - offset);
}

}  // namespace snag
