#pragma once
// Pseudonyms for candidates in data that leaves Snag (the vendor feedback export): an HMAC of the
// candidate's "ats:external_id" under a salt that exists for one export only. Within the export
// a candidate always has the same pseudonym, so rows can be counted per candidate; across exports
// the pseudonyms differ, so two exports cannot be joined on them, and without the salt (never
// written out or stored) nobody can test a guessed id against a pseudonym.

#include <string>

#include <snag/domain/candidate.hpp>

namespace snag {

// 16 lower-case hex characters (64 bits of the HMAC-SHA256 tag): collisions among the candidates
// of one export are negligible.
inline constexpr std::size_t k_pseudonym_length = 16;

class CandidatePseudonyms {
 public:
  // REQUIRES: a salt from a cryptographic random source, used for one export only.
  explicit CandidatePseudonyms(std::string salt) : m_salt(std::move(salt)) {}

  std::string of(const CandidateRef& candidate) const;

 private:
  std::string m_salt;
};

}  // namespace snag
