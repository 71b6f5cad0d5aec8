#include <snag/integrations/ats/standard_webhooks/normalise.hpp>

#include <array>

#include <snag/integrations/ats/payload_reader.hpp>

namespace snag::ats {

namespace {

// The members of data that become fields of the event rather than its detail.
constexpr std::array<std::string_view, 6> k_event_members{"candidate",      "object",      "stage",
                                                          "application_id", "merged_into", "merged_from"};
constexpr std::array<std::string_view, 3> k_body_members{"type", "timestamp", "data"};
constexpr std::array<std::string_view, 7> k_candidate_members{"ats",   "external_id", "name",  "email",
                                                              "level", "geography",   "fields"};

template <std::size_t N>
bool is_one_of(const std::array<std::string_view, N>& names, std::string_view name) {
  for (const auto known : names) {
    if (known == name) return true;
  }
  return false;
}

template <std::size_t N>
void reject_unknown_members(const PayloadObject& object, const std::array<std::string_view, N>& known) {
  if (!object.present()) return;
  for (const auto& [name, value] : object.json()->items()) {
    if (!is_one_of(known, name)) object.error(name, "is not a known field");
  }
}

std::optional<AtsEventType> read_type(const PayloadObject& root) {
  const auto text = root.required_text("type");
  if (!text) return std::nullopt;
  const auto type = parse_ats_event_type(*text);
  if (!type || *type == AtsEventType::recorded) {
    root.error("type", "'" + *text + "' is not a Snag event type (candidate.created, offer.expired, …)");
    return std::nullopt;
  }
  return type;
}

std::optional<CandidateProfile> read_profile(const PayloadObject& candidate) {
  CandidateProfile profile;
  profile.name = candidate.text("name");
  profile.email = candidate.text("email");
  profile.level = candidate.text("level");
  profile.geography = candidate.text("geography");
  const auto fields = candidate.object("fields");
  if (fields.present()) profile.fields = *fields.json();
  if (!profile.name && !profile.email && !profile.level && !profile.geography && !fields.present()) return std::nullopt;
  return profile;
}

std::optional<CandidateRef> read_candidate(const PayloadObject& candidate, std::string_view ats) {
  const auto external_id = candidate.required_text("external_id");
  const auto named_ats = candidate.text("ats");
  if (named_ats && *named_ats != ats) {
    candidate.error("ats", "must be this connector's ATS '" + std::string(ats) + "' or left out");
  }
  reject_unknown_members(candidate, k_candidate_members);
  if (!external_id) return std::nullopt;
  CandidateRef ref{std::string(ats), *external_id};
  if (!validate_candidate_ref(ref, "").empty()) {
    candidate.error("external_id", "must be a non-empty id without spaces (at most 200 characters)");
    return std::nullopt;
  }
  return ref;
}

}  // namespace

Result<std::vector<AtsEvent>> normalise_standard_webhooks(const nlohmann::json& body, std::string_view ats) {
  if (!body.is_object()) return fail(ErrorCode::invalid_argument, "a Standard Webhooks body must be a JSON object");
  std::vector<FieldError> errors;
  const PayloadObject root(body, "", errors);
  const auto type = read_type(root);
  const auto timestamp = root.required_time("timestamp");
  const auto data = root.required_object("data");
  reject_unknown_members(root, k_body_members);
  const auto candidate_object = data.required_object("candidate");
  const auto candidate = read_candidate(candidate_object, ats);

  AtsEvent event;
  event.profile = read_profile(candidate_object);
  event.stage = data.text("stage");
  event.application_id = data.id("application_id");
  event.merged_into = data.id("merged_into");
  event.merged_from = data.id("merged_from");
  const auto object = data.text("object");
  if (object && object->empty()) data.error("object", "must not be empty");
  if (type == AtsEventType::candidate_merged && !event.merged_into && data.present()) {
    data.error("merged_into", "is required for candidate.merged");
  }
  if (!errors.empty() || !type || !timestamp || !candidate) return fail_validation(std::move(errors));

  event.type = *type;
  event.source_action = std::string(to_string(*type));
  event.occurred_at = *timestamp;
  event.object = object.value_or("candidate:" + candidate->external_id);
  event.candidate = *candidate;
  for (const auto& [name, value] : data.json()->items()) {
    if (!is_one_of(k_event_members, name)) event.detail[name] = value;
  }
  return std::vector<AtsEvent>{std::move(event)};
}

}  // namespace snag::ats
