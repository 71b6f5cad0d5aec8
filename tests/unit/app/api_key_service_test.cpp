// API keys over time: rotation overlaps, age caps, revocation and the 5-second look-up cache,
// on a manual clock.

#include <gtest/gtest.h>

#include <snag/app/api_key_service.hpp>
#include <snag/domain/access/visibility.hpp>

#include "test_actor.hpp"
#include "default_catalog.hpp"
#include "fake_store.hpp"

namespace snag {
namespace api_key_service_test {

using namespace std::chrono_literals;
using testing::default_catalog;
using testing::FakeStore;
using testing::ManualClock;

const Timestamp k_start = *parse_rfc3339("2026-11-28T12:00:00Z");
// Longer than the service's look-up cache (5 s), so that the next look-up reads the store.
constexpr auto k_past_cache = 6s;

ApiKeyPolicy with_overlap(std::chrono::hours overlap) {
  ApiKeyPolicy policy;
  policy.rotation_overlap = overlap;
  return policy;
}

ApiKeyPolicy with_max_age(std::chrono::days max_age, std::chrono::days warning = std::chrono::days{14}) {
  ApiKeyPolicy policy;
  policy.max_age = max_age;
  policy.rotation_warning = warning;
  return policy;
}

struct Keys {
  explicit Keys(ApiKeyPolicy policy = {}) : clock(k_start), service(store, default_catalog(), clock, policy) {}

  IssuedApiKey create(NewApiKey request = recruiter()) {
    auto issued = service.create(testing::test_admin(), request);
    if (!issued) throw std::runtime_error(issued.error().message);
    return *issued;
  }

  static NewApiKey recruiter() {
    NewApiKey request;
    request.name = "ats-sync";
    request.role = "recruiter";
    request.team = "recruitment";
    request.owner = "dana";
    return request;
  }

  bool works(const std::string& secret) { return service.authenticate(secret).has_value(); }
  ApiKeyRecord stored(ApiKeyId id) { return store.state().api_keys.at(static_cast<std::size_t>(id.value - 1)); }

  FakeStore store;
  ManualClock clock;
  ApiKeyService service;
};

TEST(ApiKeyService, ARotatedKeyWorksForTheOverlapThenStopsWhileItsSuccessorWorksOn) {
  Keys keys;
  const auto old_key = keys.create();
  ASSERT_TRUE(keys.works(old_key.secret));

  auto rotated = keys.service.rotate(testing::test_admin(), old_key.record.id);
  ASSERT_TRUE(rotated) << rotated.error().message;
  const auto& successor = rotated->successor;
  EXPECT_NE(successor.secret, old_key.secret);
  EXPECT_NE(successor.record.id, old_key.record.id);
  EXPECT_EQ(rotated->previous.replaced_by, successor.record.id);
  EXPECT_EQ(rotated->previous.expires_at, k_start + 24h);
  EXPECT_EQ(keys.service.effective_expiry(rotated->previous), k_start + 24h);
  EXPECT_EQ(keys.stored(old_key.record.id).replaced_by, successor.record.id);
  EXPECT_TRUE(keys.works(old_key.secret));
  EXPECT_TRUE(keys.works(successor.secret));

  keys.clock.advance(23h + 59min);
  EXPECT_TRUE(keys.works(old_key.secret));
  EXPECT_TRUE(keys.works(successor.secret));

  keys.clock.advance(1min + k_past_cache);
  auto refused = keys.service.authenticate(old_key.secret);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::unauthenticated);
  EXPECT_TRUE(keys.works(successor.secret));
}

TEST(ApiKeyService, TheOverlapEndsEvenWhileTheOldKeyIsCached) {
  Keys keys;
  const auto old_key = keys.create();
  ASSERT_TRUE(keys.service.rotate(testing::test_admin(), old_key.record.id));
  keys.clock.advance(24h - 2s);
  ASSERT_TRUE(keys.works(old_key.secret));  // cached now, for 5 s
  keys.clock.advance(2s);
  EXPECT_FALSE(keys.works(old_key.secret));
}

TEST(ApiKeyService, TheSuccessorKeepsEverythingButTheSecretAndTheDates) {
  Keys keys;
  NewApiKey request = Keys::recruiter();
  request.scopes = std::set<std::string>{"tickets:read", "tickets:write"};
  request.expires_at = k_start + std::chrono::days{30};
  const auto old_key = keys.create(request);
  keys.clock.advance(std::chrono::days{10});

  auto rotated = keys.service.rotate(testing::test_admin(), old_key.record.id);
  ASSERT_TRUE(rotated) << rotated.error().message;
  const ApiKeyRecord& successor = rotated->successor.record;
  EXPECT_EQ(successor.name, "ats-sync");
  EXPECT_EQ(successor.role, "recruiter");
  EXPECT_EQ(successor.team, "recruitment");
  EXPECT_EQ(successor.owner, "dana");
  EXPECT_EQ(successor.scopes, request.scopes);
  EXPECT_EQ(successor.created_at, keys.clock.now());
  EXPECT_FALSE(successor.last_used_at);
  EXPECT_FALSE(successor.replaced_by);
  // The same lifetime again, counted from the rotation, not the old key's end.
  EXPECT_EQ(successor.expires_at, keys.clock.now() + std::chrono::days{30});
  EXPECT_EQ(rotated->previous.expires_at, keys.clock.now() + 24h);
}

TEST(ApiKeyService, AnOldKeyThatWouldExpireSoonerKeepsItsOwnExpiry) {
  Keys keys;
  NewApiKey request = Keys::recruiter();
  request.expires_at = k_start + 2h;
  const auto old_key = keys.create(request);
  auto rotated = keys.service.rotate(testing::test_admin(), old_key.record.id);
  ASSERT_TRUE(rotated);
  EXPECT_EQ(rotated->previous.expires_at, k_start + 2h);
}

TEST(ApiKeyService, AKeyRotatesOnlyOnce) {
  Keys keys;
  const auto old_key = keys.create();
  auto first = keys.service.rotate(testing::test_admin(), old_key.record.id);
  ASSERT_TRUE(first);
  auto again = keys.service.rotate(testing::test_admin(), old_key.record.id);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::conflict);
  EXPECT_NE(again.error().message.find("already rotated"), std::string::npos) << again.error().message;
  // The successor itself rotates, and the chain goes on.
  auto next = keys.service.rotate(testing::test_admin(), first->successor.record.id);
  ASSERT_TRUE(next) << next.error().message;
  EXPECT_TRUE(keys.works(next->successor.secret));
  EXPECT_EQ(keys.store.state().api_keys.size(), 3u);
}

TEST(ApiKeyService, TheOverlapIsConfigurable) {
  Keys keys(with_overlap(1h));
  const auto old_key = keys.create();
  auto rotated = keys.service.rotate(testing::test_admin(), old_key.record.id);
  ASSERT_TRUE(rotated);
  EXPECT_EQ(rotated->previous.expires_at, k_start + 1h);
  keys.clock.advance(59min);
  EXPECT_TRUE(keys.works(old_key.secret));
  keys.clock.advance(1min + k_past_cache);
  EXPECT_FALSE(keys.works(old_key.secret));
  EXPECT_TRUE(keys.works(rotated->successor.secret));
}

TEST(ApiKeyService, KeysNearTheirMaximumAgeAreDueAndStopAtIt) {
  Keys keys(with_max_age(std::chrono::days{90}, std::chrono::days{14}));
  const auto key = keys.create();
  EXPECT_EQ(keys.service.effective_expiry(key.record), k_start + std::chrono::days{90});

  keys.clock.advance(std::chrono::days{76} - 1min);
  EXPECT_FALSE(keys.service.is_due_for_rotation(keys.stored(key.record.id), keys.clock.now()));
  EXPECT_TRUE(keys.service.due_for_rotation()->empty());

  keys.clock.advance(1min);  // day 76 = 90 - 14
  EXPECT_TRUE(keys.service.is_due_for_rotation(keys.stored(key.record.id), keys.clock.now()));
  auto due = keys.service.due_for_rotation();
  ASSERT_TRUE(due);
  ASSERT_EQ(due->size(), 1u);
  EXPECT_EQ(due->front().id, key.record.id);
  EXPECT_TRUE(keys.works(key.secret));

  keys.clock.advance(std::chrono::days{14} - 1min);  // one minute before day 90
  EXPECT_TRUE(keys.works(key.secret));
  keys.clock.advance(1min);  // day 90: aged out, even though it was just cached
  EXPECT_FALSE(keys.works(key.secret));
  // A dead key is no longer due: it can only be replaced, not rotated.
  EXPECT_TRUE(keys.service.due_for_rotation()->empty());
  auto rotated = keys.service.rotate(testing::test_admin(), key.record.id);
  ASSERT_FALSE(rotated);
  EXPECT_EQ(rotated.error().code, ErrorCode::conflict);
}

TEST(ApiKeyService, RotatingADueKeyLeavesASuccessorThatIsNotDue) {
  Keys keys(with_max_age(std::chrono::days{90}));
  const auto key = keys.create();
  keys.clock.advance(std::chrono::days{80});
  auto rotated = keys.service.rotate(testing::test_admin(), key.record.id);
  ASSERT_TRUE(rotated);
  EXPECT_FALSE(keys.service.is_due_for_rotation(rotated->successor.record, keys.clock.now()));
  // A rotated key is not due either: its replacement exists.
  EXPECT_FALSE(keys.service.is_due_for_rotation(rotated->previous, keys.clock.now()));
  EXPECT_TRUE(keys.service.due_for_rotation()->empty());
  EXPECT_EQ(keys.service.effective_expiry(rotated->successor.record), keys.clock.now() + std::chrono::days{90});
}

TEST(ApiKeyService, AnOverlapNeverOutlivesTheMaximumAge) {
  Keys keys(with_max_age(std::chrono::days{90}));
  const auto key = keys.create();
  keys.clock.advance(std::chrono::days{90} - 1h);
  auto rotated = keys.service.rotate(testing::test_admin(), key.record.id);
  ASSERT_TRUE(rotated);
  EXPECT_EQ(keys.service.effective_expiry(rotated->previous), k_start + std::chrono::days{90});
}

TEST(ApiKeyService, NothingIsDueWithoutAMaximumAge) {
  Keys keys;
  keys.create();
  keys.clock.advance(std::chrono::days{3650});
  EXPECT_TRUE(keys.service.due_for_rotation()->empty());
}

TEST(ApiKeyService, ARevokedKeyIsRefusedAtOnceOnThisNode) {
  Keys keys;
  const auto key = keys.create();
  ASSERT_TRUE(keys.works(key.secret));  // cached
  ASSERT_TRUE(keys.service.revoke(testing::test_admin(), key.record.id));
  auto refused = keys.service.authenticate(key.secret);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::unauthenticated);
  EXPECT_TRUE(keys.stored(key.record.id).revoked);
  EXPECT_TRUE(keys.service.revoke(testing::test_admin(), key.record.id));  // again: nothing to do, no error
}

TEST(ApiKeyService, ARevocationOnAnotherNodeReachesThisOneWhenItsCacheExpires) {
  Keys keys;
  ApiKeyService other_node(keys.store, default_catalog(), keys.clock);
  const auto key = keys.create();
  ASSERT_TRUE(keys.works(key.secret));  // cached on this node
  ASSERT_TRUE(other_node.revoke(testing::test_admin(), key.record.id));
  keys.clock.advance(4s);
  EXPECT_TRUE(keys.works(key.secret));  // still cached: at most 5 s
  keys.clock.advance(2s);
  EXPECT_FALSE(keys.works(key.secret));
}

TEST(ApiKeyService, ARevokedKeyCannotBeRotated) {
  Keys keys;
  const auto key = keys.create();
  ASSERT_TRUE(keys.service.revoke(testing::test_admin(), key.record.id));
  auto rotated = keys.service.rotate(testing::test_admin(), key.record.id);
  ASSERT_FALSE(rotated);
  EXPECT_EQ(rotated.error().code, ErrorCode::conflict);
  EXPECT_EQ(keys.store.state().api_keys.size(), 1u);
}

TEST(ApiKeyService, UnknownKeysAreNotFound) {
  Keys keys;
  EXPECT_EQ(keys.service.rotate(testing::test_admin(), ApiKeyId{42}).error().code, ErrorCode::not_found);
  EXPECT_EQ(keys.service.revoke(testing::test_admin(), ApiKeyId{42}).error().code, ErrorCode::not_found);
  EXPECT_FALSE(*keys.service.find(ApiKeyId{42}));
  const auto key = keys.create();
  EXPECT_EQ((*keys.service.find(key.record.id))->name, "ats-sync");
}

TEST(ApiKeyService, ScopesNarrowTheActor) {
  Keys keys;
  NewApiKey request = Keys::recruiter();
  request.scopes = std::set<std::string>{"tickets:read"};
  const auto key = keys.create(request);
  auto actor = keys.service.authenticate(key.secret);
  ASSERT_TRUE(actor);
  EXPECT_EQ(actor->name, "ats-sync");
  EXPECT_EQ(actor->role, "recruiter");
  EXPECT_EQ(actor->team, "recruitment");
  EXPECT_EQ(actor->credential, "key:" + std::to_string(key.record.id.value));
  EXPECT_EQ(actor->scopes, request.scopes);
  EXPECT_TRUE(allows(default_catalog(), *actor, "tickets:read"));
  EXPECT_FALSE(allows(default_catalog(), *actor, "tickets:write"));

  const auto unscoped = keys.create();
  auto full = keys.service.authenticate(unscoped.secret);
  ASSERT_TRUE(full);
  EXPECT_FALSE(full->scopes);
  EXPECT_TRUE(allows(default_catalog(), *full, "tickets:write"));
}

TEST(ApiKeyService, LastUsedIsWrittenAtMostOnceAMinute) {
  Keys keys;
  const auto key = keys.create();
  EXPECT_FALSE(keys.stored(key.record.id).last_used_at);
  ASSERT_TRUE(keys.works(key.secret));
  EXPECT_EQ(keys.stored(key.record.id).last_used_at, k_start);
  const auto writes = keys.store.commit_stats().writes;

  for (int i = 0; i < 9; ++i) {
    keys.clock.advance(k_past_cache);  // 54 s in all: each look-up reads the store
    ASSERT_TRUE(keys.works(key.secret));
  }
  EXPECT_EQ(keys.stored(key.record.id).last_used_at, k_start);
  EXPECT_EQ(keys.store.commit_stats().writes, writes);

  keys.clock.advance(k_past_cache);  // 60 s
  ASSERT_TRUE(keys.works(key.secret));
  EXPECT_EQ(keys.stored(key.record.id).last_used_at, k_start + 60s);
  EXPECT_EQ(keys.store.commit_stats().writes, writes + 1);
}

TEST(ApiKeyService, NamesEveryInvalidFieldOfANewKey) {
  Keys keys;
  NewApiKey request;
  request.name = "";
  request.role = "emperor";
  request.team = "nowhere";
  request.scopes = std::set<std::string>{"tickets:read", "tickets:fly"};
  request.owner = "";
  request.expires_at = k_start - 1s;
  auto created = keys.service.create(testing::test_admin(), request);
  ASSERT_FALSE(created);
  EXPECT_EQ(created.error().code, ErrorCode::validation_failed);
  std::vector<std::string> fields;
  for (const auto& field : created.error().fields) fields.push_back(field.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"name", "role", "team", "scopes", "owner", "expires_at"}));
  EXPECT_NE(created.error().fields[3].message.find("tickets:fly"), std::string::npos);
  EXPECT_TRUE(keys.store.state().api_keys.empty());

  NewApiKey empty_scopes = Keys::recruiter();
  empty_scopes.scopes = std::set<std::string>{};
  auto refused = keys.service.create(testing::test_admin(), empty_scopes);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().fields.at(0).field, "scopes");
}

TEST(ApiKeyService, StoresOnlyTheHashOfTheSecret) {
  Keys keys;
  const auto key = keys.create();
  EXPECT_EQ(key.secret.rfind(k_api_key_prefix, 0), 0u);
  const auto stored = keys.stored(key.record.id);
  EXPECT_NE(stored.secret_hash, key.secret);
  EXPECT_EQ(stored.secret_hash.size(), 64u);
  EXPECT_FALSE(keys.works("snag_not-a-key"));
  EXPECT_FALSE(keys.works(""));
}

}  // namespace api_key_service_test
}  // namespace snag
