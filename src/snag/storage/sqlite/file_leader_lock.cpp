#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <snag/storage/sqlite/file_leader_lock.hpp>

namespace snag::sqlite {

namespace {

class FileLeaderLock final : public LeaderLock {
 public:
  explicit FileLeaderLock(std::string path) : m_path(std::move(path)) {}
  ~FileLeaderLock() override {
    if (m_fd >= 0) ::close(m_fd);  // closing releases the lock
  }
  FileLeaderLock(const FileLeaderLock&) = delete;
  FileLeaderLock& operator=(const FileLeaderLock&) = delete;

  bool hold() override {
    if (m_held) return true;
    if (m_fd < 0) m_fd = ::open(m_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (m_fd < 0) return false;
    m_held = ::flock(m_fd, LOCK_EX | LOCK_NB) == 0;
    return m_held;
  }

 private:
  const std::string m_path;
  int m_fd = -1;
  bool m_held = false;
};

}  // namespace

std::unique_ptr<LeaderLock> file_leader_lock(const std::string& database_path, const std::string& name) {
  return std::make_unique<FileLeaderLock>(database_path + "." + name + ".lock");
}

}  // namespace snag::sqlite
