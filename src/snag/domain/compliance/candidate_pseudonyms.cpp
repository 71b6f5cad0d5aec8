#include <snag/domain/compliance/candidate_pseudonyms.hpp>
#include <snag/util/crypto.hpp>

namespace snag {

std::string CandidatePseudonyms::of(const CandidateRef& candidate) const {
  return hmac_sha256_hex(m_salt, to_string(candidate)).substr(0, k_pseudonym_length);
}

}  // namespace snag
