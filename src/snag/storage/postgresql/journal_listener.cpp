#include <libpq-fe.h>
#include <poll.h>

#include <chrono>

#include <snag/storage/postgresql/connection.hpp>
#include <snag/storage/postgresql/journal_listener.hpp>
#include <snag/util/log.hpp>

namespace snag::postgresql {

namespace {
// How long a wait lasts before the thread looks at m_stopping again, and the pause before a
// reconnection attempt.
constexpr int k_poll_ms = 200;
constexpr auto k_reconnect_pause = std::chrono::seconds(1);
}  // namespace

JournalListener::JournalListener(std::string url, std::shared_ptr<sql::CommitListeners> listeners)
    : m_url(std::move(url)), m_listeners(std::move(listeners)), m_thread([this] { run(); }) {}

JournalListener::~JournalListener() {
  m_stopping = true;
  m_thread.join();
}

void JournalListener::run() {
  std::unique_ptr<Connection> connection;
  bool reported = false;
  while (!m_stopping) {
    if (!connection || connection->broken()) {
      auto opened = Connection::open(m_url);
      if (opened && (*opened)->exec("LISTEN " + std::string(k_journal_channel))) {
        connection = std::move(*opened);
        reported = false;
        m_listeners->notify();  // catch up with whatever was committed while deaf
      } else {
        if (!reported) {
          log_event(spdlog::level::warn, "cannot listen for other nodes' commits; retrying",
                    {{"error", opened ? "LISTEN failed" : opened.error().message}});
          reported = true;
        }
        std::this_thread::sleep_for(k_reconnect_pause);
        continue;
      }
    }
    pollfd descriptor{PQsocket(connection->handle()), POLLIN, 0};
    if (poll(&descriptor, 1, k_poll_ms) <= 0) continue;
    if (PQconsumeInput(connection->handle()) == 0) continue;  // broken(): reconnect next round
    bool heard = false;
    while (PGnotify* notification = PQnotifies(connection->handle())) {
      heard = true;
      PQfreemem(notification);
    }
    // Many commits heard at once need one wake-up: the listeners read the journal anyway.
    if (heard) m_listeners->notify();
  }
}

}  // namespace snag::postgresql
