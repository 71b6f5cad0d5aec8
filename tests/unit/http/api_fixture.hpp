#pragma once
// An Api over the in-memory store of the app tests, with one admin API key: handlers run
// end to end, without sockets.

#include <string>

#include <snag/http/api.hpp>

#include "test_actor.hpp"
#include "../app/fake_store.hpp"
#include "../support/default_catalog.hpp"

namespace snag::testing {

class ApiFixture {
 public:
  ApiFixture()
      : m_clock(from_epoch_ms(1'795'000'000'000)),
        m_services(m_store, default_catalog(), m_clock),
        m_integrations(m_store, default_catalog(), m_clock, m_ats_policy, m_services, "tests"),
        m_events(m_store),
        m_api(HttpServices(m_services, m_integrations, m_store, default_catalog(), m_events, OutboundTargetPolicy{})) {
    m_bearer = bearer_for("tests", "admin");
  }

  // "Bearer <secret>" of a new API key with that name, role and team.
  std::string bearer_for(std::string name, std::string role, std::optional<std::string> team = std::nullopt) {
    NewApiKey key;
    key.name = std::move(name);
    key.role = std::move(role);
    key.team = std::move(team);
    auto issued = m_services.api_keys.create(testing::test_admin(), key);
    if (!issued) throw std::runtime_error(issued.error().message);
    return "Bearer " + issued->secret;
  }

  AppServices& services() { return m_services; }
  ManualClock& clock() { return m_clock; }

  http::Api& api() { return m_api; }
  // "Bearer <the admin key>".
  const std::string& bearer() const { return m_bearer; }

  // Sends one request with the admin key (unless `authorization` says otherwise).
  http::HttpResponse send(http::HttpMethod method, std::string_view target, std::string_view body = {},
                          std::string_view if_match = {}, std::optional<std::string_view> authorization = {}) {
    m_target = std::string(target);
    m_body = std::string(body);
    http::HttpRequest request;
    request.method = method;
    request.method_text = http::to_string(method);
    const auto question = m_target.find('?');
    request.path = std::string_view(m_target).substr(0, question);
    if (question != std::string::npos) request.query = std::string_view(m_target).substr(question + 1);
    request.body = m_body;
    if (!body.empty()) request.content_type = "application/json; charset=utf-8";
    request.if_match = if_match;
    request.authorization = authorization ? *authorization : std::string_view(m_bearer);
    request.request_id = "test-1";
    return m_api.handle(request);
  }

 private:
  ManualClock m_clock;
  FakeStore m_store;
  AppServices m_services;
  AtsPolicy m_ats_policy;
  IntegrationServices m_integrations;
  EventHub m_events;  // not started: streams open, but nothing arrives
  http::Api m_api;
  std::string m_bearer;
  std::string m_target;
  std::string m_body;
};

}  // namespace snag::testing
