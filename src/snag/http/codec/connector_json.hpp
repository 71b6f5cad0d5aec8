#pragma once
// Connectors and dead letters as the API shows them (secrets only as hints), and the body of
// POST /api/v1/connectors and PATCH /api/v1/connectors/{id}, decoded strictly.

#include <nlohmann/json.hpp>

#include <snag/integrations/connector_service.hpp>

namespace snag::http {

// validation_failed naming every unknown or ill-typed member.
Result<Connector> decode_connector(const nlohmann::json& body);
// PATCH /api/v1/connectors/{id}: any of "secret" or "secrets", "mode", "api_url", "api_key"
// (null: none), "disabled".
Result<ConnectorChanges> decode_connector_changes(const nlohmann::json& body);

nlohmann::json encode_connector(const ConnectorHealth& health);
// `with_body`: the payload may hold personal data; only callers with pii:read see it.
nlohmann::json encode_dead_letter(const Delivery& delivery, bool with_body);

}  // namespace snag::http
