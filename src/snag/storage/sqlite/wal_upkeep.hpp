#pragma once
// What the writer does about the WAL after each commit (see ARCHITECTURE.md, "SQLite's WAL").
//
// A WalCheckpointer copies the WAL into the database file beside the writer, asked once per
// WalLimits::checkpoint_pages of growth. But SQLite writes the WAL from its start again only when a
// checkpoint has copied all of it before the writer's next transaction, which one running beside
// a steady stream of commits never has: under sustained load the WAL grew by about 170 MB/s
// without end (1.7 GB after ten seconds of creates), and with it the disk used. So once the WAL
// holds WalLimits::restart_pages, the writer copies the rest itself, between two batches, right after the
// checkpointer has finished a pass so that the rest is small; the next transaction then restarts
// the WAL. If readers hold it back, the writer tries again checkpoint_pages later.

#include <memory>

#include <snag/storage/sqlite/connection.hpp>
#include <snag/storage/sqlite/wal_checkpointer.hpp>

namespace snag::sqlite {

// In pages of 4 KiB.
struct WalLimits {
  // 32 MiB of WAL between checkpoints (SQLite's default is 1000 pages): an index page that many
  // commits touch is copied back once rather than once per thousand pages.
  int checkpoint_pages = 8000;
  // The WAL's size (256 MiB) from which the writer makes it restart.
  int restart_pages = 65536;
  // How much the checkpointer may have left uncopied for the writer to copy itself (16 MiB);
  // beyond restart_pages more, the writer copies whatever is left.
  int restart_tail_pages = 4000;
};

class WalUpkeep {
 public:
  WalUpkeep(std::unique_ptr<WalCheckpointer> checkpointer, WalLimits limits)
      : m_checkpointer(std::move(checkpointer)),
        m_limits(limits),
        m_ask_at(limits.checkpoint_pages),
        m_restart_at(limits.restart_pages) {}

  // Runs on the writer thread after each commit, once the commit's requests are answered.
  void after_commit(Connection& writer);

 private:
  std::unique_ptr<WalCheckpointer> m_checkpointer;
  WalLimits m_limits;
  int m_last_pages = 0;
  int m_ask_at;
  int m_restart_at;
};

}  // namespace snag::sqlite
