#include <snag/http/codec/connector_json.hpp>

#include <algorithm>

#include <snag/http/codec/field_reader.hpp>
#include <snag/http/codec/optional_json.hpp>

namespace snag::http {

Result<Connector> decode_connector(const nlohmann::json& body) {
  std::vector<FieldError> errors;
  FieldReader reader(body, "", errors);
  Connector connector;
  connector.id = reader.required_string("id").value_or("");
  connector.vendor = reader.required_string("vendor").value_or("");
  if (const auto* mode = reader.find("mode")) connector.mode = decode_string(*mode, "mode", errors).value_or("");
  if (const auto* ats = reader.find("ats")) connector.ats = decode_string(*ats, "ats", errors).value_or("");
  const auto* secret = reader.find("secret");
  const auto* secrets = reader.find("secrets");
  if (secret && secrets) errors.push_back({"secrets", "give secret or secrets, not both"});
  if (secret) {
    if (auto value = decode_string(*secret, "secret", errors)) connector.secrets.push_back(std::move(*value));
  }
  if (secrets) {
    if (auto values = decode_string_list(*secrets, "secrets", errors)) connector.secrets = std::move(*values);
  }
  if (const auto* url = reader.find("api_url")) connector.api_url = decode_string(*url, "api_url", errors);
  if (const auto* key = reader.find("api_key")) connector.api_key = decode_string(*key, "api_key", errors);
  reader.reject_unknown();
  if (!errors.empty()) {
    // Name every problem in one answer: the rules' complaints too, not only the shape's.
    Connector checked = connector;
    if (checked.ats.empty()) checked.ats = checked.vendor;
    for (auto& error : validate_connector(checked)) {
      const bool named = std::any_of(errors.begin(), errors.end(),
                                     [&](const FieldError& known) { return known.field == error.field; });
      if (!named) errors.push_back(std::move(error));
    }
    return fail_validation(std::move(errors));
  }
  return connector;
}

Result<ConnectorChanges> decode_connector_changes(const nlohmann::json& body) {
  std::vector<FieldError> errors;
  FieldReader reader(body, "", errors);
  ConnectorChanges changes;
  const auto* secret = reader.find("secret");
  const auto* secrets = reader.find("secrets");
  if (secret && secrets) errors.push_back({"secrets", "give secret or secrets, not both"});
  if (secret) {
    if (auto value = decode_string(*secret, "secret", errors)) changes.secrets = std::vector<std::string>{*value};
  }
  if (secrets) changes.secrets = decode_string_list(*secrets, "secrets", errors);
  if (const auto* mode = reader.find("mode")) changes.mode = decode_string(*mode, "mode", errors);
  const auto nullable = [&](std::string_view name, std::optional<std::optional<std::string>>& target) {
    const auto* value = reader.find(name);
    if (value == nullptr) return;
    target = value->is_null() ? std::optional<std::string>{} : decode_string(*value, std::string(name), errors);
  };
  nullable("api_url", changes.api_url);
  nullable("api_key", changes.api_key);
  if (const auto* disabled = reader.find("disabled")) {
    if (disabled->is_boolean()) {
      changes.disabled = disabled->get<bool>();
    } else {
      errors.push_back({"disabled", "must be true or false"});
    }
  }
  reader.reject_unknown({"id", "vendor", "ats", "created_at", "health", "sync_watermark", "synced_at"});
  if (!errors.empty()) return fail_validation(std::move(errors));
  return changes;
}

nlohmann::json encode_connector(const ConnectorHealth& health) {
  const Connector& connector = health.connector;
  auto hints = nlohmann::json::array();
  for (const auto& secret : connector.secrets) hints.push_back(secret_hint(secret));
  const ConnectorStats& stats = health.stats;
  return {{"id", connector.id},
          {"vendor", connector.vendor},
          {"ats", connector.ats},
          {"mode", connector.mode},
          {"secrets", std::move(hints)},
          {"api_url", optional_text(connector.api_url)},
          {"sync_watermark", optional_time(connector.sync_watermark)},
          {"synced_at", optional_time(connector.synced_at)},
          {"created_at", format_rfc3339(connector.created_at)},
          {"disabled", connector.disabled},
          {"health",
           {{"received", stats.received},
            {"pending", stats.pending},
            {"dead", stats.dead},
            {"retried", stats.retried},
            {"last_event_at", optional_time(stats.last_received_at)},
            {"lag_seconds", static_cast<double>(health.lag.count()) / 1000.0},
            {"error_rate", health.error_rate}}}};
}

nlohmann::json encode_dead_letter(const Delivery& delivery, bool with_body) {
  nlohmann::json json{{"id", delivery.id.value},
                      {"connector", delivery.connector},
                      {"event_id", delivery.event_id},
                      {"received_at", format_rfc3339(delivery.received_at)},
                      {"attempts", delivery.attempts},
                      {"last_error", optional_text(delivery.last_error)},
                      {"failed_at", optional_time(delivery.finished_at)}};
  if (with_body) json["body"] = delivery.body;
  return json;
}

}  // namespace snag::http
