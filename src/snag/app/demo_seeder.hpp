#pragma once
// Seeds a believable demo org: teams' people, candidates with levels, geographies and ATS
// fields, and tickets spread over the past year with realistic type, severity and status
// mixes, each with the journal a real history would have left. Deterministic for a seed.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <snag/app/api_key_service.hpp>
#include <snag/app/identity/session_service.hpp>
#include <snag/app/ports/clock.hpp>
#include <snag/app/ports/store.hpp>
#include <snag/domain/catalog.hpp>

namespace snag {

struct DemoOptions {
  std::int64_t tickets = 5000;
  std::int64_t candidates = 2000;
  std::int64_t users = 20;
  std::uint64_t seed = 42;
  // Called now and then with (tickets written, tickets total), for a progress line.
  std::function<void(std::int64_t, std::int64_t)> progress;
};

// The password of every demo user: a local demo database only, printed on every start.
inline constexpr std::string_view k_demo_password = "snag-demo-password";

// A demo login: the name and role of a demo person, the API key that acts as them and the
// user account they sign in to the web app with.
struct DemoLogin {
  std::string name;
  std::string role;
  std::string team;
  std::string api_key;
  std::string username;  // the person's slug: "priya_shah"
  std::string password;  // k_demo_password
};

struct DemoSummary {
  std::int64_t tickets = 0;
  std::int64_t candidates = 0;
  std::vector<DemoLogin> logins;
};

// The logins seed_demo creates. Their secrets are derived from the person, not random, so that
// `make run` can print them on every start; they are for a local demo database only.
std::vector<DemoLogin> demo_logins(const Catalog& catalog, std::int64_t users);

// REQUIRES: an empty database (the API keys and usernames would clash otherwise).
Result<DemoSummary> seed_demo(Store& store, const Catalog& catalog, const Clock& clock, ApiKeyService& api_keys,
                              SessionService& sessions, const DemoOptions& options);

}  // namespace snag
