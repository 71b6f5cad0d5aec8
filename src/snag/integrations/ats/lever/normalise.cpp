#include <snag/integrations/ats/lever/normalise.hpp>

#include <snag/integrations/ats/payload_reader.hpp>

namespace snag::ats {

namespace {

struct LeverMapping {
  std::string_view event;
  AtsEventType type;
};

// Lever's documented events that Snag acts on; the rest (contactCreated, contactUpdated, any new
// one) are recorded.
constexpr LeverMapping k_events[] = {
    {"applicationCreated", AtsEventType::candidate_created},
    {"candidateStageChange", AtsEventType::application_stage_changed},
    {"candidateHired", AtsEventType::application_hired},
    {"candidateArchiveChange", AtsEventType::application_rejected},  // stage_changed when unarchived
    {"candidateDeleted", AtsEventType::candidate_deleted},
    {"interviewCreated", AtsEventType::interview_scheduled},
    // An updated interview is still on the calendar, at its new time or with its new panel.
    {"interviewUpdated", AtsEventType::interview_scheduled},
    {"interviewDeleted", AtsEventType::interview_cancelled},
};

AtsEventType type_of(std::string_view event) {
  for (const auto& mapping : k_events) {
    if (mapping.event == event) return mapping.type;
  }
  return AtsEventType::recorded;
}

bool is_interview(AtsEventType type) {
  return type == AtsEventType::interview_scheduled || type == AtsEventType::interview_cancelled;
}

// Candidate and pipeline events: fills object, stage and detail from `data`.
void describe_opportunity_event(AtsEvent& event, const PayloadObject& data, const std::string& opportunity) {
  event.object = "opportunity:" + opportunity;
  switch (event.type) {
    case AtsEventType::candidate_created:
    case AtsEventType::candidate_deleted:
      event.object = "candidate:" + opportunity;
      event.application_id = data.id("applicationId");
      break;
    case AtsEventType::application_stage_changed:
      event.stage = data.id("toStageId");
      put_text(event.detail, "from_stage_id", data.id("fromStageId"));
      break;
    case AtsEventType::application_rejected: {
      const auto archived = data.object("toArchived");
      if (!archived.present()) event.type = AtsEventType::application_stage_changed;  // unarchived
      put_text(event.detail, "archive_reason", archived.id("reason"));
      if (const auto* at = archived.member("archivedAt"); at != nullptr && at->is_number_integer()) {
        event.detail["archived_at"] = format_rfc3339(from_epoch_ms(at->get<std::int64_t>()));
      }
      break;
    }
    default: break;
  }
}

}  // namespace

Result<std::vector<AtsEvent>> normalise_lever(const nlohmann::json& body, std::string_view ats) {
  if (!body.is_object()) return fail(ErrorCode::invalid_argument, "a Lever webhook body must be a JSON object");
  std::vector<FieldError> errors;
  const PayloadObject root(body, "", errors);
  const auto event_name = root.required_text("event");
  const auto triggered_at = root.required_integer("triggeredAt");
  const auto data = root.required_object("data");
  if (!event_name || !triggered_at || !data.present()) return fail_validation(std::move(errors));

  AtsEvent event;
  event.type = type_of(*event_name);
  event.source_action = *event_name;
  event.occurred_at = from_epoch_ms(*triggered_at);

  if (data.json()->empty()) {
    event.type = AtsEventType::recorded;
    event.object = "event:" + *event_name;
    return std::vector<AtsEvent>{std::move(event)};
  }

  const auto contact = data.id("contactId");
  put_text(event.detail, "contact_id", contact);
  auto opportunity = data.id("opportunityId");
  if (!opportunity) opportunity = data.id("candidateId");
  if (opportunity) event.candidate = CandidateRef{std::string(ats), *opportunity};

  if (is_interview(event.type)) {
    if (const auto interview = data.required_id("interviewId")) event.object = "interview:" + *interview;
    put_text(event.detail, "panel_id", data.id("panelId"));
  } else if (event.type == AtsEventType::recorded) {
    event.object = opportunity ? "opportunity:" + *opportunity
                   : contact   ? "contact:" + *contact
                               : "event:" + *event_name;
  } else if (opportunity) {
    describe_opportunity_event(event, data, *opportunity);
  } else {
    data.error("opportunityId", "is required (or candidateId)");
  }

  if (!errors.empty()) return fail_validation(std::move(errors));
  return std::vector<AtsEvent>{std::move(event)};
}

}  // namespace snag::ats
