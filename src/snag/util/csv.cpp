#include <snag/util/csv.hpp>

namespace snag {

void append_csv_field(std::string& out, std::string_view field) {
  const bool formula = !field.empty() && (field.front() == '=' || field.front() == '+' || field.front() == '-' ||
                                          field.front() == '@' || field.front() == '\t' || field.front() == '\r');
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
