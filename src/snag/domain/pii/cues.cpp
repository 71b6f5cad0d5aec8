// Values that only count as personal data after a cue word: a passport number after "passport",
// a date after "date of birth". Without the cue, "X1234567" is any id and "1990-04-12" any date.
// A value must start within a short window after the cue, on the same line.

#include <snag/domain/pii/recognizers.hpp>
#include <snag/domain/pii/scan.hpp>

namespace snag::pii::detail {

namespace {

constexpr std::size_t k_value_window = 24;  // "passport number issued: " fits
constexpr std::size_t k_min_passport_length = 6;
constexpr std::size_t k_max_passport_length = 9;
constexpr std::size_t k_min_passport_digits = 5;

// A 6-9 character alphanumeric word with at least five digits: "X1234567", "123456789", "C01X00T47".
bool is_passport_number(std::string_view word) {
  if (word.size() < k_min_passport_length || word.size() > k_max_passport_length) return false;
  std::size_t digits = 0;
  for (char c : word) {
    if (!is_ascii_alnum(c)) return false;
    if (is_digit(c)) ++digits;
  }
  return digits >= k_min_passport_digits;
}

// Not a piece of a longer dashed or dotted code such as "123-45-6789123".
bool stands_alone(std::string_view text, std::size_t begin, std::size_t end) {
  const bool glued_before = begin >= 2 && is_number_joiner(text[begin - 1]) && is_word_byte(text[begin - 2]);
  const bool glued_after = end + 1 < text.size() && is_number_joiner(text[end]) && is_word_byte(text[end + 1]);
  return !glued_before && !glued_after;
}

std::size_t match_passport_number(std::string_view text, std::size_t pos) {
  const std::size_t end = word_run_end(text, pos);
  return is_passport_number(text.substr(pos, end - pos)) && stands_alone(text, pos, end) ? end : k_no_match;
}

// Every value that `match` accepts at a word starting within the window after `cue_end`, up to
// the end of the line: "passport numbers X1234567 and Y7654321" are both masked, and masking
// twice changes nothing, since a marker is longer than the value it replaces.
template <typename Matcher>
void values_after_cue(std::string_view text, std::size_t cue_end, Kind kind, Matcher match, Findings& out) {
  const std::size_t limit = cue_end + k_value_window < text.size() ? cue_end + k_value_window : text.size();
  for (std::size_t pos = cue_end; pos < limit; ++pos) {
    if (text[pos] == '\n') break;
    if (!is_word_byte(text[pos]) || !word_starts_at(text, pos)) continue;
    const std::size_t end = match(text, pos);
    if (end == k_no_match) continue;
    out.push_back(Finding{kind, pos, end});
    pos = end;
  }
}

}  // namespace

// "passport no", "passport number", "passport #" are covered: the window skips the rest.
std::vector<std::string> passport_cues() { return {"passport"}; }

std::vector<std::string> birth_cues() {
  return {"date of birth", "dob", "d.o.b", "born", "birthdate", "birth date", "birth-date", "birthday", "birth day"};
}

void find_passport_numbers_after(std::string_view text, std::size_t cue_end, Findings& out) {
  values_after_cue(text, cue_end, Kind::passport, match_passport_number, out);
}

void find_dates_of_birth_after(std::string_view text, std::size_t cue_end, Findings& out) {
  values_after_cue(text, cue_end, Kind::date_of_birth, match_date, out);
}

}  // namespace snag::pii::detail
