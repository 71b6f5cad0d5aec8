#pragma once

// The recognizers behind Detector. Detector walks the text once and, where a word, a number, a
// "+" or a "(" starts, asks the recognizers that can start there; each match_* returns the end of
// its match at `pos`, or k_no_match. Findings of different kinds may overlap; Detector resolves.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <snag/domain/pii/detector.hpp>

namespace snag::pii::detail {

using Findings = std::vector<Finding>;

// REQUIRES for the three: a number starts at `pos` (number_starts_at), or for a phone `pos` may
// also hold "+" or "(" with no word byte before it.
std::size_t match_ssn(std::string_view text, std::size_t pos);    // numbers.cpp
std::size_t match_card(std::string_view text, std::size_t pos);   // numbers.cpp
std::size_t match_phone(std::string_view text, std::size_t pos);  // phone.cpp

// REQUIRES: a word starts at `pos`. iban.cpp
std::size_t match_iban(std::string_view text, std::size_t pos);

// A calendar date starting at `pos` ("1990-04-12", "04/12/1990", "12.04.1990", "April 12, 1990",
// "12 April 1990"). dates.cpp
std::size_t match_date(std::string_view text, std::size_t pos);

// Every e-mail address, found from its "@" (a memchr), not from the word walk. email.cpp
void find_emails(std::string_view text, Findings& out);

// The cue words, and the values that count only when they start within a short window after a
// cue, on the same line. cues.cpp
std::vector<std::string> passport_cues();
std::vector<std::string> birth_cues();
void find_passport_numbers_after(std::string_view text, std::size_t cue_end, Findings& out);
void find_dates_of_birth_after(std::string_view text, std::size_t cue_end, Findings& out);

}  // namespace snag::pii::detail
