#include <filesystem>

#include <gtest/gtest.h>
#include <store_fixtures.hpp>

#include <snag/storage/open_store.hpp>

namespace snag {
namespace store_test {

using testing::insert;
using testing::sample_ticket;
using testing::TestDatabase;

TEST(OpenStore, AnUnreachablePostgresqlServerIsUnavailableAndThePasswordStaysSecret) {
  auto store = open_store("postgresql://snag:hunter2@127.0.0.1:1/snag");
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code, ErrorCode::unavailable);
  EXPECT_EQ(store.error().message.find("hunter2"), std::string::npos) << store.error().message;
}

TEST(OpenStore, UnknownUrlsNameTheAcceptedForms) {
  auto store = open_store("mysql://localhost/snag");
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code, ErrorCode::invalid_argument);
  EXPECT_NE(store.error().message.find("sqlite:"), std::string::npos);
  EXPECT_FALSE(migrate_database("var/snag.db"));
}

TEST(Store, MigratingAgainKeepsTheDataAndTheVersion) {
  TestDatabase database;
  TicketId id;
  {
    auto store = database.open();
    ASSERT_TRUE(store);
    id = insert(*store, sample_ticket());
  }
  auto migrated = migrate_database(database.url());
  ASSERT_TRUE(migrated) << migrated.error().message;
  auto again = migrate_database(database.url());
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(*again, *migrated);
  auto store = database.open();
  ASSERT_TRUE(store);
  auto found = store->find_ticket(id);
  ASSERT_TRUE(found && *found);
  EXPECT_EQ((*found)->title, "Offer letter link expired");
}

TEST(Store, TicketsRoundTripWithEveryField) {
  TestDatabase database;
  auto store = database.open();
  ASSERT_TRUE(store);
  Ticket ticket = sample_ticket();
  ticket.assignee = "bob";
  ticket.candidate = CandidateRef{"greenhouse", "53883394"};
  ticket.labels = {"offer", "urgent \"quoted\""};
  ticket.fields = {{"requisition", "R-12"}, {"nested", {{"a", 1}, {"b", {true, nullptr}}}}};
  ticket.version = 3;
  ticket.resolution_due_at = from_epoch_ms(1'780'000'100'000);
  ticket.resolved_at = from_epoch_ms(1'780'000'050'123);
  ticket.sla_calendar = "germany";
  ticket.candidate_geography = "DE-BY";
  ticket.first_response_due_at = from_epoch_ms(1'780'000'020'000);
  ticket.first_responded_at = from_epoch_ms(1'780'000'010'001);
  ticket.sla_paused_at = from_epoch_ms(1'780'000'040'002);
  ticket.sla_paused_for = std::chrono::milliseconds{4 * 3'600'000 + 7};
  const TicketId id = insert(*store, ticket);
  ASSERT_GT(id.value, 0);

  auto found = store->find_ticket(id);
  ASSERT_TRUE(found && *found);
  const Ticket& stored = **found;
  EXPECT_EQ(stored.id, id);
  EXPECT_EQ(stored.type, ticket.type);
  EXPECT_EQ(stored.title, ticket.title);
  EXPECT_EQ(stored.description, ticket.description);
  EXPECT_EQ(stored.status, ticket.status);
  EXPECT_EQ(stored.severity, ticket.severity);
  EXPECT_EQ(stored.team, ticket.team);
  EXPECT_EQ(stored.assignee, ticket.assignee);
  EXPECT_EQ(stored.candidate, ticket.candidate);
  EXPECT_EQ(stored.labels, ticket.labels);
  EXPECT_EQ(stored.fields, ticket.fields);
  EXPECT_EQ(stored.reporter, ticket.reporter);
  EXPECT_EQ(stored.created_at, ticket.created_at);
  EXPECT_EQ(stored.updated_at, ticket.updated_at);
  EXPECT_EQ(stored.version, 3);
  EXPECT_EQ(stored.resolution_due_at, ticket.resolution_due_at);
  EXPECT_EQ(stored.resolved_at, ticket.resolved_at);
  EXPECT_EQ(stored.sla_calendar, "germany");
  EXPECT_EQ(stored.candidate_geography, ticket.candidate_geography);
  EXPECT_EQ(stored.first_response_due_at, ticket.first_response_due_at);
  EXPECT_EQ(stored.first_responded_at, ticket.first_responded_at);
  EXPECT_EQ(stored.sla_paused_at, ticket.sla_paused_at);
  EXPECT_EQ(stored.sla_paused_for, ticket.sla_paused_for);
}

TEST(Store, UpdateWritesAndClearsTheSlaClock) {
  TestDatabase database;
  auto store = database.open();
  ASSERT_TRUE(store);
  Ticket ticket = sample_ticket();
  ticket.id = insert(*store, ticket);
  auto found = store->find_ticket(ticket.id);
  ASSERT_TRUE(found && *found);
  EXPECT_EQ((*found)->sla_calendar, "");
  EXPECT_FALSE((*found)->sla_paused_at);
  EXPECT_EQ((*found)->sla_paused_for, std::chrono::milliseconds{0});

  ticket.sla_calendar = "us_eastern";
  ticket.sla_paused_at = from_epoch_ms(1'780'000'040'000);
  ticket.first_response_due_at = from_epoch_ms(1'780'000'020'000);
  ticket.version = 2;
  auto paused = store->write([&](WriteTransaction& tx) { return tx.update_ticket(ticket); });
  ASSERT_TRUE(paused) << paused.error().message;
  found = store->find_ticket(ticket.id);
  ASSERT_TRUE(found && *found);
  EXPECT_EQ((*found)->sla_calendar, "us_eastern");
  EXPECT_EQ((*found)->sla_paused_at, ticket.sla_paused_at);

  ticket.sla_paused_at.reset();
  ticket.first_responded_at = from_epoch_ms(1'780'000'030'000);
  ticket.sla_paused_for = std::chrono::milliseconds{90'000};
  ticket.version = 3;
  auto resumed = store->write([&](WriteTransaction& tx) { return tx.update_ticket(ticket); });
  ASSERT_TRUE(resumed) << resumed.error().message;
  found = store->find_ticket(ticket.id);
  ASSERT_TRUE(found && *found);
  EXPECT_FALSE((*found)->sla_paused_at);
  EXPECT_EQ((*found)->first_responded_at, ticket.first_responded_at);
  EXPECT_EQ((*found)->sla_paused_for, std::chrono::milliseconds{90'000});
  EXPECT_EQ((*found)->first_response_due_at, ticket.first_response_due_at);
}

TEST(Store, UpdateOverwritesEveryFieldAndClearsOptionals) {
  TestDatabase database;
  auto store = database.open();
  ASSERT_TRUE(store);
  Ticket ticket = sample_ticket();
  ticket.assignee = "bob";
  ticket.candidate = CandidateRef{"lever", "c-1"};
  ticket.resolved_at = from_epoch_ms(5);
  ticket.id = insert(*store, ticket);

  ticket.title = "Background check stuck";
  ticket.status = "in_progress";
  ticket.severity = Severity::sev1;
  ticket.assignee.reset();
  ticket.candidate.reset();
  ticket.resolved_at.reset();
  ticket.labels = {"bgc"};
  ticket.version = 2;
  auto updated = store->write([&](WriteTransaction& tx) { return tx.update_ticket(ticket); });
  ASSERT_TRUE(updated) << updated.error().message;

  auto found = store->find_ticket(ticket.id);
  ASSERT_TRUE(found && *found);
  EXPECT_EQ((*found)->title, "Background check stuck");
  EXPECT_EQ((*found)->status, "in_progress");
  EXPECT_EQ((*found)->severity, Severity::sev1);
  EXPECT_FALSE((*found)->assignee);
  EXPECT_FALSE((*found)->candidate);
  EXPECT_FALSE((*found)->resolved_at);
  EXPECT_EQ((*found)->labels, std::vector<std::string>{"bgc"});
  EXPECT_EQ((*found)->version, 2);
}

TEST(Store, UpdatingAMissingTicketIsNotFound) {
  TestDatabase database;
  auto store = database.open();
  ASSERT_TRUE(store);
  Ticket ticket = sample_ticket();
  ticket.id = TicketId{999};
  auto updated = store->write([&](WriteTransaction& tx) { return tx.update_ticket(ticket); });
  ASSERT_FALSE(updated);
  EXPECT_EQ(updated.error().code, ErrorCode::not_found);
}

TEST(Store, FindingAMissingTicketIsEmptyNotAnError) {
  TestDatabase database;
  auto store = database.open();
  ASSERT_TRUE(store);
  auto found = store->find_ticket(TicketId{42});
  ASSERT_TRUE(found);
  EXPECT_FALSE(*found);
}

TEST(Store, CommentsGetIdsAndNeedAnExistingTicket) {
  TestDatabase database;
  auto store = database.open();
  ASSERT_TRUE(store);
  const TicketId id = insert(*store, sample_ticket());
  std::optional<Comment> comment;
  auto written = store->write([&](WriteTransaction& tx) -> Result<void> {
    auto inserted = tx.insert_comment(id, "alice", "Called the candidate", from_epoch_ms(7));
    if (!inserted) return tl::unexpected(inserted.error());
    comment = *inserted;
    return {};
  });
  ASSERT_TRUE(written) << written.error().message;
  EXPECT_GT(comment->id.value, 0);
  EXPECT_EQ(comment->ticket, id);
  EXPECT_EQ(comment->body, "Called the candidate");

  auto orphan = store->write([&](WriteTransaction& tx) -> Result<void> {
    auto inserted = tx.insert_comment(TicketId{12345}, "alice", "nobody home", from_epoch_ms(7));
    if (!inserted) return tl::unexpected(inserted.error());
    return {};
  });
  ASSERT_FALSE(orphan);
  EXPECT_EQ(orphan.error().code, ErrorCode::not_found);
}

TEST(Store, IdempotencyKeysAreSavedFoundAndUniquePerScope) {
  TestDatabase database;
  auto store = database.open();
  ASSERT_TRUE(store);
  const IdempotencyRecord record{"abc123", TicketId{7}};
  auto saved = store->write([&](WriteTransaction& tx) { return tx.save_idempotency("key:1", "k", record, {}); });
  ASSERT_TRUE(saved) << saved.error().message;

  std::optional<IdempotencyRecord> found;
  std::optional<IdempotencyRecord> other_scope;
  auto read = store->write([&](WriteTransaction& tx) -> Result<void> {
    auto a = tx.find_idempotency("key:1", "k");
    auto b = tx.find_idempotency("key:2", "k");
    if (!a || !b) return fail(ErrorCode::internal, "lookup failed");
    found = *a;
    other_scope = *b;
    return {};
  });
  ASSERT_TRUE(read);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->fingerprint, "abc123");
  EXPECT_EQ(found->ticket, TicketId{7});
  EXPECT_FALSE(other_scope);

  auto again = store->write([&](WriteTransaction& tx) { return tx.save_idempotency("key:1", "k", record, {}); });
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::conflict);
}

TEST(Store, UpsertCandidateSaysWhetherTheCandidateIsNew) {
  TestDatabase database;
  auto store = database.open();
  ASSERT_TRUE(store);
  Candidate candidate;
  candidate.ref = {"greenhouse", "53883394"};
  candidate.profile.name = "Ada";
  candidate.profile.fields = {{"visa_status", "H-1B"}};
  candidate.created_at = from_epoch_ms(1000);
  candidate.updated_at = from_epoch_ms(1000);
  const auto upsert = [&](const Candidate& value) {
    bool created = false;
    auto written = store->write([&](WriteTransaction& tx) -> Result<void> {
      auto result = tx.upsert_candidate(value);
      if (!result) return tl::unexpected(result.error());
      created = *result;
      return {};
    });
    EXPECT_TRUE(written);
    return created;
  };
  EXPECT_TRUE(upsert(candidate));
  candidate.profile.name = "Ada Lovelace";
  candidate.profile.email = "ada@example.com";
  candidate.created_at = from_epoch_ms(2000);
  candidate.updated_at = from_epoch_ms(2000);
  EXPECT_FALSE(upsert(candidate));

  auto found = store->find_candidate(candidate.ref);
  ASSERT_TRUE(found && *found);
  EXPECT_EQ((*found)->profile.name, "Ada Lovelace");
  EXPECT_EQ((*found)->profile.email, "ada@example.com");
  EXPECT_EQ((*found)->profile.fields, candidate.profile.fields);
  EXPECT_EQ((*found)->created_at, from_epoch_ms(1000));  // first seen
  EXPECT_EQ((*found)->updated_at, from_epoch_ms(2000));
  auto missing = store->find_candidate({"lever", "nope"});
  ASSERT_TRUE(missing);
  EXPECT_FALSE(*missing);
}

TEST(Store, ApiKeysAreFoundBySecretHashOnly) {
  TestDatabase database;
  auto store = database.open();
  ASSERT_TRUE(store);
  ApiKeyRecord key;
  key.name = "ci";
  key.role = "admin";
  key.team = "recruiting";
  key.secret_hash = std::string(64, 'a');
  key.created_at = from_epoch_ms(10);
  key.expires_at = from_epoch_ms(20);
  ApiKeyId id;
  auto written = store->write([&](WriteTransaction& tx) -> Result<void> {
    auto inserted = tx.insert_api_key(key);
    if (!inserted) return tl::unexpected(inserted.error());
    id = *inserted;
    return {};
  });
  ASSERT_TRUE(written) << written.error().message;
  auto found = store->find_api_key(key.secret_hash);
  ASSERT_TRUE(found && *found);
  EXPECT_EQ((*found)->id, id);
  EXPECT_EQ((*found)->name, "ci");
  EXPECT_EQ((*found)->role, "admin");
  EXPECT_EQ((*found)->team, "recruiting");
  EXPECT_EQ((*found)->expires_at, key.expires_at);
  EXPECT_FALSE((*found)->revoked);
  auto missing = store->find_api_key(std::string(64, 'b'));
  ASSERT_TRUE(missing);
  EXPECT_FALSE(*missing);

  auto duplicate = store->write([&](WriteTransaction& tx) -> Result<void> {
    auto inserted = tx.insert_api_key(key);
    if (!inserted) return tl::unexpected(inserted.error());
    return {};
  });
  ASSERT_FALSE(duplicate);
  EXPECT_EQ(duplicate.error().code, ErrorCode::conflict);
}

}  // namespace store_test
}  // namespace snag
