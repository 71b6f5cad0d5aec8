// US Social Security numbers and payment card numbers.

#include <array>

#include <snag/domain/pii/recognizers.hpp>
#include <snag/domain/pii/scan.hpp>
#include <snag/domain/pii/term_dictionary.hpp>

namespace snag::pii::detail {

namespace {

// Nine bare digits are an SSN only after one of these, since nine-digit ids are everywhere.
const TermDictionary& ssn_cues() {
  static const TermDictionary cues({"ssn", "ssns", "social security", "ss#", "ss #", "ss no", "soc sec"});
  return cues;
}

// The SSA never issues area 000, 666 or 900-999 (900+ are ITINs), group 00 or serial 0000.
bool is_valid_ssn(int area, int group, int serial) {
  return area != 0 && area != 666 && area < 900 && group != 0 && serial != 0;
}

constexpr std::size_t k_min_card_digits = 13;
constexpr std::size_t k_max_card_digits = 19;

// Issuer prefixes (IIN ranges) and the lengths each network issues.
bool is_known_card_brand(std::string_view digits) {
  const std::size_t length = digits.size();
  const int two = digits_value(digits, 0, 2);
  const int three = digits_value(digits, 0, 3);
  const int four = digits_value(digits, 0, 4);
  if (two == 34 || two == 37) return length == 15;                                      // American Express
  if (digits[0] == '4') return length == 13 || length == 16 || length == 19;            // Visa
  if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) return length == 16;  // Mastercard
  if (four == 6011 || two == 65 || two == 35) return length >= 16;                      // Discover, JCB
  if ((three >= 300 && three <= 305) || two == 36 || two == 38) return length >= 14;    // Diners Club
  return false;
}

bool passes_luhn(std::string_view digits) {
  int sum = 0;
  bool doubled = false;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    int digit = *it - '0';
    if (doubled) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
    doubled = !doubled;
  }
  return sum % 10 == 0;
}

bool is_card_number(std::string_view digits) {
  return digits.size() >= k_min_card_digits && digits.size() <= k_max_card_digits && is_known_card_brand(digits) &&
         passes_luhn(digits);
}

}  // namespace

// "123-45-6789", "123 45 6789", or "123456789" after a cue.
std::size_t match_ssn(std::string_view text, std::size_t pos) {
  const std::size_t run_end = digit_run_end(text, pos);
  if (run_end - pos == 3 && run_end < text.size() && (text[run_end] == '-' || text[run_end] == ' ')) {
    const char separator = text[run_end];
    const std::size_t group = run_end + 1;
    const std::size_t serial = group + 3;
    if (!digit_group_at(text, group, 2) || serial > text.size() || text[group + 2] != separator ||
        !digit_group_at(text, serial, 4)) {
      return k_no_match;
    }
    const std::size_t end = serial + 4;
    if (!number_ends_at(text, end)) return k_no_match;
    const bool valid = is_valid_ssn(digits_value(text, pos, pos + 3), digits_value(text, group, group + 2),
                                    digits_value(text, serial, end));
    return valid ? end : k_no_match;
  }
  if (run_end - pos == 9 && number_ends_at(text, run_end) &&
      is_valid_ssn(digits_value(text, pos, pos + 3), digits_value(text, pos + 3, pos + 5),
                   digits_value(text, pos + 5, run_end)) &&
      ssn_cues().ends_shortly_before(text, pos, k_cue_window)) {
    return run_end;
  }
  return k_no_match;
}

// 13-19 digits, bare or in groups: the first of four digits, the rest of three to six
// ("4111 1111 1111 1111", "3782-822463-10005"), one kind of separator throughout. When the
// groups run on ("4111 1111 1111 1111 2027"), the longest leading groups that form a card win.
std::size_t match_card(std::string_view text, std::size_t pos) {
  const std::size_t first_end = digit_run_end(text, pos);
  const std::size_t first_length = first_end - pos;
  if (first_length >= k_min_card_digits) {
    if (first_length > k_max_card_digits || !number_ends_at(text, first_end)) return k_no_match;
    return is_card_number(text.substr(pos, first_length)) ? first_end : k_no_match;
  }
  if (first_length != 4 || first_end + 1 >= text.size() || !is_digit(text[first_end + 1])) return k_no_match;
  const char separator = text[first_end];
  if (separator != ' ' && separator != '-') return k_no_match;

  // Left uninitialised: filled before they are read, and this runs at every four-digit number.
  std::array<char, k_max_card_digits> digits;
  std::array<std::size_t, k_max_card_digits> group_end;    // byte offset after each group
  std::array<std::size_t, k_max_card_digits> digits_upto;  // digits up to the end of each group
  std::size_t count = 0;
  std::size_t groups = 0;
  std::size_t group_begin = pos;
  while (true) {
    const std::size_t end = digit_run_end(text, group_begin);
    const std::size_t length = end - group_begin;
    const bool first = groups == 0;
    if ((first ? length != 4 : (length < 3 || length > 6)) || count + length > k_max_card_digits) break;
    for (std::size_t i = group_begin; i < end; ++i) digits[count++] = text[i];
    group_end[groups] = end;
    digits_upto[groups] = count;
    ++groups;
    if (end + 1 >= text.size() || text[end] != separator || !is_digit(text[end + 1])) break;
    group_begin = end + 1;
  }
  for (std::size_t group = groups; group-- > 1;) {
    const std::size_t end = group_end[group];
    if (!word_ends_at(text, end)) continue;
    if (is_card_number(std::string_view(digits.data(), digits_upto[group]))) return end;
  }
  return k_no_match;
}

}  // namespace snag::pii::detail
