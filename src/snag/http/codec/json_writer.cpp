#include <snag/http/codec/json_writer.hpp>

#include <charconv>
#include <chrono>

#include <nlohmann/json.hpp>

namespace snag::http {
namespace {

void append_two_digits(std::string& out, unsigned value) {
  out += static_cast<char>('0' + value / 10);
  out += static_cast<char>('0' + value % 10);
}

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
  constexpr char k_hex[] = "0123456789abcdef";
  for (const char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) {
      out += nlohmann::json(text).dump();
      return;
    }
  }
  out += '"';
  std::size_t clean = 0;  // start of the run of bytes that need no escape
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte >= 0x20 && byte != '"' && byte != '\\') continue;
    out.append(text.data() + clean, i - clean);
    clean = i + 1;
    switch (byte) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\f': out += "\\f"; break;
      case '\r': out += "\\r"; break;
      default:
        out += "\\u00";
        out += k_hex[byte >> 4];
        out += k_hex[byte & 0xf];
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
  append_two_digits(out, static_cast<unsigned>(year / 100));
  append_two_digits(out, static_cast<unsigned>(year % 100));
  out += '-';
  append_two_digits(out, static_cast<unsigned>(ymd.month()));
  out += '-';
  append_two_digits(out, static_cast<unsigned>(ymd.day()));
  out += 'T';
  append_two_digits(out, static_cast<unsigned>(hms.hours().count()));
  out += ':';
  append_two_digits(out, static_cast<unsigned>(hms.minutes().count()));
  out += ':';
  append_two_digits(out, static_cast<unsigned>(hms.seconds().count()));
  if (millis != 0) {
    out += '.';
    out += static_cast<char>('0' + millis / 100);
    append_two_digits(out, millis % 100);
  }
  out += 'Z';
}

}  // namespace snag::http
