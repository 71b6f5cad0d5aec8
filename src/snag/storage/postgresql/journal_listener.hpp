#pragma once
// Hears the commits of every node on one PostgreSQL database: a connection that LISTENs on
// the journal channel, which each write batch NOTIFYs before it commits.

#include <atomic>
#include <memory>
#include <string>
#include <string_view>
#include <thread>

#include <snag/storage/sql/commit_listeners.hpp>

namespace snag::postgresql {

inline constexpr std::string_view k_journal_channel = "snag_journal";

// Runs one thread until destroyed. After a lost connection it reconnects and tells the
// listeners once, since commits may have gone unheard in between.
class JournalListener final : public sql::OtherWriters {
 public:
  JournalListener(std::string url, std::shared_ptr<sql::CommitListeners> listeners);
  ~JournalListener() override;
  JournalListener(const JournalListener&) = delete;
  JournalListener& operator=(const JournalListener&) = delete;

 private:
  void run();

  const std::string m_url;
  const std::shared_ptr<sql::CommitListeners> m_listeners;
  std::atomic<bool> m_stopping{false};
  std::thread m_thread;  // last: starts once everything above is initialised
};

}  // namespace snag::postgresql
