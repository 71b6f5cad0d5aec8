#include <optional>

#include <snag/domain/compliance/mentions.hpp>
#include <snag/domain/compliance/redaction.hpp>

namespace snag {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// A byte of a word: ASCII letters, digits and '_', and every byte of a multi-byte UTF-8 letter.
bool is_word_byte(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return byte >= 0x80 || (byte >= '0' && byte <= '9') || (byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z') ||
         c == '_';
}

// What joins two words into one name or address: "Mary-Ann", "x.ada@example.com".
bool is_joiner(char c) { return c == '.' || c == '-' || c == '+' || c == '@'; }

// Whether a mention may start at `at`: not inside a word, nor right after a joiner.
bool starts_word(std::string_view text, std::size_t at) {
  return at == 0 || !(is_word_byte(text[at - 1]) || is_joiner(text[at - 1]));
}

// Whether a mention may end at `at`: not inside a word, nor at a joiner that a word follows
// ("ada@example.com.au"); a full stop that ends a sentence is no joiner.
bool ends_word(std::string_view text, std::size_t at) {
  if (at == text.size()) return true;
  if (is_word_byte(text[at])) return false;
  return !(is_joiner(text[at]) && at + 1 < text.size() && is_word_byte(text[at + 1]));
}

char fold(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::vector<std::string_view> words_of(std::string_view text) {
  std::vector<std::string_view> words;
  std::size_t at = 0;
  while (at < text.size()) {
    while (at < text.size() && is_space(text[at])) ++at;
    const std::size_t start = at;
    while (at < text.size() && !is_space(text[at])) ++at;
    if (at > start) words.push_back(text.substr(start, at - start));
  }
  return words;
}

// Where a match of `words` that starts at `start` ends, if one does.
std::optional<std::size_t> match_end(std::string_view text, std::size_t start,
                                     std::span<const std::string_view> words) {
  std::size_t at = start;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0) {
      const std::size_t gap = at;
      while (at < text.size() && is_space(text[at])) ++at;
      if (at == gap) return std::nullopt;
    }
    const std::string_view word = words[i];
    if (text.size() - at < word.size()) return std::nullopt;
    for (std::size_t k = 0; k < word.size(); ++k) {
      if (fold(text[at + k]) != fold(word[k])) return std::nullopt;
    }
    at += word.size();
  }
  if (!ends_word(text, at)) return std::nullopt;
  return at;
}

std::string redact_one(std::string_view text, std::string_view mention) {
  const auto words = words_of(mention);
  if (words.empty()) return std::string(text);
  std::string redacted;
  std::size_t copied = 0;
  for (std::size_t at = 0; at < text.size();) {
    const auto end = starts_word(text, at) ? match_end(text, at, words) : std::nullopt;
    if (!end) {
      ++at;
      continue;
    }
    redacted.append(text.substr(copied, at - copied)).append(k_redaction_marker);
    copied = at = *end;
  }
  redacted.append(text.substr(copied));
  return redacted;
}

bool redact_in_place(std::string& text, std::span<const std::string> mentions) {
  std::string redacted = redact_mentions(text, mentions);
  if (redacted == text) return false;
  text = std::move(redacted);
  return true;
}

}  // namespace

std::vector<std::string> personal_mentions(const CandidateProfile& profile) {
  std::vector<std::string> mentions;
  for (const auto& value : {profile.name, profile.email}) {
    if (value && !words_of(*value).empty() && *value != k_redaction_marker) mentions.push_back(*value);
  }
  return mentions;
}

std::string redact_mentions(std::string_view text, std::span<const std::string> mentions) {
  std::string redacted(text);
  for (const std::string& mention : mentions) redacted = redact_one(redacted, mention);
  return redacted;
}

bool redact_incident_mentions(Incident& incident, std::span<const std::string> mentions) {
  bool changed = redact_in_place(incident.title, mentions);
  for (IncidentUpdate& update : incident.updates) changed |= redact_in_place(update.message, mentions);
  if (!incident.postmortem) return changed;
  PostMortem& postmortem = *incident.postmortem;
  for (TimelineEntry& entry : postmortem.timeline) changed |= redact_in_place(entry.event, mentions);
  changed |= redact_in_place(postmortem.impact, mentions);
  changed |= redact_in_place(postmortem.root_cause, mentions);
  for (std::string& factor : postmortem.contributing_factors) changed |= redact_in_place(factor, mentions);
  for (ActionItem& item : postmortem.action_items) changed |= redact_in_place(item.title, mentions);
  return changed;
}

}  // namespace snag
