#include <snag/app/candidate_service.hpp>

namespace snag {

namespace {

void check_optional_text(std::vector<FieldError>& errors, std::string_view field,
                         const std::optional<std::string>& value) {
  if (value && value->size() > k_max_candidate_text_length) {
    errors.push_back({std::string(field), "must be at most " + std::to_string(k_max_candidate_text_length) + " bytes"});
  }
}

tl::unexpected<Error> candidate_not_found(const CandidateRef& ref) {
  return fail(ErrorCode::not_found, "Candidate " + to_string(ref) + " is not known");
}

}  // namespace

CandidateService::CandidateService(Store& store, const Clock& clock, const AccessGuard& access,
                                   AccessRecorder& recorder)
    : m_store(store), m_clock(clock), m_access(access), m_recorder(recorder) {}

Result<UpsertedCandidate> CandidateService::upsert(const Actor& actor, const CandidateRef& ref,
                                                   const CandidateProfile& profile) {
  if (auto allowed = m_access.require(actor, permission::candidates_write); !allowed) {
    return tl::unexpected(std::move(allowed.error()));
  }
  auto errors = validate_candidate_ref(ref, "");
  check_optional_text(errors, "name", profile.name);
  check_optional_text(errors, "email", profile.email);
  check_optional_text(errors, "level", profile.level);
  check_optional_text(errors, "geography", profile.geography);
  if (!profile.fields.is_object()) errors.push_back({"fields", "must be an object"});
  if (!errors.empty()) return fail_validation(std::move(errors));

  const Timestamp now = m_clock.now();
  bool created = false;
  auto written = m_store.write([&](WriteTransaction& tx) -> Result<void> {
    auto upserted = tx.upsert_candidate(Candidate{ref, profile, now, now, std::nullopt, std::nullopt});
    if (!upserted) return tl::unexpected(std::move(upserted.error()));
    created = *upserted;
    return tx.append_access_log({access_entry(actor, AccessAction::edit, now, ref)});
  });
  if (!written) return tl::unexpected(std::move(written.error()));
  auto stored = m_store.find_candidate(ref);
  if (!stored) return tl::unexpected(std::move(stored.error()));
  if (!*stored) return candidate_not_found(ref);
  return UpsertedCandidate{m_access.shown(actor, std::move(**stored)), created};
}

Result<Candidate> CandidateService::get(const Actor& actor, const CandidateRef& ref) {
  if (auto allowed = m_access.require(actor, permission::candidates_read); !allowed) {
    return tl::unexpected(std::move(allowed.error()));
  }
  auto found = m_store.find_candidate(ref);
  if (!found) return tl::unexpected(std::move(found.error()));
  if (!*found) return candidate_not_found(ref);
  m_recorder.viewed(access_entry(actor, AccessAction::view, m_clock.now(), ref));
  return m_access.shown(actor, std::move(**found));
}

}  // namespace snag
