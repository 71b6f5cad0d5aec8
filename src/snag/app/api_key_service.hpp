#pragma once
// API keys: created by `snag keys create` or POST /api/v1/keys, presented as
// `Authorization: Bearer <secret>`. Only the SHA-256 of a secret is stored: the secrets are
// 256-bit random, so a slow password hash would add latency to every request without adding
// safety.
//
// Rotation issues a successor with the same name, role, team, scopes and owner; the old key
// keeps working for the policy's overlap (default 24 h) so that the systems using it can switch
// without downtime, then stops. A policy may cap a key's age; keys near or past the cap are
// listed as due for rotation.

#include <chrono>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include <snag/app/identity/identity_policy.hpp>
#include <snag/app/ports/clock.hpp>
#include <snag/app/ports/store.hpp>
#include <snag/domain/actor.hpp>
#include <snag/domain/catalog.hpp>

namespace snag {

inline constexpr std::string_view k_api_key_prefix = "snag_";

struct IssuedApiKey {
  ApiKeyRecord record;
  std::string secret;  // shown once, never stored
};

// What a rotation did: the successor, and the old key as it now stands (replaced_by set, and
// expires_at brought forward to the end of the overlap).
struct RotatedApiKey {
  IssuedApiKey successor;
  ApiKeyRecord previous;
};

struct NewApiKey {
  std::string name;
  std::string role;
  std::optional<std::string> team;
  std::optional<Timestamp> expires_at;
  std::optional<std::set<std::string>> scopes;  // nullopt: every permission of the role
  std::optional<std::string> owner;
};

// Thread-safe. Remembers recent successful look-ups for a few seconds so that the hot path
// does not query the database on every request; a revoked key stops working within that time.
class ApiKeyService {
 public:
  ApiKeyService(Store& store, const Catalog& catalog, const Clock& clock, ApiKeyPolicy policy = {});

  // Creating, rotating and revoking are access-logged as edits of "api_key:<id>" by `by`, in
  // the same write.
  Result<IssuedApiKey> create(const Actor& by, const NewApiKey& request);
  // Also used by demo seeding, where the secret is chosen so it can be printed on every start.
  Result<IssuedApiKey> create_with_secret(const Actor& by, const NewApiKey& request, std::string secret);
  // unauthenticated for unknown, revoked, expired or aged-out secrets.
  Result<Actor> authenticate(std::string_view secret);

  // The successor of key `id`: same name, role, team, scopes and owner, and, when the old key
  // had an expiry, the same lifetime counted from now. The old key stops at now + overlap (or
  // its own expiry, if sooner). not_found for an unknown key, conflict for a revoked, already
  // rotated or expired one.
  Result<RotatedApiKey> rotate(const Actor& by, ApiKeyId id);
  // Idempotent: revoking a revoked key succeeds. not_found for an unknown key.
  Result<void> revoke(const Actor& by, ApiKeyId id);
  // Every key, in id order.
  Result<std::vector<ApiKeyRecord>> list();
  // nullopt for an unknown key.
  Result<std::optional<ApiKeyRecord>> find(ApiKeyId id);
  // Live keys (neither revoked, rotated nor expired) whose age reaches max_age -
  // rotation_warning (empty without max_age).
  Result<std::vector<ApiKeyRecord>> due_for_rotation();
  bool is_due_for_rotation(const ApiKeyRecord& key, Timestamp now) const;
  // When the key stops working: the earliest of its expiry and its age cap.
  std::optional<Timestamp> effective_expiry(const ApiKeyRecord& key) const;
  // Whether the key is revoked or past its effective expiry at `now`.
  bool is_dead(const ApiKeyRecord& key, Timestamp now) const;

  const ApiKeyPolicy& policy() const { return m_policy; }
  Timestamp now() const { return m_clock.now(); }

 private:
  struct CachedActor {
    Actor actor;
    std::optional<Timestamp> expires_at;
    Timestamp cached_at;
  };

  Result<void> check_new_key(const NewApiKey& request) const;
  void note_use(const ApiKeyRecord& key, Timestamp now);
  void forget_cached();

  Store& m_store;
  const Clock& m_clock;
  const Catalog& m_catalog;
  ApiKeyPolicy m_policy;
  std::mutex m_mutex;
  std::unordered_map<std::string, CachedActor> m_cache;  // secret hash -> actor
};

}  // namespace snag
