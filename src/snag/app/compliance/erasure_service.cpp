#include <snag/app/compliance/erasure_service.hpp>

#include <snag/app/compliance/erasure.hpp>
#include <snag/domain/access/access_policy.hpp>

namespace snag {

namespace {
constexpr std::size_t k_listed_requests = 200;
}

ErasureService::ErasureService(Store& store, const Clock& clock, const AccessGuard& access)
    : m_store(store), m_clock(clock), m_access(access) {}

Result<ErasureRequest> ErasureService::request(const Actor& actor, const CandidateRef& candidate) const {
  if (auto allowed = m_access.require(actor, permission::compliance_admin); !allowed) {
    return tl::unexpected(std::move(allowed.error()));
  }
  if (auto errors = validate_candidate_ref(candidate, "candidate."); !errors.empty()) {
    return fail_validation(std::move(errors));
  }
  const Timestamp now = m_clock.now();
  ErasureRequest filed;
  auto written = m_store.write([&](WriteTransaction& tx) -> Result<void> {
    auto request = file_erasure_request(tx, candidate, "api", actor.name, now);
    if (!request) return tl::unexpected(std::move(request.error()));
    filed = std::move(*request);
    return {};
  });
  if (!written) return tl::unexpected(std::move(written.error()));
  return filed;
}

Result<ErasureRequest> ErasureService::get(const Actor& actor, ErasureRequestId id) const {
  if (auto allowed = m_access.require(actor, permission::compliance_admin); !allowed) {
    return tl::unexpected(std::move(allowed.error()));
  }
  auto found = m_store.find_erasure_request(id);
  if (!found) return tl::unexpected(std::move(found.error()));
  if (!*found) return fail(ErrorCode::not_found, "There is no erasure request " + std::to_string(id.value) + ".");
  return std::move(**found);
}

Result<std::vector<ErasureRequest>> ErasureService::list(const Actor& actor) const {
  if (auto allowed = m_access.require(actor, permission::compliance_admin); !allowed) {
    return tl::unexpected(std::move(allowed.error()));
  }
  return m_store.list_erasure_requests(k_listed_requests);
}

}  // namespace snag
