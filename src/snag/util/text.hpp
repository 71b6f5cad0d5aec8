#pragma once
// Small text helpers that several parsers (HTTP headers and paths, CSV cells, webhook bodies) share.

#include <string>
#include <string_view>

namespace snag {

// `text` without the spaces and tabs around it: HTTP's optional whitespace (RFC 9110 §5.6.3),
// which CSV cells are trimmed of too.
inline std::string_view trim_blanks(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// `text` with A-Z turned to a-z: host names, header names and codes compare without case.
inline std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// True when `text` is well-formed UTF-8 without NUL bytes (what a TEXT column of both backends
// accepts and what JSON must be).
bool is_storable_text(std::string_view text);

}  // namespace snag
