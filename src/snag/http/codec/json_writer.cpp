#include <snag/http/codec/json_writer.hpp>

#include <array>
#include <charconv>
#include <chrono>

#include <nlohmann/json.hpp>

namespace snag::http {

std::string json_text(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}
namespace {

// What each byte needs inside a JSON string: 0 nothing, 'u' \u00XX, 'x' not ASCII (nlohmann
// decides), else the letter after the backslash.
constexpr std::array<char, 256> k_escapes = [] {
  std::array<char, 256> table{};
  for (int c = 0; c < 0x20; ++c) table[static_cast<std::size_t>(c)] = 'u';
  for (int c = 0x80; c < 0x100; ++c) table[static_cast<std::size_t>(c)] = 'x';
  table['"'] = '"';
  table['\\'] = '\\';
  table['\b'] = 'b';
  table['\t'] = 't';
  table['\n'] = 'n';
  table['\f'] = 'f';
  table['\r'] = 'r';
  return table;
}();

void put_two_digits(char* at, unsigned value) {
  at[0] = static_cast<char>('0' + value / 10);
  at[1] = static_cast<char>('0' + value % 10);
}

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
  constexpr char k_hex[] = "0123456789abcdef";
  const auto start = out.size();
  out += '"';
  std::size_t clean = 0;  // start of the run of bytes that need no escape
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char kind = k_escapes[static_cast<unsigned char>(text[i])];
    if (kind == 0) continue;
    if (kind == 'x') {
      // UTF-8: nlohmann validates it (and throws on invalid bytes, as dump() does).
      out.resize(start);
      out += nlohmann::json(text).dump();
      return;
    }
    out.append(text.data() + clean, i - clean);
    clean = i + 1;
    out += '\\';
    if (kind == 'u') {
      const auto byte = static_cast<unsigned char>(text[i]);
      const char escape[5] = {'u', '0', '0', k_hex[byte >> 4], k_hex[byte & 0xf]};
      out.append(escape, sizeof escape);
    } else {
      out += kind;
    }
  }
  out.append(text.data() + clean, text.size() - clean);
  out += '"';
}

void append_json_int(std::string& out, std::int64_t value) {
  char buffer[24];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  out.append(buffer, result.ptr);
}

void append_rfc3339(std::string& out, Timestamp t) {
  using namespace std::chrono;
  const auto day = floor<days>(t);
  const year_month_day ymd{day};
  const int year = static_cast<int>(ymd.year());
  if (year < 0 || year > 9999) {
    out += format_rfc3339(t);
    return;
  }
  const hh_mm_ss hms{t - day};
  const auto millis = static_cast<unsigned>(hms.subseconds().count());
  char text[] = "0000-00-00T00:00:00.000Z";
  put_two_digits(text, static_cast<unsigned>(year / 100));
  put_two_digits(text + 2, static_cast<unsigned>(year % 100));
  put_two_digits(text + 5, static_cast<unsigned>(ymd.month()));
  put_two_digits(text + 8, static_cast<unsigned>(ymd.day()));
  put_two_digits(text + 11, static_cast<unsigned>(hms.hours().count()));
  put_two_digits(text + 14, static_cast<unsigned>(hms.minutes().count()));
  put_two_digits(text + 17, static_cast<unsigned>(hms.seconds().count()));
  if (millis == 0) {
    // format_rfc3339 leaves out a zero fraction.
    text[19] = 'Z';
    out.append(text, 20);
    return;
  }
  text[20] = static_cast<char>('0' + millis / 100);
  put_two_digits(text + 21, millis % 100);
  out.append(text, sizeof text - 1);
}

}  // namespace snag::http
