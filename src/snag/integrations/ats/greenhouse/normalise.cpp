#include <snag/integrations/ats/greenhouse/normalise.hpp>

#include <chrono>

#include <snag/integrations/ats/greenhouse/candidate_profile.hpp>
#include <snag/integrations/ats/payload_reader.hpp>

namespace snag::ats {

namespace {

// Greenhouse creates a new candidate and their first application in one request, a second apart
// in its own samples; a candidate created well before the application is someone applying again.
constexpr auto k_same_submission = std::chrono::minutes{10};

struct Delivery {
  std::string action;
  PayloadObject payload;
  std::string_view ats;
  Timestamp received_at;
};

AtsEvent event_of(const Delivery& delivery, AtsEventType type, std::string object,
                  std::optional<Timestamp> time_of_change) {
  AtsEvent event;
  event.type = type;
  event.source_action = delivery.action;
  event.occurred_at = time_of_change.value_or(delivery.received_at);
  event.object = std::move(object);
  return event;
}

CandidateRef candidate_ref(const Delivery& delivery, std::string external_id) {
  return CandidateRef{std::string(delivery.ats), std::move(external_id)};
}

// What the application-shaped payloads (payload.application with its candidate) share.
struct Application {
  std::string id;
  std::string candidate_id;
  CandidateProfile profile;
  std::optional<std::string> stage;
  nlohmann::json detail = nlohmann::json::object();
  std::optional<Timestamp> applied_at;
  std::optional<Timestamp> last_activity_at;
  std::optional<Timestamp> rejected_at;
  std::optional<Timestamp> candidate_created_at;
};

// The job an application is for: "jobs" (one entry unless it is a prospect for several) or the
// single "job" of hire_candidate.
void read_job(const PayloadObject& application, nlohmann::json& detail) {
  const nlohmann::json* job = nullptr;
  if (const auto* jobs = application.member("jobs"); jobs != nullptr && jobs->is_array() && !jobs->empty()) {
    job = &jobs->front();
  } else {
    job = application.member("job");
  }
  if (job == nullptr || !job->is_object()) return;
  if (const auto name = job->find("name"); name != job->end() && name->is_string()) detail["job_name"] = *name;
  if (const auto id = job->find("id"); id != job->end()) {
    if (auto text = id_text(*id)) detail["job_id"] = *text;
  }
}

std::optional<Application> read_application(const Delivery& delivery) {
  const auto application = delivery.payload.required_object("application");
  const auto id = application.required_id("id");
  const auto candidate = application.required_object("candidate");
  const auto candidate_id = candidate.required_id("id");

  Application facts;
  facts.profile = greenhouse_candidate_profile(candidate);
  facts.candidate_created_at = candidate.time("created_at");
  facts.applied_at = application.time("applied_at");
  facts.last_activity_at = application.time("last_activity_at");
  facts.rejected_at = application.time("rejected_at");

  const auto stage = application.object("current_stage");
  facts.stage = stage.text("name");
  put_text(facts.detail, "stage_id", stage.id("id"));
  put_text(facts.detail, "status", application.text("status"));
  read_job(application, facts.detail);
  const auto rejection = application.object("rejection_reason");
  put_text(facts.detail, "rejection_reason", rejection.text("name"));
  put_text(facts.detail, "rejection_type", rejection.object("type").text("name"));
  if (const auto* prospect = application.member("prospect"); prospect != nullptr && prospect->is_boolean()) {
    facts.detail["prospect"] = *prospect;
  }
  // hire_candidate carries the accepted offer; its resolution is the closest the payload comes to
  // dating the hire, kept here rather than as occurred_at (see the header).
  const auto offer = application.object("offer");
  put_text(facts.detail, "offer_id", offer.id("id"));
  put_text(facts.detail, "offer_resolved_at", offer.text("resolved_at"));
  put_text(facts.detail, "offer_starts_at", offer.text("starts_at"));

  if (!id || !candidate_id) return std::nullopt;
  facts.id = *id;
  facts.candidate_id = *candidate_id;
  return facts;
}

AtsEvent application_event(const Delivery& delivery, const Application& application, AtsEventType type,
                           std::optional<Timestamp> time_of_change) {
  AtsEvent event = event_of(delivery, type, "application:" + application.id, time_of_change);
  event.candidate = candidate_ref(delivery, application.candidate_id);
  event.profile = application.profile;
  event.application_id = application.id;
  event.stage = application.stage;
  event.detail = application.detail;
  return event;
}

template <class T>
std::optional<T> first_of(std::optional<T> a, std::optional<T> b) {
  return a ? a : b;
}

// new_candidate_application, new_prospect_application: the candidate (new, or known and applying
// again) and the application entering its first stage.
std::vector<AtsEvent> new_application(const Delivery& delivery) {
  const auto application = read_application(delivery);
  if (!application) return {};
  const auto applied_at = first_of(application->applied_at, application->last_activity_at);
  const bool candidate_is_new = !application->candidate_created_at || !application->applied_at ||
                                *application->candidate_created_at >= *application->applied_at - k_same_submission;

  AtsEvent candidate =
      event_of(delivery, candidate_is_new ? AtsEventType::candidate_created : AtsEventType::candidate_updated,
               "candidate:" + application->candidate_id, applied_at);
  candidate.candidate = candidate_ref(delivery, application->candidate_id);
  candidate.profile = application->profile;
  candidate.application_id = application->id;
  return {std::move(candidate),
          application_event(delivery, *application, AtsEventType::application_stage_changed, applied_at)};
}

std::vector<AtsEvent> stage_changed(const Delivery& delivery) {
  const auto application = read_application(delivery);
  if (!application) return {};
  return {application_event(delivery, *application, AtsEventType::application_stage_changed,
                            application->last_activity_at)};
}

// Greenhouse files a candidate's withdrawal as a rejection whose reason type is "They rejected
// us" (the other types: "We rejected them", "None specified").
bool candidate_withdrew(const nlohmann::json& detail) {
  const auto type = detail.find("rejection_type");
  return type != detail.end() && type->is_string() && type->get<std::string>() == "They rejected us";
}

std::vector<AtsEvent> rejected(const Delivery& delivery) {
  const auto application = read_application(delivery);
  if (!application) return {};
  const auto type =
      candidate_withdrew(application->detail) ? AtsEventType::application_withdrawn : AtsEventType::application_rejected;
  return {application_event(delivery, *application, type,
                            first_of(application->rejected_at, application->last_activity_at))};
}

std::vector<AtsEvent> hired(const Delivery& delivery) {
  const auto application = read_application(delivery);
  if (!application) return {};
  return {application_event(delivery, *application, AtsEventType::application_hired, application->last_activity_at)};
}

// application_updated: a change to the application's own fields (source, custom fields), which no
// neutral type covers; recorded with the candidate's profile.
std::vector<AtsEvent> application_updated(const Delivery& delivery) {
  const auto application = read_application(delivery);
  if (!application) return {};
  return {application_event(delivery, *application, AtsEventType::recorded, application->last_activity_at)};
}

std::vector<AtsEvent> application_deleted(const Delivery& delivery) {
  const auto application = delivery.payload.required_object("application");
  const auto id = application.required_id("id");
  const auto candidate_id = application.required_id("candidate_id");
  if (!id || !candidate_id) return {};
  AtsEvent event = event_of(delivery, AtsEventType::recorded, "application:" + *id, std::nullopt);
  event.candidate = candidate_ref(delivery, *candidate_id);
  event.application_id = *id;
  put_text(event.detail, "job_id", application.id("job_id"));
  return {std::move(event)};
}

std::vector<AtsEvent> candidate_updated(const Delivery& delivery) {
  const auto candidate = delivery.payload.required_object("candidate");
  const auto id = candidate.required_id("id");
  const auto profile = greenhouse_candidate_profile(candidate);
  const auto updated_at = candidate.time("updated_at");  // Harvest's shape has it, the webhook's not
  if (!id) return {};
  AtsEvent event = event_of(delivery, AtsEventType::candidate_updated, "candidate:" + *id, updated_at);
  event.candidate = candidate_ref(delivery, *id);
  event.profile = profile;
  return {std::move(event)};
}

// The person's name and details are left out of deletions and merges on purpose: the candidate
// is gone, and Snag should not keep a fresh copy of them.
std::vector<AtsEvent> candidate_deleted(const Delivery& delivery) {
  const auto person = delivery.payload.required_object("person");
  const auto id = person.required_id("id");
  if (!id) return {};
  AtsEvent event = event_of(delivery, AtsEventType::candidate_deleted, "candidate:" + *id, std::nullopt);
  event.candidate = candidate_ref(delivery, *id);
  if (const auto* ids = person.member("deleted_application_ids"); ids != nullptr && ids->is_array()) {
    event.detail["deleted_application_ids"] = *ids;
  }
  return {std::move(event)};
}

// The payload is the candidate merged away; new_candidate_id is the one that remains.
std::vector<AtsEvent> candidate_merged(const Delivery& delivery) {
  const auto person = delivery.payload.required_object("person");
  const auto merged_from = person.required_id("id");
  const auto merged_into = person.required_id("new_candidate_id");
  if (!merged_from || !merged_into) return {};
  AtsEvent event = event_of(delivery, AtsEventType::candidate_merged, "candidate:" + *merged_from, std::nullopt);
  event.candidate = candidate_ref(delivery, *merged_from);
  event.merged_from = merged_from;
  event.merged_into = merged_into;
  return {std::move(event)};
}

std::vector<AtsEvent> candidate_anonymized(const Delivery& delivery) {
  const auto id = delivery.payload.required_id("candidate_id");
  if (!id) return {};
  AtsEvent event = event_of(delivery, AtsEventType::candidate_anonymized, "candidate:" + *id, std::nullopt);
  event.candidate = candidate_ref(delivery, *id);
  if (const auto* fields = delivery.payload.member("anonymized_fields"); fields != nullptr && fields->is_array()) {
    event.detail["anonymized_fields"] = *fields;
  }
  return {std::move(event)};
}

// Offers name their application, not the candidate; resolved_at and sent_on describe the offer,
// not this change, so they stay in detail.
std::vector<AtsEvent> offer_event(const Delivery& delivery, const PayloadObject& offer, AtsEventType type) {
  const auto id = offer.required_id("id");
  const auto application_id = offer.required_id("application_id");
  if (!id || !application_id) return {};
  AtsEvent event = event_of(delivery, type, "offer:" + *id, std::nullopt);
  event.application_id = application_id;
  put_text(event.detail, "offer_status", offer.text("offer_status"));
  put_text(event.detail, "job_id", offer.id("job_id"));
  put_text(event.detail, "sent_on", offer.text("sent_on"));
  put_text(event.detail, "resolved_at", offer.text("resolved_at"));
  put_text(event.detail, "start_date", offer.text("start_date"));
  if (const auto* version = offer.member("version"); version != nullptr && version->is_number_integer()) {
    event.detail["version"] = *version;
  }
  return {std::move(event)};
}

std::vector<AtsEvent> offer_created(const Delivery& delivery) {
  return offer_event(delivery, delivery.payload, AtsEventType::offer_created);
}
std::vector<AtsEvent> offer_updated(const Delivery& delivery) {
  return offer_event(delivery, delivery.payload, AtsEventType::offer_updated);
}
std::vector<AtsEvent> offer_approved(const Delivery& delivery) {
  return offer_event(delivery, delivery.payload, AtsEventType::offer_approved);
}
std::vector<AtsEvent> offer_deleted(const Delivery& delivery) {
  return offer_event(delivery, delivery.payload.required_object("offer"), AtsEventType::recorded);
}

std::vector<AtsEvent> interview_deleted(const Delivery& delivery) {
  const auto id = delivery.payload.required_object("interview").required_id("id");
  if (!id) return {};
  return {event_of(delivery, AtsEventType::interview_cancelled, "interview:" + *id, std::nullopt)};
}

std::vector<AtsEvent> scorecard_deleted(const Delivery& delivery) {
  const auto scorecard = delivery.payload.required_object("scorecard");
  const auto id = scorecard.required_id("id");
  const auto candidate_id = scorecard.id("candidate_id");
  if (!id) return {};
  AtsEvent event = event_of(delivery, AtsEventType::recorded, "scorecard:" + *id, std::nullopt);
  if (candidate_id) event.candidate = candidate_ref(delivery, *candidate_id);
  return {std::move(event)};
}

// Recorded events about the organisation's own objects: `kind` names the object in the payload and
// in the ordering key, `name_member` the member worth keeping as its name.
std::vector<AtsEvent> organisation_object(const Delivery& delivery, const PayloadObject& object, std::string_view kind,
                                          const char* name_member, std::optional<Timestamp> time_of_change) {
  const auto id = object.required_id("id");
  if (!id) return {};
  AtsEvent event = event_of(delivery, AtsEventType::recorded, std::string(kind) + ":" + *id, time_of_change);
  put_text(event.detail, "name", object.text(name_member));
  return {std::move(event)};
}

std::vector<AtsEvent> job_created(const Delivery& delivery) {
  const auto job = delivery.payload.required_object("job");
  return organisation_object(delivery, job, "job", "name", job.time("created_at"));
}
std::vector<AtsEvent> job_changed(const Delivery& delivery) {
  return organisation_object(delivery, delivery.payload.required_object("job"), "job", "name", std::nullopt);
}
// job_post_created and job_post_updated send the post itself as the payload, dated by updated_at.
std::vector<AtsEvent> job_post_changed(const Delivery& delivery) {
  return organisation_object(delivery, delivery.payload, "job_post", "title", delivery.payload.time("updated_at"));
}
std::vector<AtsEvent> job_post_deleted(const Delivery& delivery) {
  return organisation_object(delivery, delivery.payload.required_object("job_post"), "job_post", "title", std::nullopt);
}
std::vector<AtsEvent> job_interview_stage_deleted(const Delivery& delivery) {
  return organisation_object(delivery, delivery.payload.required_object("job_interview_stage"), "job_interview_stage",
                             "name", std::nullopt);
}
std::vector<AtsEvent> department_deleted(const Delivery& delivery) {
  return organisation_object(delivery, delivery.payload.required_object("department"), "department", "name",
                             std::nullopt);
}
std::vector<AtsEvent> office_deleted(const Delivery& delivery) {
  return organisation_object(delivery, delivery.payload.required_object("office"), "office", "name", std::nullopt);
}

struct ActionMapping {
  std::string_view action;
  std::vector<AtsEvent> (*normalise)(const Delivery&);
};

// The 29 actions of Greenhouse's webhook documentation.
constexpr ActionMapping k_actions[] = {
    {"new_candidate_application", new_application},
    {"new_prospect_application", new_application},
    {"application_updated", application_updated},
    {"delete_application", application_deleted},
    {"candidate_stage_change", stage_changed},
    {"reject_candidate", rejected},
    // Undoing a rejection or a hire puts the application back at its current stage.
    {"unreject_candidate", stage_changed},
    {"hire_candidate", hired},
    {"unhire_candidate", stage_changed},
    {"update_candidate", candidate_updated},
    {"delete_candidate", candidate_deleted},
    {"merge_candidate", candidate_merged},
    {"candidate_anonymized", candidate_anonymized},
    {"offer_created", offer_created},
    {"offer_updated", offer_updated},
    {"offer_approved", offer_approved},
    {"offer_deleted", offer_deleted},
    {"interview_deleted", interview_deleted},
    {"scorecard_deleted", scorecard_deleted},
    {"job_created", job_created},
    {"job_updated", job_changed},
    {"job_approved", job_changed},
    {"job_deleted", job_changed},
    {"job_post_created", job_post_changed},
    {"job_post_updated", job_post_changed},
    {"job_post_deleted", job_post_deleted},
    {"job_interview_stage_deleted", job_interview_stage_deleted},
    {"department_deleted", department_deleted},
    {"office_deleted", office_deleted},
};

std::vector<AtsEvent> unknown_action(const Delivery& delivery) {
  return {event_of(delivery, AtsEventType::recorded, "action:" + delivery.action, std::nullopt)};
}

}  // namespace

Result<std::vector<AtsEvent>> normalise_greenhouse(const nlohmann::json& body, std::string_view ats,
                                                   Timestamp received_at) {
  if (!body.is_object()) return fail(ErrorCode::invalid_argument, "a Greenhouse webhook body must be a JSON object");
  std::vector<FieldError> errors;
  const PayloadObject root(body, "", errors);
  const auto action = root.required_text("action");
  const auto payload = root.required_object("payload");
  if (!action || !payload.present()) return fail_validation(std::move(errors));

  const Delivery delivery{*action, payload, ats, received_at};
  auto normalise = unknown_action;
  for (const auto& mapping : k_actions) {
    if (mapping.action == *action) {
      normalise = mapping.normalise;
      break;
    }
  }
  auto events = normalise(delivery);
  if (!errors.empty()) return fail_validation(std::move(errors));
  return events;
}

}  // namespace snag::ats
