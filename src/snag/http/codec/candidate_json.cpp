#include <snag/domain/custom_fields.hpp>
#include <snag/http/codec/candidate_json.hpp>
#include <snag/http/codec/field_reader.hpp>
#include <snag/http/codec/optional_json.hpp>
#include <snag/util/time.hpp>

namespace snag::http {

Result<CandidateProfile> decode_candidate_profile(const nlohmann::json& body) {
  std::vector<FieldError> errors;
  FieldReader reader(body, "", errors);
  CandidateProfile profile;
  const auto text = [&](std::string_view name, std::optional<std::string>& target) {
    const auto* value = reader.find(name);
    if (value != nullptr && !value->is_null()) target = decode_string(*value, std::string(name), errors);
  };
  text("name", profile.name);
  text("email", profile.email);
  text("level", profile.level);
  text("geography", profile.geography);
  if (const auto* fields = reader.find("fields"); fields != nullptr && !fields->is_null()) {
    if (auto object = decode_object(*fields, "fields", errors)) {
      if (auto too_much = check_custom_fields(*object, "fields")) {
        errors.push_back(std::move(*too_much));
      } else {
        profile.fields = std::move(*object);
      }
    }
  }
  reader.reject_unknown({"ats", "external_id", "created_at", "updated_at"});
  if (!errors.empty()) return fail_validation(std::move(errors));
  return profile;
}

nlohmann::json encode_candidate(const Candidate& candidate) {
  return {{"ats", candidate.ref.ats},
          {"external_id", candidate.ref.external_id},
          {"name", optional_text(candidate.profile.name)},
          {"email", optional_text(candidate.profile.email)},
          {"level", optional_text(candidate.profile.level)},
          {"geography", optional_text(candidate.profile.geography)},
          {"fields", candidate.profile.fields},
          {"created_at", format_rfc3339(candidate.created_at)},
          {"updated_at", format_rfc3339(candidate.updated_at)},
          {"purged_at", optional_time(candidate.purged_at)},
          {"erased_at", optional_time(candidate.erased_at)}};
}

}  // namespace snag::http
