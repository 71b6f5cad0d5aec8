#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace snag::pii {

// A quick test of whether a whole word of the text may be the first word of some term, so that
// the detector can turn away most words of a text with one bit test. It hashes the word's first
// two bytes (ASCII-lowercased) and its length: never a false "no", rarely a false "yes".
class FirstWordFilter {
 public:
  // REQUIRES: `term` is lowercased and starts with a word byte.
  void add_term(std::string_view term);
  void merge(const FirstWordFilter& other);
  // `word` is a maximal run of word bytes (letters, digits, bytes >= 0x80).
  bool may_match(std::string_view word) const {
    const std::size_t bit = slot(word);
    return (m_bits[bit / 64] >> (bit % 64) & 1) != 0;
  }

 private:
  static std::size_t slot(std::string_view word) {
    const auto lower = [](char c) { return static_cast<std::size_t>(static_cast<unsigned char>(c) | 0x20); };
    const std::size_t second = word.size() > 1 ? lower(word[1]) : 0;
    return (lower(word[0]) * 131 + second * 31 + word.size()) % k_bits;
  }
  static constexpr std::size_t k_bits = 8192;
  std::array<std::uint64_t, k_bits / 64> m_bits{};
};

// Whole-word, ASCII-case-insensitive matching of a fixed list of words and phrases (health terms,
// cue words). A space in a phrase matches any run of whitespace in the text. Terms must begin
// with a letter or digit (others are dropped): matches are only looked for where a word starts.
// Immutable after construction, so safe to share between threads.
class TermDictionary {
 public:
  explicit TermDictionary(std::vector<std::string> terms);

  // The end of the longest term that matches at `pos`, if any.
  std::optional<std::size_t> match_at(std::string_view text, std::size_t pos) const;

  // Whether a term ends at most `window` bytes before `pos` ("SSN: 123456789").
  bool ends_shortly_before(std::string_view text, std::size_t pos, std::size_t window) const;

  const FirstWordFilter& filter() const { return m_filter; }
  std::size_t size() const { return m_terms.size(); }

 private:
  // Lowercased terms sorted by first byte, longest first within a first byte, and the index of
  // the first term for every first byte, so a word is only compared with the terms it can match.
  std::vector<std::string> m_terms;
  std::array<std::uint32_t, 257> m_first_byte_begin{};
  FirstWordFilter m_filter;
  std::size_t m_longest = 0;
};

}  // namespace snag::pii
