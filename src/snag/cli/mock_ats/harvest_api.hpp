#pragma once
// The mock ATS's Greenhouse-Harvest-style API over generated candidates:
//
//   GET /v1/candidates?per_page=N&page=P&updated_after=T[&updated_before=T]
//
// per_page 1 to 500 (default 100), pages from 1, updated_after inclusive and updated_before
// exclusive (ISO 8601), HTTP Basic auth with the API key as the user name, and Link headers
// (next, prev, last) built from the request's Host, as Harvest sends them. Candidates are listed
// in (updated_at, id) order, which is what lets a client's watermark move ahead page by page, or
// by id (order_by_id), as APIs that do not promise an order may, to test clients against that.
// With throttle_every = N, every Nth request is answered 429 with Retry-After: 1 instead.

#include <atomic>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <snag/cli/mock_ats/candidate_data.hpp>
#include <snag/cli/mock_ats/tiny_server.hpp>

namespace snag::mock_ats {

struct HarvestApiOptions {
  std::optional<std::string> api_key;  // none: every request is accepted
  std::size_t throttle_every = 0;      // 0: never throttle
  bool order_by_id = false;
};

// Thread-safe: the candidates never change, and requests are counted atomically.
class HarvestApi {
 public:
  HarvestApi(std::vector<MockCandidate> candidates, HarvestApiOptions options);

  MockResponse handle(const MockRequest& request);

  std::size_t requests() const { return m_requests.load(); }

 private:
  MockResponse list_candidates(const MockRequest& request) const;
  bool authorised(const MockRequest& request) const;

  const std::vector<MockCandidate> m_candidates;
  const HarvestApiOptions m_options;
  std::vector<const MockCandidate*> m_listed;  // in the order the API lists them
  std::atomic<std::size_t> m_requests{0};
};

}  // namespace snag::mock_ats
