#pragma once
// A real SMTP server for tests: Debian's python3-aiosmtpd on a free loopback port, storing what
// it receives in a maildir that the test reads back.

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace snag::testing {

inline unsigned short free_port() {
  const int socket_fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(socket_fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t length = sizeof address;
  ::getsockname(socket_fd, reinterpret_cast<sockaddr*>(&address), &length);
  ::close(socket_fd);
  return ntohs(address.sin_port);
}

inline bool accepts(unsigned short port) {
  const int socket_fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const bool connected = ::connect(socket_fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  ::close(socket_fd);
  return connected;
}

// aiosmtpd on a free loopback port, storing what it receives in a maildir; stopped with the test.
class SmtpSink {
 public:
  SmtpSink() : m_dir(std::filesystem::temp_directory_path() / ("snag-smtp-" + std::to_string(::getpid()))) {
    std::filesystem::remove_all(m_dir);
    std::filesystem::create_directories(m_dir);  // the Mailbox handler makes only the maildir
    m_port = free_port();
    const std::string listen = "127.0.0.1:" + std::to_string(m_port);
    const std::string maildir = (m_dir / "mail").string();
    std::vector<std::string> args{"/usr/bin/python3",          "-m",   "aiosmtpd", "-n", "-l", listen, "-c",
                                  "aiosmtpd.handlers.Mailbox", maildir};
    std::vector<char*> argv;
    for (auto& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    if (::posix_spawn(&m_pid, argv[0], nullptr, nullptr, argv.data(), environ) != 0) m_pid = -1;
    for (int attempt = 0; attempt < 200 && m_pid > 0 && !accepts(m_port); ++attempt) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
  ~SmtpSink() {
    if (m_pid > 0) {
      ::kill(m_pid, SIGTERM);
      ::waitpid(m_pid, nullptr, 0);
    }
    std::filesystem::remove_all(m_dir);
  }
  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(m_port); }
  bool running() const { return m_pid > 0 && accepts(m_port); }

  // Every message received, as raw text.
  std::vector<std::string> messages() const {
    std::vector<std::string> found;
    const auto fresh = m_dir / "mail" / "new";
    if (!std::filesystem::exists(fresh)) return found;
    for (const auto& entry : std::filesystem::directory_iterator(fresh)) {
      std::ifstream file(entry.path());
      std::stringstream text;
      text << file.rdbuf();
      found.push_back(text.str());
    }
    return found;
  }

 private:
  std::filesystem::path m_dir;
  unsigned short m_port = 0;
  pid_t m_pid = -1;
};

}  // namespace snag::testing
