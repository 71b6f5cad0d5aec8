#pragma once
// The Store port over SQL, for both backends: a group-commit writer for writes and a pool of
// reader connections for reads. sqlite/ and postgresql/ open one with their connections.

#include <cstddef>
#include <memory>

#include <snag/app/ports/store.hpp>
#include <snag/storage/sql/group_commit_writer.hpp>
#include <snag/storage/sql/reader_pool.hpp>

namespace snag::sql {

// Thread-safe, as the port requires.
template <class Connection>
class SqlStore final : public Store {
 public:
  // REQUIRES: `writer` is migrated and `head` is the end of its journal.
  SqlStore(std::unique_ptr<Connection> writer, JournalHead head, BatchSteps<Connection> steps,
           typename ReaderPool<Connection>::Open open_reader, std::size_t max_readers)
      : m_readers(std::move(open_reader), max_readers),
        m_writer(std::move(writer), std::move(head), std::move(steps)) {}

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
  // Runs `read` with a pooled reader connection.
  template <class Read>
  auto with_reader(Read&& read) -> decltype(read(std::declval<Connection&>()));

  // Declared before the writer so that the writer (and its final commits) goes first.
  ReaderPool<Connection> m_readers;
  GroupCommitWriter<Connection> m_writer;
};

}  // namespace snag::sql
