#include <snag/domain/journal.hpp>

#include <snag/domain/compliance/redaction.hpp>
#include <snag/util/crypto.hpp>

namespace snag {

namespace {
// Length-prefixed fields make the encoding unambiguous whatever the values contain.
void append_field(std::string& out, std::string_view value) {
  out += std::to_string(value.size());
  out += ':';
  out += value;
  out += ';';
}
}  // namespace

std::string journal_content_digest(const JournalEntry& entry) {
  std::string canonical;
  canonical.reserve(256);
  append_field(canonical, "snag-journal-v1");
  append_field(canonical, std::to_string(entry.seq));
  append_field(canonical, std::to_string(entry.ticket.value));
  append_field(canonical, std::to_string(entry.event));
  append_field(canonical, std::to_string(to_epoch_ms(entry.at)));
  append_field(canonical, entry.actor);
  append_field(canonical, entry.action);
  append_field(canonical, entry.field);
  append_field(canonical, entry.old_value.dump());
  append_field(canonical, entry.new_value.dump());
  return sha256_hex(canonical);
}

std::string journal_chain_hash(std::string_view prev_hash, std::string_view content_digest) {
  std::string input;
  input.reserve(prev_hash.size() + 1 + content_digest.size());
  input += prev_hash;
  input += ':';
  input += content_digest;
  return sha256_hex(input);
}

void seal_journal_entry(JournalEntry& entry, std::string_view prev_hash) {
  entry.content_digest = journal_content_digest(entry);
  entry.prev_hash = std::string(prev_hash);
  entry.hash = journal_chain_hash(prev_hash, entry.content_digest);
}

bool ChainVerifier::add(const JournalEntry& entry) {
  if (!m_verdict.ok) return false;
  const auto broken = [&](std::string reason) {
    m_verdict.ok = false;
    m_verdict.broken_seq = entry.seq;
    m_verdict.reason = std::move(reason);
    return false;
  };
  if (entry.seq != m_last_seq + 1) {
    return broken("expected entry " + std::to_string(m_last_seq + 1) + " next, found entry " +
                  std::to_string(entry.seq) + " (entries were deleted or reordered)");
  }
  if (entry.prev_hash != m_last_hash) return broken("its previous-hash does not match the entry before it");
  if (entry.redacted) {
    if (!holds_only_redacted_values(entry)) return broken("it is marked redacted but holds personal values");
    ++m_verdict.redacted;
  } else if (journal_content_digest(entry) != entry.content_digest) {
    return broken("its content does not match its digest");
  }
  if (journal_chain_hash(entry.prev_hash, entry.content_digest) != entry.hash) return broken("its hash is wrong");
  m_last_hash = entry.hash;
  m_last_seq = entry.seq;
  ++m_verdict.checked;
  return true;
}

std::vector<HistoryItem> group_history(const std::vector<JournalEntry>& entries) {
  std::vector<HistoryItem> items;
  std::int64_t current_event = -1;
  for (const auto& entry : entries) {
    if (items.empty() || entry.event != current_event) {
      items.push_back(HistoryItem{entry.at, entry.actor, entry.action, {}});
      current_event = entry.event;
    }
    for (auto& change : expand_snapshot(FieldChange{entry.field, entry.old_value, entry.new_value})) {
      items.back().changes.push_back(std::move(change));
    }
  }
  return items;
}

}  // namespace snag
