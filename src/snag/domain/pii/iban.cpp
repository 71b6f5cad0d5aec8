// International Bank Account Numbers (ISO 13616): a country code, two check digits and a
// country-specific number, written bare ("DE89370400440532013000") or in groups of four
// ("DE89 3704 0044 0532 0130 00"). A candidate counts only when its country is known, its length
// is that country's and the mod-97 check holds; letters may be in either case.

#include <algorithm>
#include <array>

#include <snag/domain/pii/recognizers.hpp>
#include <snag/domain/pii/scan.hpp>

namespace snag::pii::detail {

namespace {

struct IbanCountry {
  std::string_view code;
  std::size_t length;
};

// From the SWIFT IBAN registry. An unknown country is not an IBAN: that keeps hex ids and
// product codes that happen to pass mod-97 (one in 97 does) out of the findings.
constexpr std::array<IbanCountry, 79> k_iban_countries{{
    {"AD", 24}, {"AE", 23}, {"AL", 28}, {"AT", 20}, {"AZ", 28}, {"BA", 20}, {"BE", 16}, {"BG", 22}, {"BH", 22},
    {"BR", 29}, {"BY", 28}, {"CH", 21}, {"CR", 22}, {"CY", 28}, {"CZ", 24}, {"DE", 22}, {"DK", 18}, {"DO", 28},
    {"EE", 20}, {"EG", 29}, {"ES", 24}, {"FI", 18}, {"FO", 18}, {"FR", 27}, {"GB", 22}, {"GE", 22}, {"GI", 23},
    {"GL", 18}, {"GR", 27}, {"GT", 28}, {"HR", 21}, {"HU", 28}, {"IE", 22}, {"IL", 23}, {"IQ", 23}, {"IS", 26},
    {"IT", 27}, {"JO", 30}, {"KW", 30}, {"KZ", 20}, {"LB", 28}, {"LC", 32}, {"LI", 21}, {"LT", 20}, {"LU", 20},
    {"LV", 21}, {"LY", 25}, {"MC", 27}, {"MD", 24}, {"ME", 22}, {"MK", 19}, {"MR", 27}, {"MT", 31}, {"MU", 30},
    {"NL", 18}, {"NO", 15}, {"PK", 24}, {"PL", 28}, {"PS", 29}, {"PT", 25}, {"QA", 29}, {"RO", 24}, {"RS", 22},
    {"SA", 24}, {"SC", 31}, {"SE", 24}, {"SI", 19}, {"SK", 24}, {"SM", 27}, {"ST", 25}, {"SV", 28}, {"TL", 23},
    {"TN", 24}, {"TR", 26}, {"UA", 29}, {"VA", 22}, {"VG", 24}, {"XK", 20}, {"SD", 18},
}};
constexpr std::size_t k_max_iban_length = 34;

std::size_t iban_length_for(char first, char second) {
  const char code[2] = {to_upper(first), to_upper(second)};
  for (const IbanCountry& country : k_iban_countries) {
    if (country.code[0] == code[0] && country.code[1] == code[1]) return country.length;
  }
  return 0;
}

std::size_t alnum_run_end(std::string_view text, std::size_t pos) {
  while (pos < text.size() && is_ascii_alnum(text[pos])) ++pos;
  return pos;
}

// ISO 7064 mod 97-10 over the IBAN with its first four characters moved to the end and letters
// read as 10..35, computed digit by digit so no big number is needed.
bool passes_mod97(std::string_view iban) {
  int remainder = 0;
  for (std::size_t i = 0; i < iban.size(); ++i) {
    const char c = iban[(i + 4) % iban.size()];
    remainder = is_digit(c) ? (remainder * 10 + (c - '0')) % 97 : (remainder * 100 + (c - 'A' + 10)) % 97;
  }
  return remainder == 1;
}

}  // namespace

std::size_t match_iban(std::string_view text, std::size_t pos) {
  if (pos + 4 > text.size() || !is_ascii_letter(text[pos]) || !is_ascii_letter(text[pos + 1]) ||
      !is_digit(text[pos + 2]) || !is_digit(text[pos + 3])) {
    return k_no_match;
  }
  const std::size_t length = iban_length_for(text[pos], text[pos + 1]);
  if (length == 0) return k_no_match;
  std::array<char, k_max_iban_length> iban{};
  std::size_t count = 0;
  std::size_t group_begin = pos;
  const bool grouped = alnum_run_end(text, pos) == pos + 4;
  while (true) {
    const std::size_t wanted = grouped ? std::min<std::size_t>(4, length - count) : length;
    const std::size_t end = alnum_run_end(text, group_begin);
    if (end - group_begin != wanted) return k_no_match;
    for (std::size_t i = group_begin; i < end; ++i) iban[count++] = to_upper(text[i]);
    if (count == length) return word_ends_at(text, end) && passes_mod97({iban.data(), count}) ? end : k_no_match;
    if (end + 1 >= text.size() || text[end] != ' ') return k_no_match;
    group_begin = end + 1;
  }
}

}  // namespace snag::pii::detail
