#include <fstream>
#include <iostream>
#include <stdexcept>

#include <snag/cli/command_output.hpp>

namespace snag {

std::optional<Timestamp> parse_time_option(const std::string& text, std::string_view option) {
  if (text.empty()) return std::nullopt;
  if (auto at = parse_rfc3339(text)) return at;
  if (auto midnight = parse_rfc3339(text + "T00:00:00Z"); midnight && text.size() == 10) return midnight;
  throw std::runtime_error(std::string(option) + " must be an RFC 3339 time or a date (2026-11-23), not '" + text +
                           "'");
}

std::string describe_for_options(const Error& error) {
  if (error.fields.empty()) return error.message;
  std::string text;
  for (const FieldError& field : error.fields)
    text += (text.empty() ? "--" : "; --") + field.field + " " + field.message;
  return text;
}

void write_output(const std::string& path, const std::string& bytes) {
  if (path.empty()) {
    std::cout << bytes;
    return;
  }
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file << bytes;
  if (!file.flush()) throw std::runtime_error("cannot write " + path);
}

}  // namespace snag
