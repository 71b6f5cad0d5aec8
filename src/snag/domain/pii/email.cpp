// E-mail addresses: the common subset of RFC 5322 that people type. The local part is letters,
// digits, . + _ % - and an inner apostrophe (so "o'brien@x.com" is masked whole), with no leading,
// trailing or doubled dot; the domain is two or more labels of letters, digits and inner hyphens,
// the last one two or more letters. Quoted local parts and IP literals are left out: nobody
// writes them in a ticket.

#include <cstring>

#include <snag/domain/pii/recognizers.hpp>
#include <snag/domain/pii/scan.hpp>

namespace snag::pii::detail {

namespace {

bool is_local_part_byte(char c) {
  return is_ascii_alnum(c) || c == '.' || c == '+' || c == '_' || c == '%' || c == '-' || c == '\'';
}

// The start of the local part that ends at `at`, or k_no_match.
std::size_t local_part_begin(std::string_view text, std::size_t at) {
  std::size_t begin = at;
  while (begin > 0 && is_local_part_byte(text[begin - 1])) --begin;
  // Leading dots and quotes are prose: "...write to jane@x.org", "'jane@x.org'".
  while (begin < at && (text[begin] == '.' || text[begin] == '\'')) ++begin;
  if (begin == at || text[at - 1] == '.' || text[at - 1] == '\'') return k_no_match;
  if (begin > 0 && (is_word_byte(text[begin - 1]) || text[begin - 1] == '@')) return k_no_match;
  if (text.substr(begin, at - begin).find("..") != std::string_view::npos) return k_no_match;
  return begin;
}

// The end of the domain that starts at `pos`, or k_no_match. A trailing dot ends the sentence.
std::size_t domain_end(std::string_view text, std::size_t pos) {
  std::size_t labels = 0;
  std::size_t label = pos;
  bool last_label_all_letters = false;
  while (true) {
    std::size_t end = label;
    bool all_letters = true;
    while (end < text.size() && (is_ascii_alnum(text[end]) || text[end] == '-')) {
      all_letters = all_letters && is_ascii_letter(text[end]);
      ++end;
    }
    if (end == label || text[label] == '-' || text[end - 1] == '-') return k_no_match;
    ++labels;
    last_label_all_letters = all_letters && end - label >= 2;
    if (end + 1 < text.size() && text[end] == '.' && is_ascii_alnum(text[end + 1])) {
      label = end + 1;
      continue;
    }
    const bool ends_cleanly = word_ends_at(text, end) && (end >= text.size() || text[end] != '@');
    return labels >= 2 && last_label_all_letters && ends_cleanly ? end : k_no_match;
  }
}

}  // namespace

void find_emails(std::string_view text, Findings& out) {
  std::size_t from = 0;
  while (from < text.size()) {
    const void* found = std::memchr(text.data() + from, '@', text.size() - from);
    if (found == nullptr) return;
    const auto at = static_cast<std::size_t>(static_cast<const char*>(found) - text.data());
    const std::size_t begin = at == 0 ? k_no_match : local_part_begin(text, at);
    const std::size_t end = begin == k_no_match ? k_no_match : domain_end(text, at + 1);
    if (end != k_no_match) {
      out.push_back(Finding{Kind::email, begin, end});
      from = end;
    } else {
      from = at + 1;
    }
  }
}

}  // namespace snag::pii::detail
