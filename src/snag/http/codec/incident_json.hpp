#pragma once
// Incidents, severity protocols, post-mortems and change records as the API shows and reads them.

#include <optional>
#include <vector>

#include <nlohmann/json.hpp>

#include <snag/app/incidents/change_service.hpp>
#include <snag/app/incidents/incident_service.hpp>

namespace snag::http {

nlohmann::json encode_protocol(const SeverityProtocol& protocol);
// The incident with its tickets (as keys), impact, protocol, due times, log and post-mortem.
nlohmann::json encode_incident(const IncidentView& view, Timestamp now);
// As a list shows it: without tickets, impact, log or post-mortem.
nlohmann::json encode_incident_summary(const Incident& incident);
nlohmann::json encode_change(const ChangeRecord& change);
nlohmann::json encode_change_view(const ChangeView& view);

// Each returns validation_failed naming every bad member.
Result<NewIncident> decode_new_incident(const nlohmann::json& body);
Result<IncidentEdit> decode_incident_edit(const nlohmann::json& body);
Result<PostMortem> decode_postmortem(const nlohmann::json& body);
Result<ChangeRecord> decode_change(const nlohmann::json& body);

// A list of ticket keys at `path` ("SNAG-42" or 42); records errors.
std::vector<TicketId> decode_ticket_keys(const nlohmann::json& value, const std::string& path,
                                         std::vector<FieldError>& errors);

}  // namespace snag::http
