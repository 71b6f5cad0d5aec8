#pragma once

#include <snag/app/app_services.hpp>
#include <snag/app/event_hub.hpp>
#include <snag/app/ports/store.hpp>
#include <snag/domain/catalog.hpp>

namespace snag {

// What the handlers work with. Every referent must outlive the HttpServer.
struct HttpServices {
  HttpServices(AppServices& app, Store& app_store, const Catalog& app_catalog, EventHub& hub)
      : tickets(app.tickets),
        candidates(app.candidates),
        api_keys(app.api_keys),
        tokens(app.tokens),
        sessions(app.sessions),
        authenticator(app.authenticator),
        access(app.access),
        access_recorder(app.recorder),
        store(app_store),
        catalog(app_catalog),
        events(hub) {}

  TicketService& tickets;
  CandidateService& candidates;
  ApiKeyService& api_keys;
  TokenService& tokens;      // POST /oauth/token
  SessionService& sessions;  // sign-in and sign-out
  Authenticator& authenticator;
  const AccessGuard& access;
  AccessRecorder& access_recorder;  // GET /api/v1/access-log, exports
  Store& store;
  const Catalog& catalog;
  EventHub& events;  // GET /api/v1/events
};

}  // namespace snag
