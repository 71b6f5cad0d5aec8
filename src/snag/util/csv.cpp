#include <snag/util/csv.hpp>

namespace snag {
namespace {

// -16.7, -3, -16.7%: a spreadsheet reads these as numbers, and nothing else starting with - or +
// is let through, so they need no defusing and stay numbers when the file is opened.
bool is_plain_number(std::string_view field) {
  std::size_t at = 0;
  const auto digits = [&] {
    const std::size_t start = at;
    while (at < field.size() && field[at] >= '0' && field[at] <= '9') ++at;
    return at > start;
  };
  if (at < field.size() && (field[at] == '-' || field[at] == '+')) ++at;
  if (!digits()) return false;
  if (at < field.size() && field[at] == '.') {
    ++at;
    if (!digits()) return false;
  }
  if (at < field.size() && field[at] == '%') ++at;
  return at == field.size();
}

}  // namespace

void append_csv_field(std::string& out, std::string_view field) {
  const bool formula = !field.empty() &&
                       (field.front() == '=' || field.front() == '+' || field.front() == '-' || field.front() == '@' ||
                        field.front() == '\t' || field.front() == '\r') &&
                       !is_plain_number(field);
  const bool quoted = formula || field.find_first_of(",\"\r\n") != std::string_view::npos;
  if (quoted) out += '"';
  if (formula) out += '\'';
  for (const char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  if (quoted) out += '"';
}

}  // namespace snag
