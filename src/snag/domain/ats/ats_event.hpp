#pragma once
// The vendor-neutral ATS event: what a Greenhouse, Lever or Standard Webhooks delivery means once
// its vendor's vocabulary is translated. Events are stored as JSON and replayed, so the JSON form
// below is a contract: change it only with a migration of the stored events.

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include <snag/domain/candidate.hpp>
#include <snag/util/error.hpp>
#include <snag/util/time.hpp>

namespace snag {

// The closed set of events Snag acts on, plus `recorded` for a vendor action outside it: such a
// delivery is kept (its `source_action` says what it was) but nothing reacts to it.
enum class AtsEventType {
  candidate_created,
  candidate_updated,
  candidate_merged,
  candidate_deleted,
  candidate_anonymized,
  application_stage_changed,
  application_rejected,
  application_withdrawn,
  application_hired,
  offer_created,
  offer_updated,
  offer_approved,
  offer_expired,
  interview_scheduled,
  interview_cancelled,
  document_missing,
  background_check_updated,
  resume_parse_failed,
  recorded,
};

inline constexpr std::array<AtsEventType, 19> k_all_ats_event_types{AtsEventType::candidate_created,
                                                                    AtsEventType::candidate_updated,
                                                                    AtsEventType::candidate_merged,
                                                                    AtsEventType::candidate_deleted,
                                                                    AtsEventType::candidate_anonymized,
                                                                    AtsEventType::application_stage_changed,
                                                                    AtsEventType::application_rejected,
                                                                    AtsEventType::application_withdrawn,
                                                                    AtsEventType::application_hired,
                                                                    AtsEventType::offer_created,
                                                                    AtsEventType::offer_updated,
                                                                    AtsEventType::offer_approved,
                                                                    AtsEventType::offer_expired,
                                                                    AtsEventType::interview_scheduled,
                                                                    AtsEventType::interview_cancelled,
                                                                    AtsEventType::document_missing,
                                                                    AtsEventType::background_check_updated,
                                                                    AtsEventType::resume_parse_failed,
                                                                    AtsEventType::recorded};

// "candidate.created", "application.stage_changed", …, and "recorded".
std::string_view to_string(AtsEventType type);
std::optional<AtsEventType> parse_ats_event_type(std::string_view text);

struct AtsEvent {
  AtsEventType type = AtsEventType::recorded;
  std::string source_action;  // the vendor's own name: "reject_candidate", "candidateStageChange", "offer.expired"
  // When the change happened at the source. Normalisers take the payload's time of the change and,
  // where the payload dates no change, the time the delivery was received (see each normaliser).
  Timestamp occurred_at;
  // Absent when the payload does not name a candidate: a Greenhouse offer names only its
  // application, interview_deleted only the interview, job events no candidate at all.
  std::optional<CandidateRef> candidate;
  std::optional<CandidateProfile> profile;  // set when the payload carries the candidate's details
  // What the ordering rule (`supersedes`) is tracked on: "application:123", "offer:55",
  // "candidate:53883394". Keys are only compared within one ATS.
  std::string object;
  // The vendor's application id when the payload names one, so that a later step can find the
  // candidate of an event (a Greenhouse offer) that names only its application.
  std::optional<std::string> application_id;
  std::optional<std::string> merged_into;  // candidate.merged: the surviving candidate's external id
  std::optional<std::string> merged_from;  // candidate.merged: the id that no longer exists
  std::optional<std::string> stage;        // the application's stage after the event
  // The few vendor fields worth keeping (job name, stage ids, offer status, rejection reason);
  // always an object, empty when there are none.
  nlohmann::json detail = nlohmann::json::object();
};

// The stored form. Optional members are left out when absent.
nlohmann::json to_json(const AtsEvent& event);
// Reads the stored form back; a validation_failed error names each bad member.
Result<AtsEvent> ats_event_from_json(const nlohmann::json& json);

// The ordering rule for one object: an event older than the one last applied to the same object
// must not overwrite the newer state, so it returns false for it (the event is still recorded).
// Equal times apply: vendors stamp to the second, so two real changes can share a time and the
// later delivery is the better guess for the later change; a redelivery of the same event is
// caught earlier, by its event id, not here.
bool supersedes(Timestamp incoming, const std::optional<Timestamp>& last_applied_for_object);

}  // namespace snag
