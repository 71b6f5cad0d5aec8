#include <snag/storage/sqlite/migrations.hpp>
#include <snag/storage/sqlite/read_queries.hpp>
#include <snag/storage/sqlite/sqlite_store.hpp>

namespace snag::sqlite {

Result<std::unique_ptr<SqliteStore>> SqliteStore::open(const std::string& path) {
  auto writer = Connection::open(path, OpenMode::read_write_create);
  if (!writer) return tl::unexpected(writer.error());
  if (auto migrated = apply_migrations(**writer); !migrated) return tl::unexpected(migrated.error());
  auto head = load_journal_head(**writer);
  if (!head) return tl::unexpected(head.error());
  return std::unique_ptr<SqliteStore>(new SqliteStore(std::move(*writer), std::move(*head), path));
}

template <class Read>
auto SqliteStore::with_reader(Read&& read) -> decltype(read(std::declval<Connection&>())) {
  auto lease = m_readers.acquire();
  if (!lease) return tl::unexpected(lease.error());
  return read(**lease);
}

Result<void> SqliteStore::write(WriteWork work) { return m_writer.submit(std::move(work)); }

Result<std::optional<Ticket>> SqliteStore::find_ticket(TicketId id) {
  return with_reader([&](Connection& connection) { return select_ticket(connection, id); });
}

Result<TicketPage> SqliteStore::list_tickets(const TicketQuery& query) {
  return with_reader([&](Connection& connection) { return select_ticket_page(connection, query); });
}

Result<std::vector<JournalEntry>> SqliteStore::ticket_journal(TicketId id) {
  return with_reader([&](Connection& connection) { return select_ticket_journal(connection, id); });
}

Result<std::optional<Candidate>> SqliteStore::find_candidate(const CandidateRef& ref) {
  return with_reader([&](Connection& connection) { return select_candidate(connection, ref); });
}

Result<std::optional<ApiKeyRecord>> SqliteStore::find_api_key(std::string_view secret_hash) {
  return with_reader([&](Connection& connection) { return select_api_key(connection, secret_hash); });
}

Result<void> SqliteStore::scan_journal(const std::function<bool(const JournalEntry&)>& visit) {
  return with_reader([&](Connection& connection) { return scan_journal_rows(connection, visit); });
}

Result<void> SqliteStore::ping() {
  return with_reader([](Connection& connection) -> Result<void> {
    auto statement = connection.prepare("SELECT 1");
    auto row = statement.step();
    if (!row) return tl::unexpected(row.error());
    return {};
  });
}

CommitStats SqliteStore::commit_stats() const { return m_writer.stats(); }

}  // namespace snag::sqlite
