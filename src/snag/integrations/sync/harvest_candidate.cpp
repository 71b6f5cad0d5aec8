#include <snag/integrations/ats/greenhouse/candidate_profile.hpp>
#include <snag/integrations/ats/payload_reader.hpp>
#include <snag/integrations/sync/harvest_candidate.hpp>

namespace snag::sync {

namespace {

std::optional<std::string> text_field(const nlohmann::json& fields, const char* name) {
  const auto found = fields.find(name);
  if (found == fields.end() || !found->is_string() || found->get_ref<const std::string&>().empty()) {
    return std::nullopt;
  }
  return found->get<std::string>();
}

}  // namespace

Result<AtsEvent> harvest_candidate_event(const nlohmann::json& candidate, std::string_view ats) {
  if (!candidate.is_object()) return fail(ErrorCode::invalid_argument, "a Harvest candidate must be a JSON object");
  std::vector<FieldError> errors;
  const ats::PayloadObject object(candidate, "", errors);
  const auto id = object.required_id("id");
  const auto updated_at = object.required_time("updated_at");
  CandidateProfile profile = ats::greenhouse_candidate_profile(object);
  if (id) {
    for (auto& error : validate_candidate_ref(CandidateRef{std::string(ats), *id}, "")) {
      errors.push_back(std::move(error));
    }
  }
  if (!errors.empty()) return fail_validation(std::move(errors));

  profile.level = text_field(profile.fields, "level");
  profile.geography = text_field(profile.fields, "geography");
  AtsEvent event;
  event.type = AtsEventType::candidate_updated;
  event.source_action = std::string(k_harvest_source_action);
  event.occurred_at = *updated_at;
  event.candidate = CandidateRef{std::string(ats), *id};
  event.profile = std::move(profile);
  event.object = "candidate:" + *id;
  return event;
}

}  // namespace snag::sync
