#include <snag/storage/postgresql/advisory_leader_lock.hpp>
#include <snag/storage/postgresql/advisory_locks.hpp>
#include <snag/storage/postgresql/connection.hpp>

namespace snag::postgresql {

namespace {

// Distinct names get distinct keys next to the others in advisory_locks.hpp.
std::int64_t leader_key(const std::string& name) {
  std::uint32_t hash = 2166136261u;  // FNV-1a: stable across builds and nodes
  for (const unsigned char c : name) hash = (hash ^ c) * 16777619u;
  return k_leader_lock_base + static_cast<std::int64_t>(hash % 0x10000000u);
}

class AdvisoryLeaderLock final : public LeaderLock {
 public:
  AdvisoryLeaderLock(std::string url, const std::string& name) : m_url(std::move(url)), m_key(leader_key(name)) {}

  bool hold() override {
    if (m_held && still_connected()) return true;
    m_held = false;
    if (!m_connection || m_connection->broken()) {
      auto opened = Connection::open(m_url);
      if (!opened) return false;
      m_connection = std::move(*opened);
    }
    auto statement = m_connection->prepare("SELECT pg_try_advisory_lock(?)");
    statement.bind(1, m_key);
    auto row = statement.step();
    m_held = row && *row && statement.int64(0) == 1;
    return m_held;
  }

 private:
  // A session that died took the lock with it; asking the server is the only way to know.
  bool still_connected() {
    auto statement = m_connection->prepare("SELECT 1");
    auto row = statement.step();
    return row && *row;
  }

  const std::string m_url;
  const std::int64_t m_key;
  std::unique_ptr<Connection> m_connection;
  bool m_held = false;
};

}  // namespace

std::unique_ptr<LeaderLock> advisory_leader_lock(const std::string& url, const std::string& name) {
  return std::make_unique<AdvisoryLeaderLock>(url, name);
}

}  // namespace snag::postgresql
