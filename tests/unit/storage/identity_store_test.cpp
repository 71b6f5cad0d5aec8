// The credential tables of the Store (app/ports/identity_records.hpp), ticket watchers, and the
// migration to schema version 4 that brought them, on this run's backend.

#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <store_fixtures.hpp>

#include <snag/domain/access/access_log.hpp>
#include <snag/domain/journal.hpp>
#include <snag/storage/copy/database_copy.hpp>
#include <snag/storage/open_store.hpp>
#include <snag/storage/sql/dialect.hpp>
#include <snag/storage/sql/schema.hpp>

namespace snag {
namespace identity_store_test {

using testing::execute_sql;
using testing::insert;
using testing::sample_ticket;
using testing::TestDatabase;

// Runs `work` in a write of its own and returns what it returned (the write's error otherwise).
template <class T, class Work>
Result<T> in_write(Store& store, Work work) {
  std::optional<Result<T>> out;
  auto written = store.write([&](WriteTransaction& tx) -> Result<void> {
    out = work(tx);
    if (!*out) return tl::unexpected(out->error());
    return {};
  });
  if (!written) return tl::unexpected(written.error());
  return std::move(*out);
}

ApiKeyRecord api_key(std::string name, char secret) {
  ApiKeyRecord key;
  key.name = std::move(name);
  key.role = "recruiter";
  key.secret_hash = std::string(64, secret);
  key.created_at = from_epoch_ms(1'780'000'000'000);
  return key;
}

UserRecord user(std::string username) {
  UserRecord record;
  record.username = std::move(username);
  record.display_name = "Ada Lovelace";
  record.role = "recruiter";
  record.team = "recruiting";
  record.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA";
  record.created_at = from_epoch_ms(1'780'000'000'001);
  return record;
}

OAuthClientRecord oauth_client(std::string client_id) {
  OAuthClientRecord client;
  client.client_id = std::move(client_id);
  client.name = "ATS sync";
  client.role = "integration";
  client.secret_hash = std::string(64, 'f');
  client.created_at = from_epoch_ms(1'780'000'000'002);
  return client;
}

// Nothing of a database error's SQL may reach a message.
void expect_no_sql(const Error& error) {
  for (const char* word : {"INSERT", "SELECT", "UPDATE", "users", "oauth_clients", "UNIQUE"}) {
    EXPECT_EQ(error.message.find(word), std::string::npos) << error.message;
  }
}

// ---- API keys -----------------------------------------------------------------------------

TEST(IdentityStore, ApiKeysKeepScopesOwnerLastUseAndSuccessor) {
  TestDatabase database;
  auto store = database.open();
  ASSERT_TRUE(store);

  ApiKeyRecord scoped = api_key("sync", 'a');
  scoped.team = "recruiting";
  scoped.scopes = std::set<std::string>{"tickets:read", "candidates:read", "tickets:write"};
  scoped.owner = "ada@example.com";
  scoped.expires_at = from_epoch_ms(1'790'000'000'000);
  scoped.last_used_at = from_epoch_ms(1'780'000'060'000);
  ApiKeyRecord successor = api_key("sync-2", 'b');
  ApiKeyRecord unscoped = api_key("admin", 'c');  // every optional field empty
  unscoped.role = "admin";
  ApiKeyRecord nothing_allowed = api_key("nothing", 'd');
  nothing_allowed.scopes = std::set<std::string>{};  // an empty set is not "the role's"

  auto ids = in_write<std::vector<ApiKeyId>>(*store, [&](WriteTransaction& tx) -> Result<std::vector<ApiKeyId>> {
    std::vector<ApiKeyId> issued;
    auto next = tx.insert_api_key(successor);
    if (!next) return tl::unexpected(next.error());
    scoped.replaced_by = *next;
    for (const auto* key : {&scoped, &unscoped, &nothing_allowed}) {
      auto id = tx.insert_api_key(*key);
      if (!id) return tl::unexpected(id.error());
      issued.push_back(*id);
    }
    // The writer sees its own insert.
    auto found = tx.find_api_key_by_id(issued[0]);
    if (!found) return tl::unexpected(found.error());
    EXPECT_TRUE(found->has_value());
    if (*found) {
      EXPECT_EQ((*found)->scopes, scoped.scopes);
    }
    return issued;
  });
  ASSERT_TRUE(ids) << ids.error().message;

  auto found = store->find_api_key(scoped.secret_hash);
  ASSERT_TRUE(found && *found) << (found ? "no key" : found.error().message);
  const ApiKeyRecord& stored = **found;
  EXPECT_EQ(stored.id, (*ids)[0]);
  EXPECT_EQ(stored.name, "sync");
  EXPECT_EQ(stored.team, std::optional<std::string>("recruiting"));
  EXPECT_EQ(stored.scopes, scoped.scopes);
  EXPECT_EQ(stored.owner, std::optional<std::string>("ada@example.com"));
  EXPECT_EQ(stored.expires_at, scoped.expires_at);
  EXPECT_EQ(stored.last_used_at, scoped.last_used_at);
  ASSERT_TRUE(stored.replaced_by);
  EXPECT_EQ(stored.replaced_by, scoped.replaced_by);
  EXPECT_FALSE(stored.revoked);

  auto bare = store->find_api_key(unscoped.secret_hash);
  ASSERT_TRUE(bare && *bare);
  EXPECT_EQ((*bare)->scopes, std::nullopt);
  EXPECT_EQ((*bare)->owner, std::nullopt);
  EXPECT_EQ((*bare)->last_used_at, std::nullopt);
  EXPECT_EQ((*bare)->replaced_by, std::nullopt);
  EXPECT_EQ((*bare)->expires_at, std::nullopt);
  EXPECT_EQ((*bare)->team, std::nullopt);

  auto empty = store->find_api_key(nothing_allowed.secret_hash);
  ASSERT_TRUE(empty && *empty);
  ASSERT_TRUE((*empty)->scopes.has_value());
  EXPECT_TRUE((*empty)->scopes->empty());
}

TEST(IdentityStore, UpdateApiKeyOverwritesOnlyItsLifecycleFields) {
  TestDatabase database;
  auto store = database.open();
  ASSERT_TRUE(store);
  ApiKeyRecord key = api_key("sync", 'a');
  key.scopes = std::set<std::string>{"tickets:read"};
  key.owner = "ada@example.com";
  key.expires_at = from_epoch_ms(1'790'000'000'000);
  auto id = in_write<ApiKeyId>(*store, [&](WriteTransaction& tx) { return tx.insert_api_key(key); });
  ASSERT_TRUE(id) << id.error().message;
  auto successor =
      in_write<ApiKeyId>(*store, [&](WriteTransaction& tx) { return tx.insert_api_key(api_key("n", 'b')); });
  ASSERT_TRUE(successor) << successor.error().message;

  ApiKeyRecord changed = key;
  changed.id = *id;
  changed.name = "renamed";  // not among the overwritten fields
  changed.role = "admin";
  changed.scopes = std::nullopt;
  changed.owner = "someone else";
  changed.expires_at = std::nullopt;
  changed.revoked = true;
  changed.replaced_by = *successor;
  changed.last_used_at = from_epoch_ms(1'780'000'120'000);
  auto updated = store->write([&](WriteTransaction& tx) { return tx.update_api_key(changed); });
  ASSERT_TRUE(updated) << updated.error().message;

  auto found = store->find_api_key(key.secret_hash);
  ASSERT_TRUE(found && *found);
  EXPECT_EQ((*found)->name, "sync");
  EXPECT_EQ((*found)->role, "recruiter");
  EXPECT_EQ((*found)->scopes, key.scopes);
  EXPECT_EQ((*found)->owner, key.owner);
  EXPECT_EQ((*found)->expires_at, std::nullopt);
  EXPECT_TRUE((*found)->revoked);
  EXPECT_EQ((*found)->replaced_by, std::optional<ApiKeyId>(*successor));
  EXPECT_EQ((*found)->last_used_at, changed.last_used_at);

  ApiKeyRecord missing = changed;
  missing.id = ApiKeyId{999};
  auto refused = store->write([&](WriteTransaction& tx) { return tx.update_api_key(missing); });
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::not_found);
  EXPECT_NE(refused.error().message.find("999"), std::string::npos) << refused.error().message;

  auto by_id = in_write<std::optional<ApiKeyRecord>>(
      *store, [&](WriteTransaction& tx) { return tx.find_api_key_by_id(ApiKeyId{999}); });
  ASSERT_TRUE(by_id);
  EXPECT_FALSE(by_id->has_value());
}

TEST(IdentityStore, ListApiKeysIsInIdOrder) {
  TestDatabase database;
  auto store = database.open();
  ASSERT_TRUE(store);
  auto none = store->list_api_keys();
  ASSERT_TRUE(none) << none.error().message;
  EXPECT_TRUE(none->empty());

  // Secrets in descending order, so that an order by secret (the unique index) would show.
  std::vector<ApiKeyId> ids;
  for (char secret : {'e', 'd', 'c', 'b', 'a'}) {
    auto id = in_write<ApiKeyId>(
        *store, [&](WriteTransaction& tx) { return tx.insert_api_key(api_key(std::string("key-") + secret, secret)); });
    ASSERT_TRUE(id) << id.error().message;
    ids.push_back(*id);
  }
  auto keys = store->list_api_keys();
  ASSERT_TRUE(keys) << keys.error().message;
  ASSERT_EQ(keys->size(), 5u);
  for (std::size_t i = 0; i < keys->size(); ++i) {
    EXPECT_EQ((*keys)[i].id, ids[i]);
    EXPECT_EQ((*keys)[i].name, std::string("key-") + "edcba"[i]);
  }
  for (std::size_t i = 1; i < keys->size(); ++i) EXPECT_LT((*keys)[i - 1].id.value, (*keys)[i].id.value);
}

// ---- Users ----------------------------------------------------------------------------------

TEST(IdentityStore, UsersAreFoundByNameAndIdAndUpdated) {
  TestDatabase database;
  auto store = database.open();
  ASSERT_TRUE(store);
  const UserRecord ada = user("ada");
  UserRecord bob = user("bob");
  bob.team = std::nullopt;
  bob.disabled = true;
  auto ada_id = in_write<UserId>(*store, [&](WriteTransaction& tx) { return tx.insert_user(ada); });
  auto bob_id = in_write<UserId>(*store, [&](WriteTransaction& tx) { return tx.insert_user(bob); });
  ASSERT_TRUE(ada_id && bob_id);
  EXPECT_NE(*ada_id, *bob_id);

  auto by_name = store->find_user_by_name("ada");
  ASSERT_TRUE(by_name && *by_name) << (by_name ? "no user" : by_name.error().message);
  EXPECT_EQ((*by_name)->id, *ada_id);
  EXPECT_EQ((*by_name)->username, "ada");
  EXPECT_EQ((*by_name)->display_name, ada.display_name);
  EXPECT_EQ((*by_name)->role, "recruiter");
  EXPECT_EQ((*by_name)->team, std::optional<std::string>("recruiting"));
  EXPECT_EQ((*by_name)->password_hash, ada.password_hash);
  EXPECT_EQ((*by_name)->created_at, ada.created_at);
  EXPECT_FALSE((*by_name)->disabled);

  auto by_id = store->find_user(*bob_id);
  ASSERT_TRUE(by_id && *by_id);
  EXPECT_EQ((*by_id)->username, "bob");
  EXPECT_EQ((*by_id)->team, std::nullopt);
  EXPECT_TRUE((*by_id)->disabled);

  auto unknown = store->find_user_by_name("ADA");  // names are exact
  ASSERT_TRUE(unknown);
  EXPECT_FALSE(unknown->has_value());
  auto no_id = store->find_user(UserId{999});
  ASSERT_TRUE(no_id);
  EXPECT_FALSE(no_id->has_value());

  UserRecord changed = **by_name;
  changed.username = "ada2";  // not among the overwritten fields
  changed.display_name = "Ada King";
  changed.role = "admin";
  changed.team = std::nullopt;
  changed.password_hash = "$argon2id$new";
  changed.disabled = true;
  auto updated = store->write([&](WriteTransaction& tx) { return tx.update_user(changed); });
  ASSERT_TRUE(updated) << updated.error().message;
  auto after = store->find_user(*ada_id);
  ASSERT_TRUE(after && *after);
  EXPECT_EQ((*after)->username, "ada");
  EXPECT_EQ((*after)->display_name, "Ada King");
  EXPECT_EQ((*after)->role, "admin");
  EXPECT_EQ((*after)->team, std::nullopt);
  EXPECT_EQ((*after)->password_hash, "$argon2id$new");
  EXPECT_TRUE((*after)->disabled);
  EXPECT_EQ((*after)->created_at, ada.created_at);

  changed.id = UserId{999};
  auto missing = store->write([&](WriteTransaction& tx) { return tx.update_user(changed); });
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::not_found);
}

TEST(IdentityStore, ATakenUsernameIsAConflictAndTheWorkMayGoOn) {
  TestDatabase database;
  auto store = database.open();
  ASSERT_TRUE(store);
  ASSERT_TRUE(in_write<UserId>(*store, [&](WriteTransaction& tx) { return tx.insert_user(user("ada")); }));

  auto refused = store->write([&](WriteTransaction& tx) -> Result<void> {
    auto id = tx.insert_user(user("ada"));
    if (!id) return tl::unexpected(id.error());
    return {};
  });
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::conflict);
  EXPECT_EQ(refused.error().message, "user 'ada' exists");
  expect_no_sql(refused.error());

  // The clash leaves the transaction usable (on PostgreSQL a failed statement would not).
  auto carried_on = store->write([&](WriteTransaction& tx) -> Result<void> {
    auto clash = tx.insert_user(user("ada"));
    EXPECT_FALSE(clash);
    if (!clash) {
      EXPECT_EQ(clash.error().code, ErrorCode::conflict);
    }
    auto other = tx.insert_user(user("grace"));
    if (!other) return tl::unexpected(other.error());
    return {};
  });
  ASSERT_TRUE(carried_on) << carried_on.error().message;
  auto grace = store->find_user_by_name("grace");
  ASSERT_TRUE(grace && *grace);
  EXPECT_EQ(testing::count_rows(database.url(), "users"), 2);
}

// ---- Sessions -------------------------------------------------------------------------------

TEST(IdentityStore, SessionsAreFoundDeletedAndExpired) {
  TestDatabase database;
  auto store = database.open();
  ASSERT_TRUE(store);
  auto ada = in_write<UserId>(*store, [&](WriteTransaction& tx) { return tx.insert_user(user("ada")); });
  ASSERT_TRUE(ada);

  const Timestamp now = from_epoch_ms(1'780'000'000'000);
  std::vector<SessionRecord> sessions;
  for (int i = 0; i < 4; ++i) {
    SessionRecord session;
    session.token_hash = std::string(63, 'a') + std::to_string(i);
    session.user = *ada;
    session.csrf_token = "csrf-" + std::to_string(i);
    session.created_at = now - std::chrono::hours(1);
    // 0 expired an hour ago, 1 expires exactly now, 2 and 3 later.
    session.expires_at = now + std::chrono::hours(i - 1);
    session.address = "192.0.2." + std::to_string(i);
    sessions.push_back(session);
  }
  auto inserted = store->write([&](WriteTransaction& tx) -> Result<void> {
    for (const auto& session : sessions) {
      if (auto done = tx.insert_session(session); !done) return done;
    }
    return {};
  });
  ASSERT_TRUE(inserted) << inserted.error().message;

  auto found = store->find_session(sessions[2].token_hash);
  ASSERT_TRUE(found && *found) << (found ? "no session" : found.error().message);
  EXPECT_EQ((*found)->token_hash, sessions[2].token_hash);
  EXPECT_EQ((*found)->user, *ada);
  EXPECT_EQ((*found)->csrf_token, "csrf-2");
  EXPECT_EQ((*found)->created_at, sessions[2].created_at);
  EXPECT_EQ((*found)->expires_at, sessions[2].expires_at);
  EXPECT_EQ((*found)->address, "192.0.2.2");

  auto deleted = store->write([&](WriteTransaction& tx) { return tx.delete_session(sessions[3].token_hash); });
  ASSERT_TRUE(deleted) << deleted.error().message;
  auto gone = store->find_session(sessions[3].token_hash);
  ASSERT_TRUE(gone);
  EXPECT_FALSE(gone->has_value());
  auto again = store->write([&](WriteTransaction& tx) { return tx.delete_session(sessions[3].token_hash); });
  EXPECT_TRUE(again) << "deleting a missing session is not an error";

  auto expired = in_write<std::int64_t>(*store, [&](WriteTransaction& tx) { return tx.delete_expired_sessions(now); });
  ASSERT_TRUE(expired) << expired.error().message;
  EXPECT_EQ(*expired, 2);  // the one expired an hour ago and the one expiring now
  for (int i : {0, 1}) {
    auto old = store->find_session(sessions[static_cast<std::size_t>(i)].token_hash);
    ASSERT_TRUE(old);
    EXPECT_FALSE(old->has_value()) << i;
  }
  auto kept = store->find_session(sessions[2].token_hash);
  ASSERT_TRUE(kept && *kept);
  auto none = in_write<std::int64_t>(*store, [&](WriteTransaction& tx) { return tx.delete_expired_sessions(now); });
  ASSERT_TRUE(none);
  EXPECT_EQ(*none, 0);
}

TEST(IdentityStore, ASessionNeedsAnExistingUser) {
  TestDatabase database;
  auto store = database.open();
  ASSERT_TRUE(store);
  SessionRecord session;
  session.token_hash = std::string(64, 'a');
  session.user = UserId{42};
  session.csrf_token = "csrf";
  session.created_at = from_epoch_ms(1);
  session.expires_at = from_epoch_ms(2);
  session.address = "192.0.2.1";
  auto refused = store->write([&](WriteTransaction& tx) { return tx.insert_session(session); });
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::not_found);
  expect_no_sql(refused.error());
  EXPECT_EQ(testing::count_rows(database.url(), "sessions"), 0);
}

// ---- OAuth clients --------------------------------------------------------------------------

TEST(IdentityStore, OAuthClientsAreFoundByClientIdAndUnique) {
  TestDatabase database;
  auto store = database.open();
  ASSERT_TRUE(store);
  OAuthClientRecord ats = oauth_client("ats-sync");
  ats.team = "recruiting";
  ats.scopes = std::set<std::string>{"candidates:write", "tickets:read"};
  OAuthClientRecord other = oauth_client("reporting");
  other.revoked = true;
  auto ats_id = in_write<OAuthClientId>(*store, [&](WriteTransaction& tx) { return tx.insert_oauth_client(ats); });
  auto other_id = in_write<OAuthClientId>(*store, [&](WriteTransaction& tx) { return tx.insert_oauth_client(other); });
  ASSERT_TRUE(ats_id && other_id);
  EXPECT_NE(*ats_id, *other_id);

  auto found = store->find_oauth_client("ats-sync");
  ASSERT_TRUE(found && *found) << (found ? "no client" : found.error().message);
  EXPECT_EQ((*found)->id, *ats_id);
  EXPECT_EQ((*found)->client_id, "ats-sync");
  EXPECT_EQ((*found)->name, "ATS sync");
  EXPECT_EQ((*found)->role, "integration");
  EXPECT_EQ((*found)->team, std::optional<std::string>("recruiting"));
  EXPECT_EQ((*found)->scopes, ats.scopes);
  EXPECT_EQ((*found)->secret_hash, ats.secret_hash);
  EXPECT_EQ((*found)->created_at, ats.created_at);
  EXPECT_FALSE((*found)->revoked);

  auto reporting = store->find_oauth_client("reporting");
  ASSERT_TRUE(reporting && *reporting);
  EXPECT_EQ((*reporting)->scopes, std::nullopt);
  EXPECT_EQ((*reporting)->team, std::nullopt);
  EXPECT_TRUE((*reporting)->revoked);

  auto missing = store->find_oauth_client("nobody");
  ASSERT_TRUE(missing);
  EXPECT_FALSE(missing->has_value());

  OAuthClientRecord duplicate = oauth_client("ats-sync");
  duplicate.name = "Impostor";
  auto refused = store->write([&](WriteTransaction& tx) -> Result<void> {
    auto id = tx.insert_oauth_client(duplicate);
    if (!id) return tl::unexpected(id.error());
    return {};
  });
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::conflict);
  EXPECT_EQ(refused.error().message, "OAuth client 'ats-sync' exists");
  expect_no_sql(refused.error());
  auto unchanged = store->find_oauth_client("ats-sync");
  ASSERT_TRUE(unchanged && *unchanged);
  EXPECT_EQ((*unchanged)->name, "ATS sync");
}

// ---- Server secrets -------------------------------------------------------------------------

TEST(IdentityStore, AServerSecretKeepsTheFirstValueStored) {
  TestDatabase database;
  auto store = database.open();
  ASSERT_TRUE(store);
  auto first = in_write<std::string>(*store, [&](WriteTransaction& tx) {
    return tx.server_secret("token_signing_key", "first-value", from_epoch_ms(1));
  });
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(*first, "first-value");
  auto second = in_write<std::string>(*store, [&](WriteTransaction& tx) {
    return tx.server_secret("token_signing_key", "second-value", from_epoch_ms(2));
  });
  ASSERT_TRUE(second) << second.error().message;
  EXPECT_EQ(*second, "first-value");

  // Within one write too, and each name has its own value.
  auto both = in_write<std::string>(*store, [&](WriteTransaction& tx) -> Result<std::string> {
    auto a = tx.server_secret("other", "a", from_epoch_ms(3));
    if (!a) return a;
    auto b = tx.server_secret("other", "b", from_epoch_ms(4));
    if (!b) return b;
    return *a + *b;
  });
  ASSERT_TRUE(both) << both.error().message;
  EXPECT_EQ(*both, "aa");
  EXPECT_EQ(testing::count_rows(database.url(), "server_secrets"), 2);

  // A store opened afterwards (another node) reads the same value.
  store.reset();
  auto reopened = database.open();
  ASSERT_TRUE(reopened);
  auto third = in_write<std::string>(*reopened, [&](WriteTransaction& tx) {
    return tx.server_secret("token_signing_key", "third-value", from_epoch_ms(5));
  });
  ASSERT_TRUE(third);
  EXPECT_EQ(*third, "first-value");
}

TEST(IdentityStore, ServerStateIsReplacedWholeAndReadByEveryStore) {
  TestDatabase database;
  auto store = database.open();
  ASSERT_TRUE(store);
  auto none = store->server_state("probe");
  ASSERT_TRUE(none) << none.error().message;
  EXPECT_FALSE(*none);
  ASSERT_TRUE(
      store->write([](WriteTransaction& tx) { return tx.put_server_state("probe", "one", from_epoch_ms(1)); }));
  auto in_write_read = in_write<std::optional<std::string>>(
      *store, [](WriteTransaction& tx) -> Result<std::optional<std::string>> {
        if (auto put = tx.put_server_state("probe", "two", from_epoch_ms(2)); !put) return tl::unexpected(put.error());
        return tx.server_state("probe");
      });
  ASSERT_TRUE(in_write_read) << in_write_read.error().message;
  EXPECT_EQ(*in_write_read, std::optional<std::string>("two"));

  store.reset();
  auto reopened = database.open();
  ASSERT_TRUE(reopened);
  auto read = reopened->server_state("probe");
  ASSERT_TRUE(read) << read.error().message;
  EXPECT_EQ(*read, std::optional<std::string>("two"));
  EXPECT_EQ(testing::count_rows(database.url(), "server_state"), 1);
}

// ---- Ticket watchers ------------------------------------------------------------------------

TEST(IdentityStore, TicketWatchersRoundTripThroughInsertAndUpdate) {
  TestDatabase database;
  auto store = database.open();
  ASSERT_TRUE(store);
  Ticket ticket = sample_ticket();
  ticket.watchers = {"bob", "carol \"quoted\"", "dave"};
  const TicketId id = insert(*store, ticket);
  ASSERT_GT(id.value, 0);
  auto found = store->find_ticket(id);
  ASSERT_TRUE(found && *found);
  EXPECT_EQ((*found)->watchers, ticket.watchers);

  Ticket changed = **found;
  changed.watchers = {"erin"};
  auto updated = store->write([&](WriteTransaction& tx) { return tx.update_ticket(changed); });
  ASSERT_TRUE(updated) << updated.error().message;
  found = store->find_ticket(id);
  ASSERT_TRUE(found && *found);
  EXPECT_EQ((*found)->watchers, std::vector<std::string>{"erin"});

  changed.watchers.clear();
  updated = store->write([&](WriteTransaction& tx) { return tx.update_ticket(changed); });
  ASSERT_TRUE(updated) << updated.error().message;
  found = store->find_ticket(id);
  ASSERT_TRUE(found && *found);
  EXPECT_TRUE((*found)->watchers.empty());

  const TicketId plain = insert(*store, sample_ticket("No watchers"));
  auto unwatched = store->find_ticket(plain);
  ASSERT_TRUE(unwatched && *unwatched);
  EXPECT_TRUE((*unwatched)->watchers.empty());
}

// ---- snag db copy --------------------------------------------------------------------------

TEST(IdentityStore, ACopyCarriesTheCredentialTablesAndTheAccessLog) {
  TestDatabase source;  // this run's backend, to a second database of it
  TestDatabase destination;
  {
    auto store = source.open();
    ASSERT_TRUE(store);
    auto written = store->write([&](WriteTransaction& tx) -> Result<void> {
      ApiKeyRecord key = api_key("sync", 'a');
      key.scopes = std::set<std::string>{"tickets:read"};
      key.owner = "ada@example.com";
      key.last_used_at = from_epoch_ms(5);
      key.replaced_by = ApiKeyId{2};
      if (auto id = tx.insert_api_key(key); !id) return tl::unexpected(id.error());
      auto ada = tx.insert_user(user("ada"));
      if (!ada) return tl::unexpected(ada.error());
      if (auto id = tx.insert_user(user("bob")); !id) return tl::unexpected(id.error());
      SessionRecord session{std::string(64, 's'), *ada, "csrf", from_epoch_ms(1), from_epoch_ms(2), "192.0.2.1"};
      if (auto done = tx.insert_session(session); !done) return done;
      OAuthClientRecord client = oauth_client("ats-sync");
      client.scopes = std::set<std::string>{"candidates:write"};
      if (auto id = tx.insert_oauth_client(client); !id) return tl::unexpected(id.error());
      if (auto secret = tx.server_secret("token_signing_key", "s3cret", from_epoch_ms(3)); !secret) {
        return tl::unexpected(secret.error());
      }
      std::vector<AccessEntry> entries(3);
      for (std::size_t i = 0; i < entries.size(); ++i) {
        entries[i].at = from_epoch_ms(static_cast<std::int64_t>(10 + i));
        entries[i].actor = "ada";
        entries[i].credential = "session:1";
        entries[i].object = "ticket:SNAG-1";
        entries[i].ticket = TicketId{1};
        entries[i].candidate = CandidateRef{"greenhouse", "53883394"};
        entries[i].address = "192.0.2.1";
      }
      return tx.append_access_log(entries);
    });
    ASSERT_TRUE(written) << written.error().message;
  }
  auto copied = copy_database(source.url(), destination.url());
  ASSERT_TRUE(copied) << copied.error().message;

  auto copy = destination.open();
  ASSERT_TRUE(copy);
  auto key = copy->find_api_key(std::string(64, 'a'));
  ASSERT_TRUE(key && *key);
  EXPECT_EQ((*key)->scopes, (std::set<std::string>{"tickets:read"}));
  EXPECT_EQ((*key)->owner, std::optional<std::string>("ada@example.com"));
  EXPECT_EQ((*key)->replaced_by, std::optional<ApiKeyId>(ApiKeyId{2}));
  auto ada = copy->find_user_by_name("ada");
  ASSERT_TRUE(ada && *ada);
  auto session = copy->find_session(std::string(64, 's'));
  ASSERT_TRUE(session && *session);
  EXPECT_EQ((*session)->user, (*ada)->id);
  auto client = copy->find_oauth_client("ats-sync");
  ASSERT_TRUE(client && *client);
  EXPECT_EQ((*client)->scopes, (std::set<std::string>{"candidates:write"}));

  // Ids and the chain go on where the source left them.
  auto written = copy->write([&](WriteTransaction& tx) -> Result<void> {
    auto carol = tx.insert_user(user("carol"));
    if (!carol) return tl::unexpected(carol.error());
    EXPECT_EQ(carol->value, 3);
    auto secret = tx.server_secret("token_signing_key", "other", from_epoch_ms(4));
    if (!secret) return tl::unexpected(secret.error());
    EXPECT_EQ(*secret, "s3cret");
    AccessEntry entry;
    entry.at = from_epoch_ms(20);
    entry.actor = "carol";
    entry.credential = "key:1";
    entry.object = "export:tickets";
    entry.action = AccessAction::export_;
    entry.address = "192.0.2.2";
    return tx.append_access_log({entry});
  });
  ASSERT_TRUE(written) << written.error().message;
  std::vector<AccessEntry> log;
  ASSERT_TRUE(copy->scan_access_log([&](const AccessEntry& e) {
    log.push_back(e);
    return true;
  }));
  ASSERT_EQ(log.size(), 4u);
  for (std::size_t i = 0; i < log.size(); ++i) {
    EXPECT_EQ(log[i].seq, static_cast<std::int64_t>(i + 1));
    EXPECT_TRUE(access_entry_intact(log[i])) << log[i].seq;
    EXPECT_EQ(log[i].prev_hash, i > 0 ? log[i - 1].hash : k_genesis_hash);
  }
}

// ---- Migration from version 3 ---------------------------------------------------------------

// A database at schema version 3, as the previous release left it, with a ticket and a key.
void create_version_3(const TestDatabase& database) {
  std::string sql;
  if (database.is_postgresql()) {
    sql = "CREATE TABLE snag_schema (version INTEGER NOT NULL); INSERT INTO snag_schema (version) VALUES (3);";
    for (int version = 1; version <= 3; ++version) sql += sql::migration_sql(version, sql::postgresql_dialect());
  } else {
    std::filesystem::create_directories(database.file().parent_path());
    sql = "BEGIN;";
    for (int version = 1; version <= 3; ++version) sql += sql::migration_sql(version, sql::sqlite_dialect());
    sql += "PRAGMA user_version = 3; COMMIT;";
  }
  execute_sql(database.url(), sql);
  execute_sql(database.url(),
              "INSERT INTO tickets (type, title, description, status, severity, team, reporter, created_at, "
              "updated_at, version) VALUES ('offer_problem', 'Old ticket', 'described', 'new', 'sev2', 'recruiting', "
              "'seed', 1000, 1000, 1);"
              "INSERT INTO api_keys (name, role, team, secret_hash, created_at, expires_at, revoked) "
              "VALUES ('old', 'admin', NULL, '" +
                  std::string(64, 'a') + "', 1000, NULL, 0);");
}

TEST(IdentityStore, MigratingAVersion3DatabaseKeepsItsRowsAndAddsTheNewTables) {
  TestDatabase database;
  create_version_3(database);
  auto migrated = migrate_database(database.url());
  ASSERT_TRUE(migrated) << migrated.error().message;
  EXPECT_EQ(*migrated, sql::latest_schema_version());
  EXPECT_GE(*migrated, 4);

  auto store = database.open();
  ASSERT_TRUE(store);
  auto ticket = store->find_ticket(TicketId{1});
  ASSERT_TRUE(ticket && *ticket) << (ticket ? "no ticket" : ticket.error().message);
  EXPECT_EQ((*ticket)->title, "Old ticket");
  EXPECT_TRUE((*ticket)->watchers.empty());
  auto key = store->find_api_key(std::string(64, 'a'));
  ASSERT_TRUE(key && *key) << (key ? "no key" : key.error().message);
  EXPECT_EQ((*key)->name, "old");
  EXPECT_EQ((*key)->scopes, std::nullopt);
  EXPECT_EQ((*key)->owner, std::nullopt);
  EXPECT_EQ((*key)->last_used_at, std::nullopt);
  EXPECT_EQ((*key)->replaced_by, std::nullopt);

  // The new tables take rows, and the old ticket takes watchers.
  Ticket watched = **ticket;
  watched.watchers = {"bob"};
  auto written = store->write([&](WriteTransaction& tx) -> Result<void> {
    if (auto done = tx.update_ticket(watched); !done) return done;
    auto id = tx.insert_user(user("ada"));
    if (!id) return tl::unexpected(id.error());
    auto client = tx.insert_oauth_client(oauth_client("ats-sync"));
    if (!client) return tl::unexpected(client.error());
    AccessEntry entry;
    entry.at = from_epoch_ms(2000);
    entry.actor = "ada";
    entry.credential = "session:1";
    entry.object = "ticket:SNAG-1";
    entry.ticket = TicketId{1};
    entry.address = "192.0.2.1";
    return tx.append_access_log({entry});
  });
  ASSERT_TRUE(written) << written.error().message;
  auto rewatched = store->find_ticket(TicketId{1});
  ASSERT_TRUE(rewatched && *rewatched);
  EXPECT_EQ((*rewatched)->watchers, std::vector<std::string>{"bob"});
  EXPECT_EQ(testing::count_rows(database.url(), "access_log"), 1);

  store.reset();
  auto again = migrate_database(database.url());
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(*again, *migrated);
}

}  // namespace identity_store_test
}  // namespace snag
