#pragma once

#include <snag/app/api_key_service.hpp>
#include <snag/app/candidate_service.hpp>
#include <snag/app/event_hub.hpp>
#include <snag/app/ports/store.hpp>
#include <snag/app/ticket_service.hpp>
#include <snag/domain/catalog.hpp>

namespace snag {

// What the handlers work with. Every referent must outlive the HttpServer.
struct HttpServices {
  TicketService& tickets;
  CandidateService& candidates;
  ApiKeyService& api_keys;
  Store& store;
  const Catalog& catalog;
  EventHub& events;  // GET /api/v1/events
};

}  // namespace snag
