#include <algorithm>

#include <snag/domain/pii/scan.hpp>
#include <snag/domain/pii/term_dictionary.hpp>

namespace snag::pii {

namespace {

// Lowercase, trimmed, inner whitespace runs collapsed to one space: the form match_phrase expects.
std::string normalised(std::string_view term) {
  std::string out;
  out.reserve(term.size());
  for (char c : term) {
    if (detail::is_space(c)) {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
    } else {
      out.push_back(detail::to_lower(c));
    }
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::size_t byte_index(char c) { return static_cast<unsigned char>(c); }

}  // namespace

void FirstWordFilter::add_term(std::string_view term) {
  const std::size_t bit = slot(term.substr(0, detail::word_run_end(term, 0)));
  m_bits[bit / 64] |= std::uint64_t{1} << (bit % 64);
}

void FirstWordFilter::merge(const FirstWordFilter& other) {
  for (std::size_t i = 0; i < m_bits.size(); ++i) m_bits[i] |= other.m_bits[i];
}

TermDictionary::TermDictionary(std::vector<std::string> terms) {
  for (const std::string& term : terms) {
    std::string clean = normalised(term);
    if (!clean.empty() && detail::is_word_byte(clean.front())) m_terms.push_back(std::move(clean));
  }
  std::sort(m_terms.begin(), m_terms.end(), [](const std::string& a, const std::string& b) {
    if (a.front() != b.front()) return byte_index(a.front()) < byte_index(b.front());
    if (a.size() != b.size()) return a.size() > b.size();
    return a < b;
  });
  m_terms.erase(std::unique(m_terms.begin(), m_terms.end()), m_terms.end());

  std::size_t term = 0;
  for (std::size_t byte = 0; byte <= 256; ++byte) {
    while (term < m_terms.size() && byte_index(m_terms[term].front()) < byte) ++term;
    m_first_byte_begin[byte] = static_cast<std::uint32_t>(term);
  }
  for (const std::string& t : m_terms) {
    m_filter.add_term(t);
    m_longest = std::max(m_longest, t.size());
  }
}

std::optional<std::size_t> TermDictionary::match_at(std::string_view text, std::size_t pos) const {
  if (pos >= text.size() || !detail::is_word_byte(text[pos])) return std::nullopt;
  if (!m_filter.may_match(text.substr(pos, detail::word_run_end(text, pos) - pos))) return std::nullopt;
  const std::size_t first = byte_index(detail::to_lower(text[pos]));
  for (std::size_t term = m_first_byte_begin[first]; term < m_first_byte_begin[first + 1]; ++term) {
    const std::size_t end = detail::match_phrase(text, pos, m_terms[term]);
    if (end != detail::k_no_match) return end;
  }
  return std::nullopt;
}

bool TermDictionary::ends_shortly_before(std::string_view text, std::size_t pos, std::size_t window) const {
  const std::size_t lookback = window + m_longest + 8;  // + 8: a phrase's spaces may be longer runs
  for (std::size_t start = pos > lookback ? pos - lookback : 0; start < pos; ++start) {
    if (!detail::is_word_byte(text[start]) || !detail::word_starts_at(text, start)) continue;
    const std::optional<std::size_t> end = match_at(text, start);
    if (end && *end <= pos && pos - *end <= window) return true;
  }
  return false;
}

}  // namespace snag::pii
