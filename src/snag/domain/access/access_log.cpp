#include <snag/domain/access/access_log.hpp>

#include <nlohmann/json.hpp>

#include <snag/domain/journal.hpp>
#include <snag/util/crypto.hpp>

namespace snag {

namespace {

std::string content_digest(const AccessEntry& entry) {
  // A JSON array: unambiguous however the strings are spelled.
  const nlohmann::json content{entry.seq,
                               to_epoch_ms(entry.at),
                               entry.actor,
                               entry.credential,
                               to_string(entry.action),
                               entry.object,
                               entry.ticket ? nlohmann::json(entry.ticket->value) : nlohmann::json(nullptr),
                               entry.candidate ? nlohmann::json(to_string(*entry.candidate)) : nlohmann::json(nullptr),
                               entry.address};
  return sha256_hex(content.dump());
}

}  // namespace

std::string_view to_string(AccessAction action) {
  switch (action) {
    case AccessAction::view: return "view";
    case AccessAction::edit: return "edit";
    case AccessAction::export_: return "export";
  }
  return "view";
}

std::optional<AccessAction> parse_access_action(std::string_view text) {
  for (const auto action : {AccessAction::view, AccessAction::edit, AccessAction::export_}) {
    if (text == to_string(action)) return action;
  }
  return std::nullopt;
}

void seal_access_entry(AccessEntry& entry, std::string_view prev_hash) {
  entry.prev_hash = std::string(prev_hash);
  entry.hash = journal_chain_hash(prev_hash, content_digest(entry));
}

bool access_entry_intact(const AccessEntry& entry) {
  return entry.hash == journal_chain_hash(entry.prev_hash, content_digest(entry));
}

}  // namespace snag
