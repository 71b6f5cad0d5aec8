#pragma once
// An Api over the in-memory store of the app tests, with one admin API key: handlers run
// end to end, without sockets.

#include <string>

#include <snag/http/api.hpp>

#include "../app/fake_store.hpp"
#include "../support/default_catalog.hpp"

namespace snag::testing {

class ApiFixture {
 public:
  ApiFixture()
      : m_clock(from_epoch_ms(1'795'000'000'000)),
        m_tickets(m_store, default_catalog(), m_clock),
        m_candidates(m_store, m_clock),
        m_api_keys(m_store, default_catalog(), m_clock),
        m_events(m_store),
        m_api(HttpServices{m_tickets, m_candidates, m_api_keys, m_store, default_catalog(), m_events}) {
    auto issued = m_api_keys.create(NewApiKey{"tests", "admin", std::nullopt, std::nullopt});
    if (!issued) throw std::runtime_error(issued.error().message);
    m_bearer = "Bearer " + issued->secret;
  }

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
  TicketService m_tickets;
  CandidateService m_candidates;
  ApiKeyService m_api_keys;
  EventHub m_events;  // not started: streams open, but nothing arrives
  http::Api m_api;
  std::string m_bearer;
  std::string m_target;
  std::string m_body;
};

}  // namespace snag::testing
