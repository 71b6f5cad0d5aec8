#pragma once
// The access log: who viewed, changed or exported which record, when, from where and with which
// credential. Append-only and hash-chained like the journal (journal.hpp), so that a deleted or
// edited entry is detected:
//
//   hash = SHA-256(prev_hash ":" SHA-256(canonical encoding of the entry's content))

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <snag/domain/candidate.hpp>
#include <snag/domain/ids.hpp>
#include <snag/util/time.hpp>

namespace snag {

enum class AccessAction { view, edit, export_ };

std::string_view to_string(AccessAction action);
std::optional<AccessAction> parse_access_action(std::string_view text);

struct AccessEntry {
  std::int64_t seq = 0;  // 1-based position in the chain
  Timestamp at;
  std::string actor;
  std::string credential;  // "key:7", "session:3", "client:ats-sync"
  AccessAction action = AccessAction::view;
  std::string object;  // what was accessed: "ticket:SNAG-42", "candidate:greenhouse:53883394", "export:tickets"
  std::optional<TicketId> ticket;
  std::optional<CandidateRef> candidate;
  std::string address;  // the client's address
  std::string prev_hash;
  std::string hash;
};

// Fills prev_hash and hash of an entry whose seq and content are set.
void seal_access_entry(AccessEntry& entry, std::string_view prev_hash);
// True when the entry's hash is that of its content and prev_hash.
bool access_entry_intact(const AccessEntry& entry);

}  // namespace snag
