#pragma once
// A database file under the system temp directory, removed (with its WAL files) afterwards.

#include <atomic>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <unistd.h>

#include <snag/storage/open_store.hpp>

namespace snag::testing {

class TempDatabase {
 public:
  TempDatabase() {
    static std::atomic<int> counter{0};
    m_dir = std::filesystem::temp_directory_path() /
            ("snag-storage-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    m_path = m_dir / "nested" / "snag.db";  // open_store creates the missing directories
  }
  ~TempDatabase() {
    std::error_code ignored;
    std::filesystem::remove_all(m_dir, ignored);
  }
  TempDatabase(const TempDatabase&) = delete;
  TempDatabase& operator=(const TempDatabase&) = delete;

  std::string path() const { return m_path.string(); }
  std::string url() const { return "sqlite:" + m_path.string(); }

  std::unique_ptr<Store> open() const {
    auto store = open_store(url());
    if (!store) {
      ADD_FAILURE() << "open_store failed: " << store.error().message;
      return nullptr;
    }
    return std::move(*store);
  }

 private:
  std::filesystem::path m_dir;
  std::filesystem::path m_path;
};

inline Ticket sample_ticket(std::string title = "Offer letter link expired") {
  Ticket ticket;
  ticket.type = "offer_problem";
  ticket.title = std::move(title);
  ticket.description = "The candidate cannot open the offer.";
  ticket.status = "new";
  ticket.severity = Severity::sev2;
  ticket.team = "recruiting";
  ticket.reporter = "alice";
  ticket.created_at = from_epoch_ms(1'780'000'000'000);
  ticket.updated_at = ticket.created_at;
  return ticket;
}

// Inserts through a write and returns the new id (0 on failure, with a test failure recorded).
inline TicketId insert(Store& store, const Ticket& ticket) {
  TicketId id;
  auto written = store.write([&](WriteTransaction& tx) -> Result<void> {
    auto inserted = tx.insert_ticket(ticket);
    if (!inserted) return tl::unexpected(inserted.error());
    id = *inserted;
    return {};
  });
  EXPECT_TRUE(written) << written.error().message;
  return id;
}


// Inserts the tickets in one write and sets each one's id to the id the store gave it.
inline Result<void> insert_tickets(Store& store, std::vector<Ticket>& tickets) {
  return store.write([&](WriteTransaction& tx) -> Result<void> {
    for (auto& ticket : tickets) {
      auto id = tx.insert_ticket(ticket);
      if (!id) return tl::unexpected(id.error());
      ticket.id = *id;
    }
    return {};
  });
}

}  // namespace snag::testing
