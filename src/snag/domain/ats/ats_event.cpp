#include <snag/domain/ats/ats_event.hpp>

namespace snag {

std::string_view to_string(AtsEventType type) {
  switch (type) {
    case AtsEventType::candidate_created: return "candidate.created";
    case AtsEventType::candidate_updated: return "candidate.updated";
    case AtsEventType::candidate_merged: return "candidate.merged";
    case AtsEventType::candidate_deleted: return "candidate.deleted";
    case AtsEventType::candidate_anonymized: return "candidate.anonymized";
    case AtsEventType::application_stage_changed: return "application.stage_changed";
    case AtsEventType::application_rejected: return "application.rejected";
    case AtsEventType::application_withdrawn: return "application.withdrawn";
    case AtsEventType::application_hired: return "application.hired";
    case AtsEventType::offer_created: return "offer.created";
    case AtsEventType::offer_updated: return "offer.updated";
    case AtsEventType::offer_approved: return "offer.approved";
    case AtsEventType::offer_expired: return "offer.expired";
    case AtsEventType::interview_scheduled: return "interview.scheduled";
    case AtsEventType::interview_cancelled: return "interview.cancelled";
    case AtsEventType::document_missing: return "document.missing";
    case AtsEventType::background_check_updated: return "background_check.updated";
    case AtsEventType::resume_parse_failed: return "resume.parse_failed";
    case AtsEventType::recorded: return "recorded";
  }
  return "recorded";
}

std::optional<AtsEventType> parse_ats_event_type(std::string_view text) {
  for (AtsEventType type : k_all_ats_event_types) {
    if (to_string(type) == text) return type;
  }
  return std::nullopt;
}

namespace {

void put_optional(nlohmann::json& json, const char* name, const std::optional<std::string>& value) {
  if (value) json[name] = *value;
}

nlohmann::json profile_to_json(const CandidateProfile& profile) {
  nlohmann::json json = nlohmann::json::object();
  put_optional(json, "name", profile.name);
  put_optional(json, "email", profile.email);
  put_optional(json, "level", profile.level);
  put_optional(json, "geography", profile.geography);
  json["fields"] = profile.fields;
  return json;
}

// Reads the stored form; absent and null mean the same, anything else of the wrong shape is named.
class StoredReader {
 public:
  StoredReader(const nlohmann::json& object, std::string prefix, std::vector<FieldError>& errors)
      : m_object(object), m_prefix(std::move(prefix)), m_errors(errors) {}

  const nlohmann::json* find(const char* name) const {
    const auto it = m_object.find(name);
    return it == m_object.end() || it->is_null() ? nullptr : &*it;
  }

  std::optional<std::string> optional_string(const char* name) const {
    const auto* value = find(name);
    if (value == nullptr) return std::nullopt;
    if (!value->is_string()) {
      error(name, "must be a string");
      return std::nullopt;
    }
    return value->get<std::string>();
  }

  std::optional<std::string> required_string(const char* name) const {
    if (find(name) == nullptr) {
      error(name, "is required");
      return std::nullopt;
    }
    return optional_string(name);
  }

  const nlohmann::json* optional_object(const char* name) const {
    const auto* value = find(name);
    if (value != nullptr && !value->is_object()) {
      error(name, "must be an object");
      return nullptr;
    }
    return value;
  }

  void error(const char* name, std::string message) const { m_errors.push_back({path(name), std::move(message)}); }
  std::string path(const char* name) const { return m_prefix + name; }

 private:
  const nlohmann::json& m_object;
  std::string m_prefix;
  std::vector<FieldError>& m_errors;
};

CandidateProfile profile_from_json(const StoredReader& reader) {
  CandidateProfile profile;
  profile.name = reader.optional_string("name");
  profile.email = reader.optional_string("email");
  profile.level = reader.optional_string("level");
  profile.geography = reader.optional_string("geography");
  if (const auto* fields = reader.optional_object("fields")) profile.fields = *fields;
  return profile;
}

}  // namespace

nlohmann::json to_json(const AtsEvent& event) {
  nlohmann::json json = nlohmann::json::object();
  json["type"] = std::string(to_string(event.type));
  json["source_action"] = event.source_action;
  json["occurred_at"] = format_rfc3339(event.occurred_at);
  if (event.candidate)
    json["candidate"] = {{"ats", event.candidate->ats}, {"external_id", event.candidate->external_id}};
  if (event.profile) json["profile"] = profile_to_json(*event.profile);
  json["object"] = event.object;
  put_optional(json, "application_id", event.application_id);
  put_optional(json, "merged_into", event.merged_into);
  put_optional(json, "merged_from", event.merged_from);
  put_optional(json, "stage", event.stage);
  json["detail"] = event.detail;
  return json;
}

Result<AtsEvent> ats_event_from_json(const nlohmann::json& json) {
  if (!json.is_object()) return fail(ErrorCode::invalid_argument, "a stored ATS event must be a JSON object");
  std::vector<FieldError> errors;
  const StoredReader reader(json, "", errors);
  AtsEvent event;

  if (const auto type = reader.required_string("type")) {
    if (const auto parsed = parse_ats_event_type(*type)) {
      event.type = *parsed;
    } else {
      reader.error("type", "'" + *type + "' is not an ATS event type");
    }
  }
  event.source_action = reader.required_string("source_action").value_or("");
  if (const auto occurred_at = reader.required_string("occurred_at")) {
    if (const auto parsed = parse_rfc3339(*occurred_at)) {
      event.occurred_at = *parsed;
    } else {
      reader.error("occurred_at", "must be an RFC 3339 date-time");
    }
  }
  if (const auto* candidate = reader.optional_object("candidate")) {
    const StoredReader candidate_reader(*candidate, "candidate.", errors);
    auto ats = candidate_reader.required_string("ats");
    auto external_id = candidate_reader.required_string("external_id");
    if (ats && external_id) {
      CandidateRef ref{std::move(*ats), std::move(*external_id)};
      for (auto& error : validate_candidate_ref(ref, "candidate.")) errors.push_back(std::move(error));
      event.candidate = std::move(ref);
    }
  }
  if (const auto* profile = reader.optional_object("profile")) {
    event.profile = profile_from_json(StoredReader(*profile, "profile.", errors));
  }
  event.object = reader.required_string("object").value_or("");
  if (event.object.empty() && reader.find("object") != nullptr) reader.error("object", "must not be empty");
  event.application_id = reader.optional_string("application_id");
  event.merged_into = reader.optional_string("merged_into");
  event.merged_from = reader.optional_string("merged_from");
  event.stage = reader.optional_string("stage");
  if (const auto* detail = reader.optional_object("detail")) event.detail = *detail;

  if (!errors.empty()) return fail_validation(std::move(errors));
  return event;
}

bool supersedes(Timestamp incoming, const std::optional<Timestamp>& last_applied_for_object) {
  return !last_applied_for_object || incoming >= *last_applied_for_object;
}

}  // namespace snag
