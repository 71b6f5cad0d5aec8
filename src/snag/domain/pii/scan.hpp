#pragma once

// Byte-level helpers shared by the PII recognizers. Everything here is ASCII-only on purpose:
// bytes >= 0x80 are parts of multibyte UTF-8 characters and are treated as letters, so that a
// match never starts or ends inside a word such as "Müller" and never splits a character.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace snag::pii::detail {

inline constexpr std::size_t k_no_match = std::string_view::npos;

// One table lookup per byte instead of chains of comparisons: the detector's walk over every byte
// of every response is dominated by these tests.
enum ByteClass : std::uint8_t { k_digit = 1, k_letter = 2, k_multibyte = 4, k_space = 8 };
inline constexpr std::array<std::uint8_t, 256> k_byte_classes = [] {
  std::array<std::uint8_t, 256> classes{};
  for (int c = '0'; c <= '9'; ++c) classes[c] = k_digit;
  for (int c = 'a'; c <= 'z'; ++c) classes[c] = k_letter;
  for (int c = 'A'; c <= 'Z'; ++c) classes[c] = k_letter;
  for (int c = 0x80; c <= 0xFF; ++c) classes[c] = k_multibyte;
  for (int c : {' ', '\t', '\n', '\r'}) classes[c] = k_space;
  return classes;
}();
inline std::uint8_t byte_class(char c) { return k_byte_classes[static_cast<unsigned char>(c)]; }

inline bool is_digit(char c) { return byte_class(c) & k_digit; }
inline bool is_ascii_letter(char c) { return byte_class(c) & k_letter; }
inline bool is_ascii_alnum(char c) { return byte_class(c) & (k_digit | k_letter); }
inline bool is_word_byte(char c) { return byte_class(c) & (k_digit | k_letter | k_multibyte); }
inline bool is_space(char c) { return byte_class(c) & k_space; }
inline char to_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
inline char to_upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

inline bool word_starts_at(std::string_view text, std::size_t pos) { return pos == 0 || !is_word_byte(text[pos - 1]); }
inline bool word_ends_at(std::string_view text, std::size_t pos) {
  return pos >= text.size() || !is_word_byte(text[pos]);
}

// Characters that glue digit groups into one longer number: "2026-11-28", "1.2.3", "10:15".
inline bool is_number_joiner(char c) { return c == '-' || c == '.' || c == '/' || c == ':' || c == '_'; }

// A number may start at `pos`: it is not inside a word, nor the tail of a number like "12-" or "3.".
inline bool number_starts_at(std::string_view text, std::size_t pos) {
  if (pos == 0) return true;
  if (is_word_byte(text[pos - 1])) return false;
  return !(is_number_joiner(text[pos - 1]) && pos >= 2 && is_digit(text[pos - 2]));
}
// A number may end at `pos`: it is not followed by a letter, a digit, or a joiner and more digits.
inline bool number_ends_at(std::string_view text, std::size_t pos) {
  if (pos >= text.size()) return true;
  if (is_word_byte(text[pos])) return false;
  return !(is_number_joiner(text[pos]) && pos + 1 < text.size() && is_digit(text[pos + 1]));
}

inline std::size_t digit_run_end(std::string_view text, std::size_t pos) {
  while (pos < text.size() && is_digit(text[pos])) ++pos;
  return pos;
}
// Exactly `length` digits start at `pos`.
inline bool digit_group_at(std::string_view text, std::size_t pos, std::size_t length) {
  return digit_run_end(text, pos) == pos + length;
}
// How far before a number a cue word ("phone", "ssn") may end and still announce it.
inline constexpr std::size_t k_cue_window = 20;
inline std::size_t word_run_end(std::string_view text, std::size_t pos) {
  while (pos < text.size() && is_word_byte(text[pos])) ++pos;
  return pos;
}

// Decimal value of text[begin, end), which holds at most nine digits.
inline int digits_value(std::string_view text, std::size_t begin, std::size_t end) {
  int value = 0;
  for (std::size_t i = begin; i < end; ++i) value = value * 10 + (text[i] - '0');
  return value;
}

// Matches a lowercase `phrase` at `pos`, ignoring ASCII case; a space in the phrase matches any
// run of whitespace, so "medical leave" also matches "Medical\n  leave". Returns the end of the
// match, or k_no_match. Whole words only: the match may not start or end inside a word.
inline std::size_t match_phrase(std::string_view text, std::size_t pos, std::string_view phrase) {
  if (phrase.empty() || (is_word_byte(phrase.front()) && !word_starts_at(text, pos))) return k_no_match;
  std::size_t i = pos;
  for (char wanted : phrase) {
    if (wanted == ' ') {
      if (i >= text.size() || !is_space(text[i])) return k_no_match;
      while (i < text.size() && is_space(text[i])) ++i;
    } else {
      if (i >= text.size() || to_lower(text[i]) != wanted) return k_no_match;
      ++i;
    }
  }
  if (is_word_byte(phrase.back()) && !word_ends_at(text, i)) return k_no_match;
  return i;
}

}  // namespace snag::pii::detail
