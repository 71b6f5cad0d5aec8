#include <cerrno>
#include <cstring>
#include <filesystem>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <snag/storage/sqlite/wal_sync.hpp>

namespace snag::sqlite {

namespace {

Result<void> io_failure(const char* step) {
  return fail(ErrorCode::unavailable,
              std::string("the WAL could not be synced: ") + step + ": " + std::strerror(errno));
}

bool same_file(int fd, const std::string& path) {
  struct stat opened {};
  struct stat named {};
  return ::fstat(fd, &opened) == 0 && ::stat(path.c_str(), &named) == 0 && opened.st_dev == named.st_dev &&
         opened.st_ino == named.st_ino;
}

}  // namespace

WalSync::WalSync(const std::string& database_path) : m_wal_path(database_path + "-wal") {}

WalSync::~WalSync() {
  if (m_fd >= 0) ::close(m_fd);
}

Result<void> WalSync::operator()() {
  if (m_fd < 0 || !same_file(m_fd, m_wal_path)) {
    if (auto opened = open_wal(); !opened) return opened;
  }
  if (::fdatasync(m_fd) != 0) return io_failure("fdatasync");
  return {};
}

Result<void> WalSync::open_wal() {
  if (m_fd >= 0) ::close(m_fd);
  m_fd = ::open(m_wal_path.c_str(), O_RDONLY | O_CLOEXEC);
  if (m_fd < 0) return io_failure("open");
  // A new WAL's name must survive a crash too, as SQLite's own first sync of it makes sure.
  const auto directory = std::filesystem::path(m_wal_path).parent_path();
  const int directory_fd = ::open(directory.empty() ? "." : directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (directory_fd < 0) return io_failure("open the directory");
  const int synced = ::fsync(directory_fd);
  ::close(directory_fd);
  if (synced != 0) return io_failure("fsync the directory");
  return {};
}

}  // namespace snag::sqlite
