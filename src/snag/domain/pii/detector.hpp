#pragma once

// Finds personal data in free text (ticket titles, descriptions, comments) so that responses to
// callers without clearance can be masked. Pure and allocation-free when the text holds nothing:
// it runs on every such response. Hand-written linear scanners, no std::regex.
//
// The text is walked once; recognizers are asked only where a word, a number, a "+" or a "("
// starts, and most words are turned away by one table lookup.
//
// Each recognizer is strict, because a masker that eats order numbers and dates gets switched
// off: card numbers must pass Luhn, IBANs mod-97, SSNs the SSA's range rules; bare digit runs,
// passports and dates of birth count only after a cue word; health terms match whole words.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <snag/domain/pii/term_dictionary.hpp>

namespace snag::pii {

enum class Kind { ssn, credit_card, email, phone, iban, passport, date_of_birth, health };

std::string_view to_string(Kind kind);  // "ssn", "credit_card", ...

// A byte span [begin, end) in the scanned text. For passport and date_of_birth it covers the value
// only, not the cue word before it.
struct Finding {
  Kind kind;
  std::size_t begin;
  std::size_t end;

  friend bool operator==(const Finding&, const Finding&) = default;
};

// About forty words and phrases about health, pregnancy and disability: what a hiring team must
// not see about a candidate.
std::vector<std::string> default_health_terms();

// What mask() writes in place of one finding whose text is `value`:
//   ssn "***-**-6789", credit_card "****-****-****-1234", phone "***-***-0132" (last four digits
//   kept), email "[email]", iban "[IBAN]", passport "[passport number]", date_of_birth
//   "[date of birth]", health "[health information]".
std::string replacement_for(Kind kind, std::string_view value);

// Configured once, then used read-only: every member function is const and safe to call from
// many threads at once.
class Detector {
 public:
  // Health terms are matched whole-word and ignoring ASCII case; blank terms are ignored.
  explicit Detector(std::vector<std::string> health_terms = default_health_terms());

  // Sorted by begin and non-overlapping: where two recognizers claim overlapping bytes, the finding
  // that starts first wins, and the longer one when both start at the same byte.
  std::vector<Finding> find(std::string_view text) const;

  // `text` with every finding replaced by replacement_for(); a plain copy when nothing is found.
  std::string mask(std::string_view text) const;

  bool has_pii(std::string_view text) const;

 private:
  // Appends what the recognizers find, unsorted and possibly overlapping; stops after the first
  // finding when `first_only`.
  void scan(std::string_view text, std::vector<Finding>& out, bool first_only) const;
  // The kinds that start at the word text[pos, word_end); returns where the walk goes on.
  std::size_t scan_word(std::string_view text, std::size_t pos, std::size_t word_end, std::vector<Finding>& out) const;

  TermDictionary m_health_terms;
  TermDictionary m_passport_cues;
  TermDictionary m_birth_cues;
  FirstWordFilter m_any_term_or_cue;  // the three dictionaries' filters merged
};

}  // namespace snag::pii
