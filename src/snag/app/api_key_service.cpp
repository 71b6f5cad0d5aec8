#include <snag/app/api_key_service.hpp>
#include <snag/app/access/access_recorder.hpp>

#include <algorithm>

#include <snag/domain/access/access_policy.hpp>
#include <snag/util/crypto.hpp>

namespace snag {

namespace {

std::string key_object(ApiKeyId id) { return "api_key:" + std::to_string(id.value); }

constexpr std::size_t k_secret_bytes = 32;
constexpr std::size_t k_max_cached_keys = 10000;
// last_used_at is a hint for operators, not an audit record (the access log is): it is written
// at most this often per key, so that a busy key does not turn every read into a write.
constexpr std::chrono::minutes k_last_used_resolution{1};

std::string key_label(ApiKeyId id) { return "API key " + std::to_string(id.value); }

}  // namespace

ApiKeyService::ApiKeyService(Store& store, const Catalog& catalog, const Clock& clock, ApiKeyPolicy policy)
    : m_store(store), m_clock(clock), m_catalog(catalog), m_policy(policy) {}

Result<IssuedApiKey> ApiKeyService::create(const Actor& by, const NewApiKey& request) {
  return create_with_secret(by, request, std::string(k_api_key_prefix) + random_token(k_secret_bytes));
}

Result<void> ApiKeyService::check_new_key(const NewApiKey& request) const {
  std::vector<FieldError> errors;
  if (request.name.empty() || request.name.size() > 200) errors.push_back({"name", "must be 1 to 200 characters"});
  if (!m_catalog.has_role(request.role)) errors.push_back({"role", "'" + request.role + "' is not a role"});
  if (request.team && !m_catalog.has_team(*request.team)) {
    errors.push_back({"team", "'" + *request.team + "' is not a team"});
  }
  if (request.scopes) {
    if (request.scopes->empty()) errors.push_back({"scopes", "must name at least one permission"});
    for (const auto& scope : *request.scopes) {
      if (!is_known_permission(scope)) errors.push_back({"scopes", "'" + scope + "' is not a permission"});
    }
  }
  if (request.owner && (request.owner->empty() || request.owner->size() > 200)) {
    errors.push_back({"owner", "must be 1 to 200 characters"});
  }
  if (request.expires_at && *request.expires_at <= m_clock.now()) {
    errors.push_back({"expires_at", "must be in the future"});
  }
  if (!errors.empty()) return fail_validation(std::move(errors));
  return {};
}

Result<IssuedApiKey> ApiKeyService::create_with_secret(const Actor& by, const NewApiKey& request, std::string secret) {
  if (auto valid = check_new_key(request); !valid) return tl::unexpected(std::move(valid.error()));
  IssuedApiKey issued;
  issued.record.name = request.name;
  issued.record.role = request.role;
  issued.record.team = request.team;
  issued.record.scopes = request.scopes;
  issued.record.owner = request.owner;
  issued.record.secret_hash = sha256_hex(secret);
  issued.record.created_at = m_clock.now();
  issued.record.expires_at = request.expires_at;
  issued.secret = std::move(secret);
  auto written = m_store.write([&](WriteTransaction& tx) -> Result<void> {
    auto id = tx.insert_api_key(issued.record);
    if (!id) return tl::unexpected(std::move(id.error()));
    issued.record.id = *id;
    return tx.append_access_log({access_entry(by, AccessAction::edit, issued.record.created_at, key_object(*id))});
  });
  if (!written) return tl::unexpected(std::move(written.error()));
  return issued;
}

std::optional<Timestamp> ApiKeyService::effective_expiry(const ApiKeyRecord& key) const {
  std::optional<Timestamp> expiry = key.expires_at;
  if (m_policy.max_age) {
    const Timestamp aged_out =
        key.created_at + std::chrono::duration_cast<std::chrono::milliseconds>(*m_policy.max_age);
    if (!expiry || aged_out < *expiry) expiry = aged_out;
  }
  return expiry;
}

Result<Actor> ApiKeyService::authenticate(std::string_view secret) {
  const auto refused = [] { return fail(ErrorCode::unauthenticated, "The API key is unknown, revoked or expired"); };
  if (secret.empty() || secret.size() > 512) return refused();
  const std::string hash = sha256_hex(secret);
  const Timestamp now = m_clock.now();
  {
    std::lock_guard lock(m_mutex);
    const auto cached = m_cache.find(hash);
    if (cached != m_cache.end() && now - cached->second.cached_at < k_credential_cache_lifetime) {
      if (cached->second.expires_at && now >= *cached->second.expires_at) return refused();
      return cached->second.actor;
    }
  }
  auto found = m_store.find_api_key(hash);
  if (!found) return tl::unexpected(std::move(found.error()));
  if (!*found || (*found)->revoked) return refused();
  const ApiKeyRecord& record = **found;
  const auto expiry = effective_expiry(record);
  if (expiry && now >= *expiry) return refused();
  Actor actor{record.name, record.role, record.team, "key:" + std::to_string(record.id.value), {}, record.scopes};
  note_use(record, now);
  std::lock_guard lock(m_mutex);
  if (m_cache.size() >= k_max_cached_keys) m_cache.clear();
  m_cache[hash] = CachedActor{actor, expiry, now};
  return actor;
}

void ApiKeyService::note_use(const ApiKeyRecord& key, Timestamp now) {
  if (key.last_used_at && now - *key.last_used_at < k_last_used_resolution) return;
  // Best effort: a failed write only leaves last_used_at older than it is. The key is read
  // again inside the write: update_api_key overwrites revoked, replaced_by and expires_at too,
  // and writing back the copy authenticate() read would undo a revocation or rotation that
  // committed in between.
  (void)m_store.write([&](WriteTransaction& tx) -> Result<void> {
    auto current = tx.find_api_key_by_id(key.id);
    if (!current) return tl::unexpected(std::move(current.error()));
    if (!*current) return {};
    ApiKeyRecord used = **current;
    if (used.last_used_at && now - *used.last_used_at < k_last_used_resolution) return {};
    used.last_used_at = now;
    return tx.update_api_key(used);
  });
}

void ApiKeyService::forget_cached() {
  std::lock_guard lock(m_mutex);
  m_cache.clear();
}

Result<RotatedApiKey> ApiKeyService::rotate(const Actor& by, ApiKeyId id) {
  const Timestamp now = m_clock.now();
  const Timestamp overlap_end = now + std::chrono::duration_cast<std::chrono::milliseconds>(m_policy.rotation_overlap);
  RotatedApiKey rotated;
  IssuedApiKey& successor = rotated.successor;
  successor.secret = std::string(k_api_key_prefix) + random_token(k_secret_bytes);
  // Read and write in one unit of work, so that two rotations of one key cannot both succeed.
  auto written = m_store.write([&](WriteTransaction& tx) -> Result<void> {
    auto found = tx.find_api_key_by_id(id);
    if (!found) return tl::unexpected(std::move(found.error()));
    if (!*found) return fail(ErrorCode::not_found, key_label(id) + " does not exist");
    ApiKeyRecord old_key = **found;
    if (old_key.revoked) return fail(ErrorCode::conflict, key_label(id) + " is revoked");
    if (old_key.replaced_by) {
      return fail(ErrorCode::conflict, key_label(id) + " was already rotated to API key " +
                                           std::to_string(old_key.replaced_by->value));
    }
    if (const auto expiry = effective_expiry(old_key); expiry && now >= *expiry) {
      return fail(ErrorCode::conflict, key_label(id) + " has expired; create a new key instead");
    }
    successor.record = old_key;
    successor.record.secret_hash = sha256_hex(successor.secret);
    successor.record.created_at = now;
    successor.record.last_used_at.reset();
    // An explicit expiry is a lifetime the creator chose: the successor gets as long again,
    // rather than the old key's end (which would make the rotation pointless).
    if (old_key.expires_at) successor.record.expires_at = now + (*old_key.expires_at - old_key.created_at);
    auto new_id = tx.insert_api_key(successor.record);
    if (!new_id) return tl::unexpected(std::move(new_id.error()));
    successor.record.id = *new_id;
    // The old key stops at the end of the overlap, or sooner if it was to expire sooner anyway.
    old_key.replaced_by = *new_id;
    if (!old_key.expires_at || overlap_end < *old_key.expires_at) old_key.expires_at = overlap_end;
    rotated.previous = old_key;
    if (auto updated = tx.update_api_key(old_key); !updated) return updated;
    return tx.append_access_log({access_entry(by, AccessAction::edit, now, key_object(id)),
                                 access_entry(by, AccessAction::edit, now, key_object(*new_id))});
  });
  if (!written) return tl::unexpected(std::move(written.error()));
  forget_cached();
  return rotated;
}

Result<void> ApiKeyService::revoke(const Actor& by, ApiKeyId id) {
  auto written = m_store.write([&](WriteTransaction& tx) -> Result<void> {
    auto found = tx.find_api_key_by_id(id);
    if (!found) return tl::unexpected(std::move(found.error()));
    if (!*found) return fail(ErrorCode::not_found, key_label(id) + " does not exist");
    ApiKeyRecord key = **found;
    key.revoked = true;
    if (auto updated = tx.update_api_key(key); !updated) return updated;
    return tx.append_access_log({access_entry(by, AccessAction::edit, m_clock.now(), key_object(id))});
  });
  if (!written) return written;
  forget_cached();
  return {};
}

Result<std::vector<ApiKeyRecord>> ApiKeyService::list() { return m_store.list_api_keys(); }

Result<std::optional<ApiKeyRecord>> ApiKeyService::find(ApiKeyId id) {
  // The read side of the Store looks keys up by secret only; there are few keys.
  auto keys = m_store.list_api_keys();
  if (!keys) return tl::unexpected(std::move(keys.error()));
  for (auto& key : *keys) {
    if (key.id == id) return std::optional<ApiKeyRecord>(std::move(key));
  }
  return std::optional<ApiKeyRecord>();
}

bool ApiKeyService::is_dead(const ApiKeyRecord& key, Timestamp now) const {
  if (key.revoked) return true;
  const auto expiry = effective_expiry(key);
  return expiry && now >= *expiry;
}

bool ApiKeyService::is_due_for_rotation(const ApiKeyRecord& key, Timestamp now) const {
  if (!m_policy.max_age || key.replaced_by || is_dead(key, now)) return false;
  const auto warn_after =
      std::chrono::duration_cast<std::chrono::milliseconds>(*m_policy.max_age - m_policy.rotation_warning);
  return now - key.created_at >= warn_after;
}

Result<std::vector<ApiKeyRecord>> ApiKeyService::due_for_rotation() {
  std::vector<ApiKeyRecord> due;
  if (!m_policy.max_age) return due;
  auto keys = m_store.list_api_keys();
  if (!keys) return tl::unexpected(std::move(keys.error()));
  const Timestamp now = m_clock.now();
  for (auto& key : *keys) {
    if (is_due_for_rotation(key, now)) due.push_back(std::move(key));
  }
  return due;
}

}  // namespace snag
