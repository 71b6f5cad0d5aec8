#pragma once
// The audit journal: every change to a ticket becomes entries (one per field) written in the
// same transaction as the change.
//
// The entries form one hash chain over the whole database, in `seq` order:
//
//   content_digest = SHA-256(canonical encoding of seq, ticket, event, at, actor, action, field, old, new)
//   hash           = SHA-256(prev_hash ":" content_digest)       prev_hash of entry 1 = 64 zeros
//
// Chaining the digest rather than the content itself is deliberate: a later erasure may replace
// an entry's personal data with a redaction marker and keep its digest, and the chain still
// verifies. Editing any stored value, deleting or reordering entries breaks the chain at the
// first entry touched, which ChainVerifier reports. A redacted entry (domain/compliance/
// redaction.hpp) is checked on its stored digest, and must hold nothing but redaction markers
// where personal data was: marking an entry redacted cannot hide an edit of what stays.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include <snag/domain/ids.hpp>
#include <snag/domain/ticket_changes.hpp>
#include <snag/util/time.hpp>

namespace snag {

// A constant, not a std::string: background threads may still read it while a process exits,
// after static std::strings have been destroyed.
inline constexpr std::string_view k_genesis_hash = "0000000000000000000000000000000000000000000000000000000000000000";

struct JournalEntry {
  std::int64_t seq = 0;  // 1-based position in the chain
  TicketId ticket;
  std::int64_t event = 0;  // the entries of one change share an event number
  Timestamp at;
  std::string actor;
  std::string action;  // create, update, transition, comment
  std::string field;
  nlohmann::json old_value;
  nlohmann::json new_value;
  std::string content_digest;
  std::string prev_hash;
  std::string hash;
  bool redacted = false;  // its personal values were erased after it was sealed
};

std::string journal_content_digest(const JournalEntry& entry);
std::string journal_chain_hash(std::string_view prev_hash, std::string_view content_digest);

// Fills content_digest, prev_hash and hash of an entry whose seq and content are set.
void seal_journal_entry(JournalEntry& entry, std::string_view prev_hash);

struct ChainVerdict {
  bool ok = true;
  std::int64_t checked = 0;
  std::int64_t redacted = 0;  // of those checked
  std::optional<std::int64_t> broken_seq;
  std::string reason;
};

// Feed entries in seq order; stops accepting at the first broken one.
class ChainVerifier {
 public:
  // Returns false once the chain is broken.
  bool add(const JournalEntry& entry);
  const ChainVerdict& verdict() const { return m_verdict; }

 private:
  ChainVerdict m_verdict;
  std::string m_last_hash{k_genesis_hash};
  std::int64_t m_last_seq = 0;
};

// One item of a ticket's history: the entries of one event.
struct HistoryItem {
  Timestamp at;
  std::string actor;
  std::string action;
  std::vector<FieldChange> changes;
};

// REQUIRES: entries in seq order.
std::vector<HistoryItem> group_history(const std::vector<JournalEntry>& entries);

}  // namespace snag
