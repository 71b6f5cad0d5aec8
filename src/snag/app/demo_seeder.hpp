#pragma once
// Seeds a believable demo org: teams' people, candidates with levels, geographies and ATS
// fields, and tickets spread over the past year with realistic type, severity and status
// mixes, each with the journal a real history would have left. Deterministic for a seed.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <snag/app/api_key_service.hpp>
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

// A demo login: the name and role of a demo person and the API key that acts as them.
struct DemoLogin {
  std::string name;
  std::string role;
  std::string team;
  std::string api_key;
};

struct DemoSummary {
  std::int64_t tickets = 0;
  std::int64_t candidates = 0;
  std::vector<DemoLogin> logins;
};

// The logins seed_demo creates. Their secrets are derived from the person, not random, so that
// `make run` can print them on every start; they are for a local demo database only.
std::vector<DemoLogin> demo_logins(const Catalog& catalog, std::int64_t users);

// REQUIRES: an empty database (the API keys would clash otherwise).
Result<DemoSummary> seed_demo(Store& store, const Catalog& catalog, const Clock& clock, ApiKeyService& api_keys,
                              const DemoOptions& options);

}  // namespace snag
