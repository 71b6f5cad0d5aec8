// /api/v1/rules: the automation rules in force, their stored versions, and replacing them
// (app/automation/rule_service.hpp). A rules document is YAML with one member, `rules:`, as in
// the configuration file; it is sent as the body (application/yaml) or as {"yaml": "…"}.

#include <algorithm>
#include <cctype>

#include <snag/http/codec/field_reader.hpp>
#include <snag/http/codec/json_body.hpp>
#include <snag/http/codec/ticket_json.hpp>
#include <snag/http/handlers/respond.hpp>
#include <snag/http/handlers/routes.hpp>

namespace snag::http {
namespace {

std::string_view trigger_name(RuleTrigger trigger) {
  switch (trigger) {
    case RuleTrigger::ats_event: return "ats_event";
    case RuleTrigger::ticket_created: return "ticket_created";
    case RuleTrigger::schedule: return "schedule";
    case RuleTrigger::sla: return "sla";
  }
  return "ats_event";
}

nlohmann::json encode_rule_summaries(const RuleSet& rules) {
  auto items = nlohmann::json::array();
  for (const Rule& rule : rules.rules) {
    items.push_back({{"name", rule.name},
                     {"description", rule.description},
                     {"trigger", trigger_name(rule.trigger)},
                     {"line", rule.line}});
  }
  return items;
}

nlohmann::json encode_version_summary(const StoredRuleSet& stored) {
  return {{"version", stored.version},
          {"rule_count", stored.rule_count},
          {"created_at", stored.version == 0 ? nlohmann::json(nullptr) : nlohmann::json(format_rfc3339(stored.created_at))},
          {"created_by", stored.created_by}};
}

HttpResponse rule_set_response(unsigned status, const RuleSetVersion& version) {
  nlohmann::json body = encode_version_summary(version.stored);
  body["yaml"] = version.stored.yaml;
  if (version.rules) body["rules"] = encode_rule_summaries(*version.rules);
  auto response = json_body(status, body);
  response.with_header("ETag", etag_for(version.stored.version));
  return response;
}

bool is_yaml_media_type(std::string_view content_type) {
  std::string type(content_type.substr(0, content_type.find(';')));
  type.erase(std::remove_if(type.begin(), type.end(), [](unsigned char c) { return std::isspace(c); }), type.end());
  std::transform(type.begin(), type.end(), type.begin(), [](unsigned char c) { return std::tolower(c); });
  return type == "application/yaml" || type == "application/x-yaml" || type == "text/yaml" || type == "text/x-yaml";
}

// The rules document of the request: the YAML body itself, or {"yaml": "…"}.
tl::expected<std::string, HttpResponse> read_rules_document(const HttpRequest& request) {
  if (is_yaml_media_type(request.content_type)) return std::string(request.body);
  if (!is_json_media_type(request.content_type)) {
    return tl::unexpected(problem_response(
        415, "Send the rules as application/yaml, or as application/json {\"yaml\": \"...\"}."));
  }
  auto body = read_json_object(request);
  if (!body) return tl::unexpected(std::move(body.error()));
  std::vector<FieldError> errors;
  FieldReader reader(*body, "", errors);
  auto yaml = reader.required_string("yaml");
  reader.reject_unknown();
  if (!errors.empty()) return tl::unexpected(problem_response(fail_validation(std::move(errors)).value()));
  return std::move(*yaml);
}

HttpResponse get_rules(const HttpServices& services, HttpRequest& request) {
  auto current = services.rules.current(request.caller());
  if (!current) return problem_response(current.error());
  return rule_set_response(200, *current);
}

// If-Match, when sent, names the version the caller read: a replacement since is 412.
HttpResponse replace_rules(const HttpServices& services, HttpRequest& request) {
  const auto expected = optional_if_match(request);
  if (!expected) return expected.error();
  auto document = read_rules_document(request);
  if (!document) return std::move(document.error());
  auto replaced = services.rules.replace(request.caller(), *document, *expected);
  if (!replaced) return problem_response(replaced.error());
  return rule_set_response(200, *replaced);
}

HttpResponse validate_rules(const HttpServices& services, HttpRequest& request) {
  auto document = read_rules_document(request);
  if (!document) return std::move(document.error());
  auto rules = services.rules.validate(request.caller(), *document);
  if (!rules) return problem_response(rules.error());
  return json_body(200, {{"valid", true},
                         {"rule_count", rules->rules.size()},
                         {"rules", encode_rule_summaries(*rules)}});
}

HttpResponse list_rule_versions(const HttpServices& services, HttpRequest& request) {
  auto versions = services.rules.versions(request.caller());
  if (!versions) return problem_response(versions.error());
  auto items = nlohmann::json::array();
  for (const StoredRuleSet& stored : *versions) items.push_back(encode_version_summary(stored));
  return json_body(200, {{"items", std::move(items)}, {"in_force", services.rules.version_in_force()}});
}

// {id} 0 is the configuration's rules.
HttpResponse get_rule_version(const HttpServices& services, HttpRequest& request) {
  const auto& text = request.params.get("id");
  const auto number = text == "0" ? std::optional<std::int64_t>(0) : positive_number(text);
  if (!number) return problem_response(404, "There is no rules version " + text + ".");
  auto version = services.rules.version(request.caller(), *number);
  if (!version) return problem_response(version.error());
  return rule_set_response(200, *version);
}

}  // namespace

std::vector<RouteInfo> rule_routes(const HttpServices& services) {
  const auto bind = [&services](HttpResponse (*handler)(const HttpServices&, HttpRequest&)) {
    return [&services, handler](HttpRequest& request) { return handler(services, request); };
  };
  std::vector<RouteInfo> routes;
  routes.push_back({HttpMethod::get,
                    "/api/v1/rules",
                    "getRules",
                    Access::bearer,
                    Execution::inline_io,
                    {.summary = "The automation rules in force: version, YAML and each rule (tickets:read)",
                     .tag = "automation",
                     .response_schema = "RuleSet",
                     .problem_statuses = {401, 403}},
                    bind(get_rules)});
  routes.push_back({HttpMethod::put,
                    "/api/v1/rules",
                    "replaceRules",
                    Access::bearer,
                    Execution::blocking,
                    {.summary = "Replace the automation rules with a rules document (application/yaml, or JSON "
                                "{yaml}); in force on every node within seconds (automation:admin)",
                     .tag = "automation",
                     .headers = {"If-Match"},
                     .request_schema = "RulesDocument",
                     .response_schema = "RuleSet",
                     .problem_statuses = {400, 401, 403, 412, 413, 415, 422}},
                    bind(replace_rules)});
  routes.push_back({HttpMethod::post,
                    "/api/v1/rules/validate",
                    "validateRules",
                    Access::bearer,
                    Execution::blocking,
                    {.summary = "Check a rules document without storing it (automation:admin)",
                     .tag = "automation",
                     .request_schema = "RulesDocument",
                     .response_schema = "RuleCheck",
                     .problem_statuses = {400, 401, 403, 413, 415, 422}},
                    bind(validate_rules)});
  routes.push_back({HttpMethod::get,
                    "/api/v1/rules/versions",
                    "listRuleVersions",
                    Access::bearer,
                    Execution::inline_io,
                    {.summary = "The stored versions of the rules, newest first (tickets:read)",
                     .tag = "automation",
                     .response_schema = "RuleVersionList",
                     .problem_statuses = {401, 403}},
                    bind(list_rule_versions)});
  routes.push_back({HttpMethod::get,
                    "/api/v1/rules/versions/{id}",
                    "getRuleVersion",
                    Access::bearer,
                    Execution::inline_io,
                    {.summary = "One stored version of the rules; 0 is the configuration's (tickets:read)",
                     .tag = "automation",
                     .response_schema = "RuleSet",
                     .problem_statuses = {401, 403, 404}},
                    bind(get_rule_version)});
  return routes;
}

}  // namespace snag::http
