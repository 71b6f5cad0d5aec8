#include <snag/app/api_key_service.hpp>

#include <snag/util/crypto.hpp>

namespace snag {

namespace {
constexpr std::chrono::seconds k_cache_lifetime{5};
constexpr std::size_t k_secret_bytes = 32;
constexpr std::size_t k_max_cached_keys = 10000;
}  // namespace

ApiKeyService::ApiKeyService(Store& store, const Catalog& catalog, const Clock& clock)
    : m_store(store), m_clock(clock), m_catalog(catalog) {}

Result<IssuedApiKey> ApiKeyService::create(const NewApiKey& request) {
  return create_with_secret(request, std::string(k_api_key_prefix) + random_token(k_secret_bytes));
}

Result<IssuedApiKey> ApiKeyService::create_with_secret(const NewApiKey& request, std::string secret) {
  std::vector<FieldError> errors;
  if (request.name.empty() || request.name.size() > 200) errors.push_back({"name", "must be 1 to 200 characters"});
  if (!m_catalog.has_role(request.role)) errors.push_back({"role", "'" + request.role + "' is not a role"});
  if (request.team && !m_catalog.has_team(*request.team)) {
    errors.push_back({"team", "'" + *request.team + "' is not a team"});
  }
  if (!errors.empty()) return fail_validation(std::move(errors));

  IssuedApiKey issued;
  issued.record.name = request.name;
  issued.record.role = request.role;
  issued.record.team = request.team;
  issued.record.secret_hash = sha256_hex(secret);
  issued.record.created_at = m_clock.now();
  issued.record.expires_at = request.expires_at;
  issued.secret = std::move(secret);
  auto written = m_store.write([&](WriteTransaction& tx) -> Result<void> {
    auto id = tx.insert_api_key(issued.record);
    if (!id) return tl::unexpected(std::move(id.error()));
    issued.record.id = *id;
    return {};
  });
  if (!written) return tl::unexpected(std::move(written.error()));
  return issued;
}

Result<Actor> ApiKeyService::authenticate(std::string_view secret) {
  const auto refused = [] { return fail(ErrorCode::unauthenticated, "The API key is unknown, revoked or expired"); };
  if (secret.empty() || secret.size() > 512) return refused();
  const std::string hash = sha256_hex(secret);
  const Timestamp now = m_clock.now();
  {
    std::lock_guard lock(m_mutex);
    const auto cached = m_cache.find(hash);
    if (cached != m_cache.end() && now - cached->second.cached_at < k_cache_lifetime) {
      if (cached->second.expires_at && now >= *cached->second.expires_at) return refused();
      return cached->second.actor;
    }
  }
  auto found = m_store.find_api_key(hash);
  if (!found) return tl::unexpected(std::move(found.error()));
  if (!*found || (*found)->revoked || ((*found)->expires_at && now >= *(*found)->expires_at)) return refused();
  const ApiKeyRecord& record = **found;
  Actor actor{record.name, record.role, record.team, "key:" + std::to_string(record.id.value)};
  std::lock_guard lock(m_mutex);
  if (m_cache.size() >= k_max_cached_keys) m_cache.clear();
  m_cache[hash] = CachedActor{actor, record.expires_at, now};
  return actor;
}

}  // namespace snag
