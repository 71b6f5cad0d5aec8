#pragma once
// Makes a database's WAL durable from outside SQLite: an fdatasync of the WAL file, for the
// commit syncer (sql/commit_syncer.hpp) while the writer connection commits with
// synchronous=NORMAL. fdatasync flushes the file, not a descriptor, so its own descriptor
// covers the frames the writer wrote through SQLite's; it is opened on first use, as the WAL
// exists once anything was committed, and again if the WAL was replaced (a different file at
// that name: SQLite deletes the WAL when its last connection to the database closes).

#include <string>

#include <snag/util/error.hpp>

namespace snag::sqlite {

// Not thread-safe: one syncer calls it.
class WalSync {
 public:
  explicit WalSync(const std::string& database_path);
  WalSync(const WalSync&) = delete;
  WalSync& operator=(const WalSync&) = delete;
  ~WalSync();

  Result<void> operator()();

 private:
  Result<void> open_wal();

  std::string m_wal_path;
  int m_fd = -1;
};

}  // namespace snag::sqlite
