// Telephone numbers. North American numbers in their usual spellings ("(415) 555-0132",
// "415-555-0132", "415.555.0132", "415 555 0132", "1-415-555-0132"), any number written with a
// leading + and country code ("+1 415 555 0132", "+44 20 7946 0958", "+4930123456"), and ten bare
// digits only after a phone cue ("call 4155550132"). Dates, SSNs, card numbers, timestamps and
// version numbers do not have these shapes. What does have them but is not a phone is a
// reference: "Order #4155550132", "PO 415-555-0132", "invoice no. 415-555-0132" are left alone.

#include <optional>

#include <snag/domain/pii/recognizers.hpp>
#include <snag/domain/pii/scan.hpp>
#include <snag/domain/pii/term_dictionary.hpp>

namespace snag::pii::detail {

namespace {

// Ten bare digits are a phone only after one of these.
const TermDictionary& phone_cues() {
  static const TermDictionary cues(
      {"phone", "telephone", "tel", "mobile", "cell", "cellphone", "call", "fax", "ph", "mob", "whatsapp"});
  return cues;
}
const TermDictionary& reference_cues() {
  static const TermDictionary cues({"order", "orders", "ref", "reference", "invoice", "inv", "po", "ticket", "req",
                                    "request", "case", "confirmation", "tracking", "booking", "account", "reservation",
                                    "acct", "id", "sku"});
  return cues;
}
// "Order no. 415-555-0132": these may sit between a reference cue and its number.
const TermDictionary& number_words() {
  static const TermDictionary words({"no", "nr", "num", "number"});
  return words;
}
constexpr std::size_t k_min_international_digits = 8;
constexpr std::size_t k_max_international_digits = 15;

bool is_separator(char c) { return c == ' ' || c == '-' || c == '.'; }

// Area codes and exchanges never start with 0 or 1 in the North American Numbering Plan.
bool is_nanp_leading_digit(char c) { return c >= '2' && c <= '9'; }

// "555-0132" after an area code: exchange, separator, line. Returns the end or k_no_match.
std::size_t match_exchange_and_line(std::string_view text, std::size_t pos, char separator) {
  if (!digit_group_at(text, pos, 3) || !is_nanp_leading_digit(text[pos])) return k_no_match;
  const std::size_t line = pos + 4;
  if (line > text.size() || text[pos + 3] != separator || !digit_group_at(text, line, 4)) return k_no_match;
  return number_ends_at(text, line + 4) ? line + 4 : k_no_match;
}

// "(415) 555-0132", "(415)555-0132".
std::size_t match_parenthesised_nanp(std::string_view text, std::size_t pos) {
  if (text[pos] != '(' || !digit_group_at(text, pos + 1, 3) || !is_nanp_leading_digit(text[pos + 1])) {
    return k_no_match;
  }
  std::size_t exchange = pos + 4;
  if (exchange >= text.size() || text[exchange] != ')') return k_no_match;
  ++exchange;
  if (exchange < text.size() && text[exchange] == ' ') ++exchange;
  const std::size_t exchange_end = exchange + 3;
  if (exchange_end >= text.size() || !is_separator(text[exchange_end])) return k_no_match;
  return match_exchange_and_line(text, exchange, text[exchange_end]);
}

// "415-555-0132", "1-415-555-0132" (one separator throughout), or ten bare digits after a cue.
// REQUIRES: a number starts at pos.
std::size_t match_nanp(std::string_view text, std::size_t pos) {
  std::size_t area = pos;
  if (text[pos] == '1' && pos + 2 < text.size() && is_separator(text[pos + 1]) && is_digit(text[pos + 2])) {
    area = pos + 2;
  }
  const std::size_t area_end = digit_run_end(text, area);
  if (area_end - area == 10 && area == pos) {
    const bool plausible = is_nanp_leading_digit(text[pos]) && is_nanp_leading_digit(text[pos + 3]);
    return plausible && number_ends_at(text, area_end) && phone_cues().ends_shortly_before(text, pos, k_cue_window)
               ? area_end
               : k_no_match;
  }
  if (area_end - area != 3 || !is_nanp_leading_digit(text[area]) || area_end + 1 >= text.size()) return k_no_match;
  const char separator = text[area_end];
  if (!is_separator(separator) || (area != pos && text[pos + 1] != separator)) return k_no_match;
  return match_exchange_and_line(text, area_end + 1, separator);
}

// "+" and a country code, then groups of digits split by single spaces, dashes or dots, with at
// most one group in parentheses ("+44 (0)20 7946 0958"): 8 to 15 digits in all. When groups run on
// past 15 digits, the longest prefix that ends a group cleanly is the number.
std::size_t match_international(std::string_view text, std::size_t pos) {
  if (pos + 1 >= text.size() || text[pos] != '+' || !is_digit(text[pos + 1]) || text[pos + 1] == '0') {
    return k_no_match;
  }
  std::size_t best = k_no_match;
  std::size_t digits = 0;
  std::size_t i = pos + 1;
  bool parenthesis_seen = false;
  while (i < text.size()) {
    std::size_t group_end = k_no_match;
    const bool parenthesised = text[i] == '(';
    if (is_digit(text[i])) {
      group_end = digit_run_end(text, i);
      digits += group_end - i;
    } else if (parenthesised && !parenthesis_seen) {
      parenthesis_seen = true;
      const std::size_t inner_end = digit_run_end(text, i + 1);
      if (inner_end == i + 1 || inner_end - i - 1 > 4 || inner_end >= text.size() || text[inner_end] != ')') break;
      digits += inner_end - i - 1;
      group_end = inner_end + 1;
    } else {
      break;
    }
    if (digits > k_max_international_digits) break;
    if (digits >= k_min_international_digits && number_ends_at(text, group_end)) best = group_end;
    i = group_end;
    if (i >= text.size()) break;
    if (i + 1 < text.size() && is_separator(text[i]) && (is_digit(text[i + 1]) || text[i + 1] == '(')) {
      ++i;
    } else if (text[i] != '(' && !(parenthesised && is_digit(text[i]))) {  // "+44(0)20" has none
      break;
    }
  }
  return best;
}

// The word that ends at `end`, skipping nothing.
std::string_view word_before(std::string_view text, std::size_t end) {
  std::size_t begin = end;
  while (begin > 0 && is_word_byte(text[begin - 1])) --begin;
  return text.substr(begin, end - begin);
}

// Whether `word` is exactly one of the dictionary's terms.
bool is_one_of(std::string_view word, const TermDictionary& terms) {
  const std::optional<std::size_t> end = terms.match_at(word, 0);
  return end && *end == word.size();
}

// "Order #", "PO", "ref:", "invoice no." or a bare "#" right before the number make it a
// reference, not a phone; "Phone #:" does not.
bool is_reference_number(std::string_view text, std::size_t begin) {
  std::size_t i = begin;
  const auto skip_back = [&](std::string_view chars) {
    while (i > 0 && chars.find(text[i - 1]) != std::string_view::npos) --i;
  };
  skip_back(" \t:");
  const bool hash = i > 0 && text[i - 1] == '#';
  if (hash) --i;
  skip_back(" \t:.-");
  std::string_view word = word_before(text, i);
  if (is_one_of(word, number_words())) {
    i -= word.size();
    skip_back(" \t:.-#");
    word = word_before(text, i);
  }
  if (is_one_of(word, reference_cues())) return true;
  return hash && !is_one_of(word, phone_cues());
}

}  // namespace

std::size_t match_phone(std::string_view text, std::size_t pos) {
  std::size_t end = k_no_match;
  if (text[pos] == '+') end = match_international(text, pos);
  if (text[pos] == '(') end = match_parenthesised_nanp(text, pos);
  if (is_digit(text[pos])) end = match_nanp(text, pos);
  return end != k_no_match && !is_reference_number(text, pos) ? end : k_no_match;
}

}  // namespace snag::pii::detail
