#include <snag/app/access/access_log_reader.hpp>

#include <snag/domain/journal.hpp>
#include <snag/util/csv.hpp>

namespace snag {

std::string access_log_csv_header() {
  return "seq,at,actor,credential,action,object,ticket,candidate,address,hash\r\n";
}

std::string access_log_csv_row(const AccessEntry& entry) {
  std::string row = std::to_string(entry.seq);
  const auto field = [&row](std::string_view text) {
    row += ',';
    append_csv_field(row, text);
  };
  field(format_rfc3339(entry.at));
  field(entry.actor);
  field(entry.credential);
  field(to_string(entry.action));
  field(entry.object);
  field(entry.ticket ? ticket_key(*entry.ticket) : std::string());
  field(entry.candidate ? to_string(*entry.candidate) : std::string());
  field(entry.address);
  field(entry.hash);
  row += "\r\n";
  return row;
}

Result<AccessChainVerdict> verify_access_log(Store& store) {
  AccessChainVerdict verdict;
  std::string previous_hash{k_genesis_hash};
  std::int64_t previous_seq = 0;
  auto scanned = store.scan_access_log([&](const AccessEntry& entry) {
    const auto broken = [&](std::string reason) {
      verdict.ok = false;
      verdict.broken_seq = entry.seq;
      verdict.reason = std::move(reason);
      return false;
    };
    if (entry.seq != previous_seq + 1) return broken("a gap before it: entries are missing");
    if (entry.prev_hash != previous_hash) return broken("it does not link to the entry before it");
    if (!access_entry_intact(entry)) return broken("its content does not match its hash");
    previous_hash = entry.hash;
    previous_seq = entry.seq;
    ++verdict.checked;
    return true;
  });
  if (!scanned) return tl::unexpected(std::move(scanned.error()));
  return verdict;
}

Result<AccessLogPage> read_access_log(Store& store, const AccessGuard& access, const Actor& actor,
                                      const AccessLogQuery& query) {
  if (auto allowed = access.require(actor, permission::access_log_read); !allowed) {
    return tl::unexpected(std::move(allowed.error()));
  }
  return store.access_log_page(query);
}

}  // namespace snag
