#pragma once
// The SQLite backend of the Store port: a group-commit writer for writes and a pool of reader
// connections for reads, all on one WAL-mode database file.

#include <memory>
#include <string>

#include <snag/app/ports/store.hpp>
#include <snag/storage/sqlite/group_commit_writer.hpp>
#include <snag/storage/sqlite/reader_pool.hpp>

namespace snag::sqlite {

// Thread-safe, as the port requires.
class SqliteStore final : public Store {
 public:
  // Opens (creating if missing) and migrates the database at `path`.
  static Result<std::unique_ptr<SqliteStore>> open(const std::string& path);

  Result<void> write(WriteWork work) override;
  Result<std::optional<Ticket>> find_ticket(TicketId id) override;
  Result<TicketPage> list_tickets(const TicketQuery& query) override;
  Result<std::vector<JournalEntry>> ticket_journal(TicketId id) override;
  Result<std::optional<Candidate>> find_candidate(const CandidateRef& ref) override;
  Result<std::optional<ApiKeyRecord>> find_api_key(std::string_view secret_hash) override;
  Result<void> scan_journal(const std::function<bool(const JournalEntry&)>& visit) override;
  Result<void> ping() override;
  CommitStats commit_stats() const override;

 private:
  SqliteStore(std::unique_ptr<Connection> writer, JournalHead head, const std::string& path)
      : m_readers(path), m_writer(std::move(writer), std::move(head)) {}

  // Runs `read` with a pooled reader connection.
  template <class Read>
  auto with_reader(Read&& read) -> decltype(read(std::declval<Connection&>()));

  // Declared before the writer so that the writer (and its final commits) goes first.
  ReaderPool m_readers;
  GroupCommitWriter m_writer;
};

}  // namespace snag::sqlite
