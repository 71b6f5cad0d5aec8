#pragma once
// API keys: created by `snag keys create`, presented as `Authorization: Bearer <secret>`.
// Only the SHA-256 of a secret is stored: the secrets are 256-bit random, so a slow password
// hash would add latency to every request without adding safety.

#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

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

struct NewApiKey {
  std::string name;
  std::string role;
  std::optional<std::string> team;
  std::optional<Timestamp> expires_at;
};

// Thread-safe. Remembers recent successful look-ups for a few seconds so that the hot path
// does not query the database on every request; a revoked key stops working within that time.
class ApiKeyService {
 public:
  ApiKeyService(Store& store, const Catalog& catalog, const Clock& clock);

  Result<IssuedApiKey> create(const NewApiKey& request);
  // Also used by demo seeding, where the secret is chosen so it can be printed on every start.
  Result<IssuedApiKey> create_with_secret(const NewApiKey& request, std::string secret);
  // unauthenticated for unknown, revoked or expired secrets.
  Result<Actor> authenticate(std::string_view secret);

 private:
  struct CachedActor {
    Actor actor;
    std::optional<Timestamp> expires_at;
    Timestamp cached_at;
  };

  Store& m_store;
  const Clock& m_clock;
  const Catalog& m_catalog;
  std::mutex m_mutex;
  std::unordered_map<std::string, CachedActor> m_cache;  // secret hash -> actor
};

}  // namespace snag
