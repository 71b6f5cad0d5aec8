#include <snag/integrations/sync/link_header.hpp>
#include <snag/util/text.hpp>

namespace snag::sync {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t'; }

std::string lowered(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  return out;
}

// Reads the header left to right; `at` is the position of the next unread character.
class Reader {
 public:
  explicit Reader(std::string_view text) : m_text(text) {}

  bool done() const { return m_at >= m_text.size(); }
  void skip_spaces() {
    while (!done() && is_space(m_text[m_at])) ++m_at;
  }
  bool take(char c) {
    skip_spaces();
    if (done() || m_text[m_at] != c) return false;
    ++m_at;
    return true;
  }
  // Up to (not including) the next `stop` character outside quotes.
  std::string_view until_any(std::string_view stops) {
    const std::size_t start = m_at;
    bool quoted = false;
    while (!done()) {
      const char c = m_text[m_at];
      if (quoted && c == '\\' && m_at + 1 < m_text.size()) {
        m_at += 2;
        continue;
      }
      if (c == '"') quoted = !quoted;
      if (!quoted && stops.find(c) != std::string_view::npos) break;
      ++m_at;
    }
    return m_text.substr(start, m_at - start);
  }
  // Skips to just past the next comma outside quotes and <…>: the start of the next link.
  void skip_link() {
    bool quoted = false;
    bool bracketed = false;
    while (!done()) {
      const char c = m_text[m_at++];
      if (c == '"' && !bracketed) quoted = !quoted;
      if (c == '<' && !quoted) bracketed = true;
      if (c == '>' && !quoted) bracketed = false;
      if (c == ',' && !quoted && !bracketed) return;
    }
  }
  std::string_view rest_until(char c) {
    const std::size_t start = m_at;
    while (!done() && m_text[m_at] != c) ++m_at;
    return m_text.substr(start, m_at - start);
  }

 private:
  std::string_view m_text;
  std::size_t m_at = 0;
};

std::string unquoted(std::string_view value) {
  value = trim_blanks(value);
  if (value.size() < 2 || value.front() != '"' || value.back() != '"') return std::string(value);
  std::string out;
  for (std::size_t i = 1; i + 1 < value.size(); ++i) {
    if (value[i] == '\\' && i + 2 < value.size()) ++i;
    out += value[i];
  }
  return out;
}

std::vector<std::string> relation_types(std::string_view value) {
  std::vector<std::string> rels;
  const std::string text = lowered(unquoted(value));
  std::size_t start = 0;
  while (start < text.size()) {
    const auto end = text.find_first_of(" \t", start);
    const auto word = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (!word.empty()) rels.push_back(word);
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return rels;
}

}  // namespace

std::vector<LinkValue> parse_link_header(std::string_view header) {
  std::vector<LinkValue> links;
  Reader reader(header);
  while (!reader.done()) {
    if (reader.take(',')) continue;  // empty list elements are allowed
    if (!reader.take('<')) {
      reader.skip_link();
      continue;
    }
    LinkValue link;
    link.target = std::string(trim_blanks(reader.rest_until('>')));
    if (!reader.take('>')) break;  // an unterminated target ends the header
    bool has_rel = false;
    while (reader.take(';')) {
      const std::string name = lowered(trim_blanks(reader.until_any("=;,")));
      std::string_view value;
      if (reader.take('=')) value = reader.until_any(";,");
      // RFC 8288 §3: only the first rel counts.
      if (name == "rel" && !has_rel) {
        link.rels = relation_types(value);
        has_rel = true;
      }
    }
    reader.skip_link();
    if (!link.target.empty()) links.push_back(std::move(link));
  }
  return links;
}

std::optional<std::string> next_link(std::string_view header) {
  for (auto& link : parse_link_header(header)) {
    for (const auto& rel : link.rels) {
      if (rel == "next") return std::move(link.target);
    }
  }
  return std::nullopt;
}

}  // namespace snag::sync
