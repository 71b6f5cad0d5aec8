// /api/v1/subscriptions: outgoing webhooks (subscriptions:admin), and /api/v1/vendors: the
// registry of the destinations' security attestations (vendors:admin). See
// integrations/outbound/ for what happens to a subscription's messages.
//
// A subscription's secret is in the creation's answer only; afterwards a hint (its last four
// characters) tells secrets apart.

#include <snag/domain/ats/connector.hpp>
#include <snag/http/codec/field_reader.hpp>
#include <snag/http/codec/json_body.hpp>
#include <snag/http/handlers/respond.hpp>
#include <snag/http/handlers/routes.hpp>

namespace snag::http {
namespace {

nlohmann::json optional_time(const std::optional<Timestamp>& at) {
  return at ? nlohmann::json(format_rfc3339(*at)) : nlohmann::json(nullptr);
}

nlohmann::json encode_subscription(const Subscription& subscription) {
  return {{"id", subscription.id.value},
          {"name", subscription.name},
          {"url", subscription.url},
          {"vendor", subscription.vendor},
          {"events", subscription.events},
          {"field_allowlist", subscription.field_allowlist},
          {"secret_hint", secret_hint(subscription.secret)},
          {"enabled", subscription.enabled()},
          {"disabled_at", optional_time(subscription.disabled_at)},
          {"consecutive_failures", subscription.consecutive_failures},
          {"created_at", format_rfc3339(subscription.created_at)}};
}

nlohmann::json encode_overview(const SubscriptionOverview& overview) {
  auto json = encode_subscription(overview.subscription);
  json["attestation"] = to_string(overview.attestation);
  json["deliveries"] = {{"pending", overview.stats.pending},
                        {"done", overview.stats.done},
                        {"dead", overview.stats.dead},
                        {"blocked", overview.stats.blocked},
                        {"last_done_at", optional_time(overview.stats.last_done_at)}};
  return json;
}

nlohmann::json encode_vendor(const VendorStanding& standing) {
  const VendorAttestation& attestation = standing.attestation;
  return {{"vendor", attestation.vendor},
          {"name", attestation.name},
          {"soc2_type2_expires_at", optional_time(attestation.soc2_type2_expires_at)},
          {"iso27001_expires_at", optional_time(attestation.iso27001_expires_at)},
          {"updated_at", format_rfc3339(attestation.updated_at)},
          {"status", to_string(standing.status)},
          {"current", standing.status == AttestationStatus::current}};
}

Result<NewSubscription> decode_new_subscription(const nlohmann::json& body) {
  std::vector<FieldError> errors;
  FieldReader reader(body, "", errors);
  NewSubscription request;
  if (auto name = reader.required_string("name")) request.name = std::move(*name);
  if (auto url = reader.required_string("url")) request.url = std::move(*url);
  if (auto vendor = reader.required_string("vendor")) request.vendor = std::move(*vendor);
  const auto required_list = [&](std::string_view name, std::vector<std::string>& target) {
    const auto* value = reader.find(name);
    if (value == nullptr) {
      errors.push_back({std::string(name), "is required"});
    } else if (auto list = decode_string_list(*value, std::string(name), errors)) {
      target = std::move(*list);
    }
  };
  required_list("events", request.events);
  required_list("field_allowlist", request.field_allowlist);
  if (const auto* secret = reader.find("secret"); secret != nullptr && !secret->is_null()) {
    request.secret = decode_string(*secret, "secret", errors);
  }
  reader.reject_unknown({"id", "secret_hint", "enabled", "disabled_at", "consecutive_failures", "created_at",
                         "attestation", "deliveries"});
  if (!errors.empty()) return fail_validation(std::move(errors));
  return request;
}

// An expiry: an RFC 3339 date-time, or null for "none on record". Required, so that leaving
// one out cannot silently erase a date on record.
std::optional<Timestamp> decode_expiry(FieldReader& reader, std::string_view name, std::vector<FieldError>& errors) {
  const auto* value = reader.find(name);
  if (value == nullptr) {
    errors.push_back({std::string(name), "is required (an RFC 3339 date-time, or null when there is none)"});
    return std::nullopt;
  }
  if (value->is_null()) return std::nullopt;
  if (value->is_string()) {
    if (auto at = parse_rfc3339(value->get_ref<const std::string&>())) return at;
  }
  errors.push_back({std::string(name), "must be an RFC 3339 date-time or null"});
  return std::nullopt;
}

Result<AttestationUpdate> decode_attestation_update(const nlohmann::json& body, std::string vendor) {
  std::vector<FieldError> errors;
  FieldReader reader(body, "", errors);
  AttestationUpdate update;
  update.vendor = std::move(vendor);
  if (auto name = reader.required_string("name")) update.name = std::move(*name);
  update.soc2_type2_expires_at = decode_expiry(reader, "soc2_type2_expires_at", errors);
  update.iso27001_expires_at = decode_expiry(reader, "iso27001_expires_at", errors);
  reader.reject_unknown({"vendor", "updated_at", "status", "current"});
  if (!errors.empty()) return fail_validation(std::move(errors));
  return update;
}

HttpResponse list_subscriptions(const HttpServices& services, HttpRequest& request) {
  auto overviews = services.subscriptions.list(request.caller());
  if (!overviews) return problem_response(overviews.error());
  auto items = nlohmann::json::array();
  for (const auto& overview : *overviews) items.push_back(encode_overview(overview));
  return json_body(200, {{"items", std::move(items)}});
}

HttpResponse create_subscription(const HttpServices& services, HttpRequest& request) {
  auto body = read_json_object(request);
  if (!body) return std::move(body.error());
  auto decoded = decode_new_subscription(*body);
  if (!decoded) return problem_response(decoded.error());
  auto created = services.subscriptions.create(request.caller(), std::move(*decoded));
  if (!created) return problem_response(created.error());
  auto json = encode_subscription(created->subscription);
  json["secret"] = created->secret;
  return json_body(201, json);
}

HttpResponse delete_subscription(const HttpServices& services, HttpRequest& request) {
  auto id = id_from_path<SubscriptionId>(request, "subscription");
  if (!id) return problem_response(id.error());
  if (auto removed = services.subscriptions.remove(request.caller(), *id); !removed) {
    return problem_response(removed.error());
  }
  HttpResponse response;
  response.status = 204;
  return response;
}

HttpResponse enable_subscription(const HttpServices& services, HttpRequest& request) {
  auto id = id_from_path<SubscriptionId>(request, "subscription");
  if (!id) return problem_response(id.error());
  if (auto enabled = services.subscriptions.enable(request.caller(), *id); !enabled) {
    return problem_response(enabled.error());
  }
  HttpResponse response;
  response.status = 204;
  return response;
}

HttpResponse list_vendors(const HttpServices& services, HttpRequest& request) {
  auto standings = services.vendors.list(request.caller());
  if (!standings) return problem_response(standings.error());
  auto items = nlohmann::json::array();
  for (const auto& standing : *standings) items.push_back(encode_vendor(standing));
  return json_body(200, {{"items", std::move(items)}});
}

HttpResponse put_vendor(const HttpServices& services, HttpRequest& request) {
  auto body = read_json_object(request);
  if (!body) return std::move(body.error());
  auto update = decode_attestation_update(*body, request.params.get("vendor"));
  if (!update) return problem_response(update.error());
  auto standing = services.vendors.upsert(request.caller(), *update);
  if (!standing) return problem_response(standing.error());
  return json_body(200, encode_vendor(*standing));
}

}  // namespace

std::vector<RouteInfo> subscription_routes(const HttpServices& services) {
  const auto bind = [&services](HttpResponse (*handler)(const HttpServices&, HttpRequest&)) {
    return [&services, handler](HttpRequest& request) { return handler(services, request); };
  };
  std::vector<RouteInfo> routes;
  routes.push_back({HttpMethod::get,
                    "/api/v1/subscriptions",
                    "listSubscriptions",
                    Access::bearer,
                    Execution::inline_io,
                    {.summary = "List outgoing webhook subscriptions with their delivery counts (subscriptions:admin)",
                     .tag = "webhooks",
                     .response_schema = "SubscriptionList",
                     .problem_statuses = {403}},
                    bind(list_subscriptions)});
  routes.push_back({HttpMethod::post,
                    "/api/v1/subscriptions",
                    "createSubscription",
                    Access::bearer,
                    Execution::blocking,
                    {.summary = "Subscribe a URL to ticket events; the response holds its signing secret, shown "
                                "this once (subscriptions:admin)",
                     .tag = "webhooks",
                     .request_schema = "NewSubscription",
                     .success_status = 201,
                     .response_schema = "CreatedSubscription",
                     .problem_statuses = {400, 403, 413, 415, 422}},
                    bind(create_subscription)});
  routes.push_back({HttpMethod::delete_,
                    "/api/v1/subscriptions/{id}",
                    "deleteSubscription",
                    Access::bearer,
                    Execution::blocking,
                    {.summary = "Delete a subscription and the messages still waiting for it (subscriptions:admin)",
                     .tag = "webhooks",
                     .success_status = 204,
                     .problem_statuses = {403, 404}},
                    bind(delete_subscription)});
  routes.push_back({HttpMethod::post,
                    "/api/v1/subscriptions/{id}/enable",
                    "enableSubscription",
                    Access::bearer,
                    Execution::blocking,
                    {.summary = "Turn a subscription disabled after repeated failures back on; it receives the "
                                "events from then on (subscriptions:admin)",
                     .tag = "webhooks",
                     .success_status = 204,
                     .problem_statuses = {403, 404}},
                    bind(enable_subscription)});
  routes.push_back({HttpMethod::get,
                    "/api/v1/vendors",
                    "listVendors",
                    Access::bearer,
                    Execution::inline_io,
                    {.summary = "List webhook destinations' vendors with their attestations and status (vendors:admin)",
                     .tag = "webhooks",
                     .response_schema = "VendorList",
                     .problem_statuses = {403}},
                    bind(list_vendors)});
  routes.push_back({HttpMethod::put,
                    "/api/v1/vendors/{vendor}",
                    "putVendor",
                    Access::bearer,
                    Execution::blocking,
                    {.summary = "Record a vendor's SOC 2 Type II and ISO 27001 expiry dates (vendors:admin)",
                     .tag = "webhooks",
                     .request_schema = "VendorAttestationUpdate",
                     .response_schema = "Vendor",
                     .problem_statuses = {400, 403, 413, 415, 422}},
                    bind(put_vendor)});
  return routes;
}

}  // namespace snag::http
