// Calendar dates as people write a date of birth: ISO "1990-04-12" (also with / or .), numeric
// "04/12/1990", "12.04.1990", "4-12-90" (day and month in either order, the year last, 2 or 4
// digits), and spelled months "April 12, 1990", "Apr. 12th 1990", "12 April 1990",
// "12th of April, 1990". Years run 1900-2099.

#include <array>

#include <snag/domain/pii/recognizers.hpp>
#include <snag/domain/pii/scan.hpp>

namespace snag::pii::detail {

namespace {

constexpr std::array<std::string_view, 12> k_month_names{"january",   "february", "march",    "april",
                                                         "may",       "june",     "july",     "august",
                                                         "september", "october",  "november", "december"};

bool is_date_separator(char c) { return c == '-' || c == '/' || c == '.'; }
bool is_year(int year) { return year >= 1900 && year <= 2099; }
bool is_month(int month) { return month >= 1 && month <= 12; }
bool is_day(int day) { return day >= 1 && day <= 31; }

// "1990-04-12", "04/12/1990", "12.04.90".
std::size_t match_numeric_date(std::string_view text, std::size_t pos) {
  const std::size_t first_end = digit_run_end(text, pos);
  const std::size_t first_length = first_end - pos;
  if (first_length == 0 || first_length == 3 || first_length > 4 || first_end + 1 >= text.size()) return k_no_match;
  const char separator = text[first_end];
  if (!is_date_separator(separator)) return k_no_match;
  const std::size_t second = first_end + 1;
  const std::size_t second_end = digit_run_end(text, second);
  if (second_end == second || second_end - second > 2 || second_end + 1 >= text.size()) return k_no_match;
  if (text[second_end] != separator) return k_no_match;
  const std::size_t third = second_end + 1;
  const std::size_t third_end = digit_run_end(text, third);
  const std::size_t third_length = third_end - third;
  if ((third_length != 2 && third_length != 4 && !(first_length == 4 && third_length == 1)) ||
      !number_ends_at(text, third_end)) {
    return k_no_match;
  }

  const int a = digits_value(text, pos, first_end);
  const int b = digits_value(text, second, second_end);
  const int c = digits_value(text, third, third_end);
  if (first_length == 4) {
    return third_length <= 2 && is_year(a) && is_month(b) && is_day(c) ? third_end : k_no_match;
  }
  const bool year_ok = third_length == 2 || is_year(c);
  const bool day_month_ok = (is_month(a) && is_day(b)) || (is_day(a) && is_month(b));
  return year_ok && day_month_ok ? third_end : k_no_match;
}

// "April", "Apr", "Apr.", "Sept": the end of the month name, or k_no_match.
std::size_t match_month_name(std::string_view text, std::size_t pos) {
  for (std::string_view month : k_month_names) {
    std::size_t end = match_phrase(text, pos, month);
    if (end == k_no_match) end = match_phrase(text, pos, month.substr(0, 3));
    if (end == k_no_match && month == "september") end = match_phrase(text, pos, "sept");
    if (end == k_no_match) continue;
    if (end - pos < month.size() && end < text.size() && text[end] == '.') ++end;
    return end;
  }
  return k_no_match;
}

// "12", "12th", "1st": the end of the day of the month, or k_no_match.
std::size_t match_day(std::string_view text, std::size_t pos) {
  const std::size_t end = digit_run_end(text, pos);
  if (end == pos || end - pos > 2 || !is_day(digits_value(text, pos, end))) return k_no_match;
  for (std::string_view suffix : {"st", "nd", "rd", "th"}) {
    if (end + 2 <= text.size() && to_lower(text[end]) == suffix[0] && to_lower(text[end + 1]) == suffix[1] &&
        word_ends_at(text, end + 2)) {
      return end + 2;
    }
  }
  return word_ends_at(text, end) ? end : k_no_match;
}

std::size_t match_year(std::string_view text, std::size_t pos) {
  const std::size_t end = digit_run_end(text, pos);
  if (end - pos != 4 || !is_year(digits_value(text, pos, end)) || !number_ends_at(text, end)) return k_no_match;
  return end;
}

std::size_t skip_blanks(std::string_view text, std::size_t pos) {
  while (pos < text.size() && text[pos] == ' ') ++pos;
  return pos;
}

// One or more spaces, optionally after a comma; k_no_match when there is neither.
std::size_t skip_gap(std::string_view text, std::size_t pos) {
  if (pos < text.size() && text[pos] == ',') ++pos;
  const std::size_t end = skip_blanks(text, pos);
  return end == pos ? k_no_match : end;
}

// "April 12, 1990".
std::size_t match_month_first(std::string_view text, std::size_t pos) {
  std::size_t i = match_month_name(text, pos);
  if (i != k_no_match) i = skip_gap(text, i);
  if (i != k_no_match) i = match_day(text, i);
  if (i != k_no_match) i = skip_gap(text, i);
  return i == k_no_match ? k_no_match : match_year(text, i);
}

// "12 April 1990", "12th of April, 1990".
std::size_t match_day_first(std::string_view text, std::size_t pos) {
  std::size_t i = match_day(text, pos);
  if (i != k_no_match) i = skip_gap(text, i);
  if (i != k_no_match) {
    const std::size_t after_of = match_phrase(text, i, "of");
    if (after_of != k_no_match) i = skip_gap(text, after_of);
  }
  if (i != k_no_match) i = match_month_name(text, i);
  if (i != k_no_match) i = skip_gap(text, i);
  return i == k_no_match ? k_no_match : match_year(text, i);
}

}  // namespace

std::size_t match_date(std::string_view text, std::size_t pos) {
  if (pos >= text.size()) return k_no_match;
  if (is_ascii_letter(text[pos])) return match_month_first(text, pos);
  if (!is_digit(text[pos])) return k_no_match;
  const std::size_t numeric = match_numeric_date(text, pos);
  return numeric != k_no_match ? numeric : match_day_first(text, pos);
}

}  // namespace snag::pii::detail
