#include <algorithm>
#include <cctype>

#include <snag/app/access/access_recorder.hpp>
#include <snag/app/identity/session_service.hpp>
#include <snag/util/crypto.hpp>
#include <snag/util/text.hpp>

namespace snag {

namespace {

std::string user_object(const UserRecord& user) { return "user:" + user.username; }

constexpr std::size_t k_max_cached_sessions = 10000;
constexpr std::size_t k_token_bytes = 32;
constexpr std::size_t k_max_username = 100;
constexpr std::size_t k_max_display_name = 200;
constexpr std::size_t k_min_password = 12;
constexpr std::size_t k_max_password = 1024;  // bytes; argon2 takes any length, a request should not
constexpr std::size_t k_max_token = 512;
constexpr std::string_view k_wrong_credentials = "The username or password is wrong";

tl::unexpected<Error> refused_session() {
  return fail(ErrorCode::unauthenticated, "The session is unknown or has expired; sign in again");
}

bool valid_username(std::string_view name) {
  if (name.empty() || name.size() > k_max_username) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
  });
}

// Characters, not bytes, of UTF-8 text: every byte but the continuation bytes starts one.
std::size_t utf8_length(std::string_view text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

bool has_control_character(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte < 0x20 || byte == 0x7F;
  });
}

void check_password(const std::string& password, std::vector<FieldError>& errors) {
  if (utf8_length(password) < k_min_password) {
    errors.push_back({"password", "must be at least 12 characters"});
  } else if (password.size() > k_max_password) {
    errors.push_back({"password", "must be at most 1024 bytes"});
  }
}

// An address to send notifications to: one '@' with something on either side, no spaces or
// control characters, at most 254 characters (RFC 5321's limit). Deliverability is the mail
// server's to judge.
void check_email(const std::optional<std::string>& email, std::vector<FieldError>& errors) {
  if (!email) return;
  const auto at = email->find('@');
  const bool shaped = email->size() <= 254 && at != std::string::npos && at > 0 && at + 1 < email->size() &&
                      email->find('@', at + 1) == std::string::npos &&
                      std::none_of(email->begin(), email->end(), [](char c) {
                        return static_cast<unsigned char>(c) <= ' ' || c == 0x7f || c == '<' || c == '>';
                      });
  if (!shaped) errors.push_back({"email", "must be an email address such as name@example.com"});
}

}  // namespace

SessionService::SessionService(Store& store, const Catalog& catalog, const Clock& clock, LoginSettings settings,
                               password::Cost cost)
    : m_store(store),
      m_catalog(catalog),
      m_clock(clock),
      m_settings(std::move(settings)),
      m_cost(cost),
      m_account_failures(std::chrono::duration_cast<std::chrono::milliseconds>(m_settings.failure_window)),
      m_address_failures(std::chrono::duration_cast<std::chrono::milliseconds>(m_settings.failure_window)) {}

std::optional<std::string> SessionService::default_view(std::string_view role) const {
  const auto view = m_settings.default_views.find(std::string(role));
  if (view == m_settings.default_views.end()) return std::nullopt;
  return view->second;
}

void SessionService::check_profile(const std::string& display_name, const std::string& role,
                                   const std::optional<std::string>& team, std::vector<FieldError>& errors) const {
  const std::size_t display_length = utf8_length(display_name);
  if (display_length == 0 || display_length > k_max_display_name || has_control_character(display_name)) {
    errors.push_back({"display_name", "must be 1 to 200 characters, without control characters"});
  }
  if (!m_catalog.has_role(role)) errors.push_back({"role", "'" + role + "' is not a role"});
  if (team && !m_catalog.has_team(*team)) errors.push_back({"team", "'" + *team + "' is not a team"});
}

Result<void> SessionService::check_new_user(const NewUser& request) const {
  std::vector<FieldError> errors;
  if (!valid_username(request.username)) {
    errors.push_back({"username", "must be 1 to 100 characters of a-z, 0-9, '.', '_' and '-'"});
  }
  check_profile(request.display_name, request.role, request.team, errors);
  check_email(request.email, errors);
  check_password(request.password, errors);
  if (!errors.empty()) return fail_validation(std::move(errors));
  return {};
}

Result<UserRecord> SessionService::create_user(const Actor& by, const NewUser& request) {
  if (auto valid = check_new_user(request); !valid) return tl::unexpected(std::move(valid.error()));
  UserRecord user;
  user.username = request.username;
  user.display_name = request.display_name;
  user.role = request.role;
  user.team = request.team;
  user.email = request.email;
  user.password_hash = password::hash(request.password, m_cost);
  user.created_at = m_clock.now();
  auto written = m_store.write([&](WriteTransaction& tx) -> Result<void> {
    auto id = tx.insert_user(user);
    if (!id) return tl::unexpected(std::move(id.error()));
    user.id = *id;
    return tx.append_access_log({access_entry(by, AccessAction::edit, user.created_at, user_object(user))});
  });
  if (!written) {
    if (written.error().code == ErrorCode::conflict) {
      return fail(ErrorCode::conflict, "The username '" + request.username + "' is taken");
    }
    return tl::unexpected(std::move(written.error()));
  }
  return user;
}

Result<std::vector<UserRecord>> SessionService::list_users() { return m_store.list_users(); }

Result<UserRecord> SessionService::update_user(const Actor& by, UserId id, const UserChanges& changes) {
  const auto apply = [&changes](UserRecord& user) {
    if (changes.display_name) user.display_name = *changes.display_name;
    if (changes.role) user.role = *changes.role;
    if (changes.team) user.team = *changes.team;
    if (changes.disabled) user.disabled = *changes.disabled;
    if (changes.email) user.email = *changes.email;
  };
  const auto unknown = [id] { return fail(ErrorCode::not_found, "There is no user " + std::to_string(id.value) + "."); };
  // Checked and hashed before the write: argon2id takes tens of milliseconds, which the one
  // writer must not spend.
  auto found = m_store.find_user(id);
  if (!found) return tl::unexpected(std::move(found.error()));
  if (!*found) return unknown();
  UserRecord checked = std::move(**found);
  apply(checked);
  std::vector<FieldError> errors;
  check_profile(checked.display_name, checked.role, checked.team, errors);
  check_email(checked.email, errors);
  if (changes.password) check_password(*changes.password, errors);
  if (!errors.empty()) return fail_validation(std::move(errors));
  std::optional<std::string> password_hash;
  if (changes.password) password_hash = password::hash(*changes.password, m_cost);

  const bool sign_out = changes.password || (changes.disabled && *changes.disabled);
  UserRecord user;
  // Read again inside the write, so that a concurrent change to another field is not undone.
  auto written = m_store.write([&](WriteTransaction& tx) -> Result<void> {
    auto current = tx.find_user(id);
    if (!current) return tl::unexpected(std::move(current.error()));
    if (!*current) return unknown();
    user = std::move(**current);
    apply(user);
    if (password_hash) user.password_hash = *password_hash;
    if (auto updated = tx.update_user(user); !updated) return updated;
    if (auto logged = tx.append_access_log({access_entry(by, AccessAction::edit, m_clock.now(), user_object(user))});
        !logged) {
      return logged;
    }
    if (!sign_out) return {};
    auto ended = tx.delete_user_sessions(user.id);
    if (!ended) return tl::unexpected(std::move(ended.error()));
    return {};
  });
  if (!written) return tl::unexpected(std::move(written.error()));
  // Cached sessions carry the old role and team: look them up again.
  std::lock_guard lock(m_mutex);
  m_cache.clear();
  return user;
}

const std::string& SessionService::dummy_hash() {
  std::call_once(m_dummy_made, [this] { m_dummy_hash = password::hash(random_token(k_token_bytes), m_cost); });
  return m_dummy_hash;
}

Result<void> SessionService::admit_attempt(const std::string& account, std::string_view address, Timestamp now) {
  std::lock_guard lock(m_mutex);
  const auto over_limit = [&](RecentEvents& failures, const std::string& key, int limit) -> std::optional<long> {
    if (limit <= 0) return std::nullopt;
    return failures.wait_if_full(key, static_cast<std::size_t>(limit), now);
  };
  const std::string address_key(address);
  const bool count_address = !address.empty() && m_settings.max_failures_per_address > 0;
  if (auto wait = over_limit(m_account_failures, account, m_settings.max_failures_per_account)) {
    return fail_rate_limited("Too many failed sign-ins for this account; try again later", *wait);
  }
  if (count_address) {
    if (auto wait = over_limit(m_address_failures, address_key, m_settings.max_failures_per_address)) {
      return fail_rate_limited("Too many failed sign-ins from this address; try again later", *wait);
    }
  }
  if (m_settings.max_failures_per_account > 0) m_account_failures.count(account, now);
  if (count_address) m_address_failures.count(address_key, now);
  return {};
}

void SessionService::forgive_attempt(const std::string& account, std::string_view address, Timestamp at,
                                     bool clear_account) {
  std::lock_guard lock(m_mutex);
  if (clear_account) {
    m_account_failures.forget(account);
  } else {
    m_account_failures.take_back(account, at);
  }
  if (!address.empty()) m_address_failures.take_back(std::string(address), at);
}

Result<SignedIn> SessionService::login(std::string_view username, std::string_view password, std::string_view address) {
  // Usernames are lower-case; "Alice" signs in as alice and shares her failure count.
  const std::string account = ascii_lower(username.substr(0, k_max_username + 1));
  const Timestamp now = m_clock.now();
  if (auto admitted = admit_attempt(account, address, now); !admitted)
    return tl::unexpected(std::move(admitted.error()));

  std::optional<UserRecord> user;
  if (valid_username(account)) {
    auto found = m_store.find_user_by_name(account);
    if (!found) {
      forgive_attempt(account, address, now, false);
      return tl::unexpected(std::move(found.error()));
    }
    user = std::move(*found);
  }
  // An unknown user costs the same hash as a known one, so the timing does not tell them apart.
  bool verified = false;
  if (user) {
    verified = password::verify(user->password_hash, password);
  } else {
    (void)password::verify(dummy_hash(), password);
  }
  if (!verified) return fail(ErrorCode::unauthenticated, std::string(k_wrong_credentials));
  if (user->disabled) {
    // The right password is no guess; the account is just closed.
    forgive_attempt(account, address, now, false);
    return fail(ErrorCode::unauthenticated, "The account '" + user->username + "' is disabled");
  }
  forgive_attempt(account, address, now, true);

  SignedIn signed_in;
  signed_in.session_token = random_token(k_token_bytes);
  signed_in.csrf_token = random_token(k_token_bytes);
  signed_in.expires_at = now + std::chrono::duration_cast<std::chrono::milliseconds>(m_settings.session_lifetime);
  SessionRecord session;
  session.token_hash = sha256_hex(signed_in.session_token);
  session.user = user->id;
  session.csrf_token = signed_in.csrf_token;
  session.created_at = now;
  session.expires_at = signed_in.expires_at;
  session.address = std::string(address);
  // A hash made at an older cost is replaced now that the password is known.
  std::optional<UserRecord> rehashed;
  if (password::needs_rehash(user->password_hash, m_cost)) {
    rehashed = *user;
    rehashed->password_hash = password::hash(password, m_cost);
  }
  auto written = m_store.write([&](WriteTransaction& tx) -> Result<void> {
    if (rehashed) {
      if (auto updated = tx.update_user(*rehashed); !updated) return updated;
    }
    return tx.insert_session(session);
  });
  if (!written) return tl::unexpected(std::move(written.error()));
  signed_in.actor = Actor{user->username,       user->role,  user->team, "session:" + std::to_string(user->id.value),
                          std::string(address), std::nullopt};
  return signed_in;
}

Result<SessionActor> SessionService::authenticate(std::string_view session_token) {
  if (session_token.empty() || session_token.size() > k_max_token) return refused_session();
  const std::string hash = sha256_hex(session_token);
  const Timestamp now = m_clock.now();
  {
    std::lock_guard lock(m_mutex);
    const auto cached = m_cache.find(hash);
    if (cached != m_cache.end() && now - cached->second.cached_at < k_credential_cache_lifetime) {
      if (now >= cached->second.expires_at) return refused_session();
      return cached->second.session;
    }
  }
  auto found = m_store.find_session(hash);
  if (!found) return tl::unexpected(std::move(found.error()));
  if (!*found || now >= (*found)->expires_at) return refused_session();
  const SessionRecord& session = **found;
  auto user = m_store.find_user(session.user);
  if (!user) return tl::unexpected(std::move(user.error()));
  if (!*user || (*user)->disabled) return refused_session();
  SessionActor result{Actor{(*user)->username,
                            (*user)->role,
                            (*user)->team,
                            "session:" + std::to_string((*user)->id.value),
                            {},
                            std::nullopt},
                      session.csrf_token};
  std::lock_guard lock(m_mutex);
  if (m_cache.size() >= k_max_cached_sessions) m_cache.clear();
  m_cache[hash] = CachedSession{result, session.expires_at, now};
  return result;
}

Result<void> SessionService::logout(std::string_view session_token) {
  if (session_token.empty() || session_token.size() > k_max_token) return {};
  const std::string hash = sha256_hex(session_token);
  const auto forget = [&] {
    std::lock_guard lock(m_mutex);
    m_cache.erase(hash);
  };
  forget();
  auto deleted = m_store.write([&](WriteTransaction& tx) { return tx.delete_session(hash); });
  forget();  // again: a look-up that raced with the delete may have cached the session meanwhile
  return deleted;
}

}  // namespace snag
