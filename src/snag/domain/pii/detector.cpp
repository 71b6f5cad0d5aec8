#include <algorithm>
#include <array>
#include <utility>

#include <snag/domain/pii/detector.hpp>
#include <snag/domain/pii/recognizers.hpp>
#include <snag/domain/pii/scan.hpp>

namespace snag::pii {

namespace {

using detail::k_no_match;

// Sorts by begin, longer first at the same begin, and drops every finding that overlaps one kept
// before it: "DE89 3704 0044 0532 0130 00" is one IBAN, not an IBAN and a card number.
void resolve_overlaps(std::vector<Finding>& findings) {
  std::sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    if (a.begin != b.begin) return a.begin < b.begin;
    if (a.end != b.end) return a.end > b.end;
    return a.kind < b.kind;
  });
  std::size_t kept = 0;
  for (const Finding& finding : findings) {
    if (kept > 0 && finding.begin < findings[kept - 1].end) continue;
    findings[kept++] = finding;
  }
  findings.resize(kept);
}

// What mask() writes where nothing is kept. The walk steps over them whole, so that masking a
// masked text changes nothing: "[date of birth]" would otherwise be a birth cue.
constexpr std::string_view k_email_marker = "[email]";
constexpr std::string_view k_iban_marker = "[IBAN]";
constexpr std::string_view k_passport_marker = "[passport number]";
constexpr std::string_view k_date_of_birth_marker = "[date of birth]";
constexpr std::string_view k_health_marker = "[health information]";
constexpr std::array<std::string_view, 5> k_markers{
    k_email_marker, k_iban_marker, k_passport_marker, k_date_of_birth_marker, k_health_marker};

std::size_t marker_end(std::string_view text, std::size_t pos) {
  for (std::string_view marker : k_markers) {
    if (text.substr(pos, marker.size()) == marker) return pos + marker.size();
  }
  return pos;
}

// Tries every number-shaped kind where a number starts; returns where the walk goes on.
std::size_t scan_number(std::string_view text, std::size_t pos, std::vector<Finding>& out) {
  std::size_t next = detail::word_run_end(text, pos);
  using Matcher = std::size_t (*)(std::string_view, std::size_t);
  constexpr std::array<std::pair<Kind, Matcher>, 3> k_number_kinds{
      {{Kind::ssn, detail::match_ssn}, {Kind::credit_card, detail::match_card}, {Kind::phone, detail::match_phone}}};
  for (const auto& [kind, match] : k_number_kinds) {
    const std::size_t end = match(text, pos);
    if (end == k_no_match) continue;
    out.push_back(Finding{kind, pos, end});
    next = std::max(next, end);
  }
  return next;
}

// The last four digits of `value`, or fewer if it has fewer.
std::string_view last_four_digits(std::string_view value, std::array<char, 4>& buffer) {
  std::size_t count = 0;
  for (auto it = value.rbegin(); it != value.rend() && count < buffer.size(); ++it) {
    if (detail::is_digit(*it)) buffer[buffer.size() - 1 - count++] = *it;
  }
  return {buffer.data() + buffer.size() - count, count};
}

void append_replacement(std::string& out, Kind kind, std::string_view value) {
  std::array<char, 4> buffer{};
  switch (kind) {
    case Kind::ssn: out.append("***-**-").append(last_four_digits(value, buffer)); return;
    case Kind::credit_card: out.append("****-****-****-").append(last_four_digits(value, buffer)); return;
    case Kind::email: out.append(k_email_marker); return;
    case Kind::phone: out.append("***-***-").append(last_four_digits(value, buffer)); return;
    case Kind::iban: out.append(k_iban_marker); return;
    case Kind::passport: out.append(k_passport_marker); return;
    case Kind::date_of_birth: out.append(k_date_of_birth_marker); return;
    case Kind::health: out.append(k_health_marker); return;
  }
}

}  // namespace

std::string_view to_string(Kind kind) {
  switch (kind) {
    case Kind::ssn: return "ssn";
    case Kind::credit_card: return "credit_card";
    case Kind::email: return "email";
    case Kind::phone: return "phone";
    case Kind::iban: return "iban";
    case Kind::passport: return "passport";
    case Kind::date_of_birth: return "date_of_birth";
    case Kind::health: return "health";
  }
  return "health";
}

std::vector<std::string> default_health_terms() {
  return {"pregnancy",      "pregnant",        "maternity leave", "miscarriage",   "ivf",
          "disability",     "disabilities",    "diagnosis",       "diagnosed",     "cancer",
          "chemotherapy",   "chemo",           "diabetes",        "diabetic",      "hiv",
          "depression",     "anxiety",         "bipolar",         "schizophrenia", "ptsd",
          "adhd",           "autism",          "autistic",        "epilepsy",      "seizure",
          "seizures",       "medical leave",   "sick leave",      "surgery",       "wheelchair",
          "medication",     "medications",     "therapy",         "therapist",     "mental health",
          "mental illness", "chronic illness", "rehab",           "dyslexia",      "hospitalized",
          "hospitalised"};
}

std::string replacement_for(Kind kind, std::string_view value) {
  std::string out;
  append_replacement(out, kind, value);
  return out;
}

Detector::Detector(std::vector<std::string> health_terms)
    : m_health_terms(std::move(health_terms)),
      m_passport_cues(detail::passport_cues()),
      m_birth_cues(detail::birth_cues()) {
  m_any_term_or_cue.merge(m_health_terms.filter());
  m_any_term_or_cue.merge(m_passport_cues.filter());
  m_any_term_or_cue.merge(m_birth_cues.filter());
}

std::size_t Detector::scan_word(std::string_view text, std::size_t pos, std::size_t word_end,
                                std::vector<Finding>& out) const {
  if (m_any_term_or_cue.may_match(std::string_view(text.data() + pos, word_end - pos))) {
    if (const auto end = m_health_terms.match_at(text, pos)) out.push_back(Finding{Kind::health, pos, *end});
    if (const auto cue_end = m_passport_cues.match_at(text, pos)) {
      detail::find_passport_numbers_after(text, *cue_end, out);
    }
    if (const auto cue_end = m_birth_cues.match_at(text, pos)) detail::find_dates_of_birth_after(text, *cue_end, out);
  }
  // An IBAN's first word has at least four bytes, letters then digits: checked inline, it is cheap.
  const bool iban_shaped = word_end - pos >= 4 && detail::is_ascii_letter(text[pos]) && detail::is_digit(text[pos + 2]);
  const std::size_t iban_end = iban_shaped ? detail::match_iban(text, pos) : k_no_match;
  if (iban_end == k_no_match) return word_end;
  out.push_back(Finding{Kind::iban, pos, iban_end});
  return iban_end;
}

void Detector::scan(std::string_view text, std::vector<Finding>& out, bool first_only) const {
  detail::find_emails(text, out);
  std::size_t pos = 0;
  while (pos < text.size() && !(first_only && !out.empty())) {
    const char c = text[pos];
    if (c == '[') {
      pos = std::max(pos + 1, marker_end(text, pos));
      continue;
    }
    if (!detail::is_word_byte(c)) {  // a phone may start with "+" or "(" before its digits
      const bool may_start_phone = (c == '+' || c == '(') && detail::number_starts_at(text, pos);
      const std::size_t end = may_start_phone ? detail::match_phone(text, pos) : k_no_match;
      if (end != k_no_match) out.push_back(Finding{Kind::phone, pos, end});
      pos = end != k_no_match ? end : pos + 1;
      continue;
    }
    // Here a word starts: the walk resumes where the word, or a number or IBAN found here, ends.
    std::size_t next = scan_word(text, pos, detail::word_run_end(text, pos), out);
    if (detail::is_digit(c) && detail::number_starts_at(text, pos)) next = std::max(next, scan_number(text, pos, out));
    pos = next;
  }
}

std::vector<Finding> Detector::find(std::string_view text) const {
  std::vector<Finding> findings;
  scan(text, findings, false);
  resolve_overlaps(findings);
  return findings;
}

std::string Detector::mask(std::string_view text) const {
  const std::vector<Finding> findings = find(text);
  if (findings.empty()) return std::string(text);
  std::string masked;
  masked.reserve(text.size() + 16 * findings.size());
  std::size_t copied = 0;
  for (const Finding& finding : findings) {
    masked.append(text.substr(copied, finding.begin - copied));
    append_replacement(masked, finding.kind, text.substr(finding.begin, finding.end - finding.begin));
    copied = finding.end;
  }
  masked.append(text.substr(copied));
  return masked;
}

bool Detector::has_pii(std::string_view text) const {
  std::vector<Finding> findings;  // allocates only once something is found
  scan(text, findings, true);
  return !findings.empty();
}

}  // namespace snag::pii
