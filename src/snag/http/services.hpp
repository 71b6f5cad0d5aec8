#pragma once

#include <snag/app/app_services.hpp>
#include <snag/app/event_hub.hpp>
#include <snag/app/ports/store.hpp>
#include <snag/domain/catalog.hpp>
#include <snag/integrations/integration_services.hpp>
#include <snag/integrations/outbound/subscription_service.hpp>
#include <snag/integrations/outbound/vendor_registry.hpp>

namespace snag {
namespace http {
class WebApp;
}

// What the handlers work with. Every referent must outlive the HttpServer.
struct HttpServices {
  HttpServices(AppServices& app, IntegrationServices& integrations, Store& app_store, const Catalog& app_catalog,
               EventHub& hub, const OutboundTargetPolicy& outbound_targets)
      : tickets(app.tickets),
        candidates(app.candidates),
        api_keys(app.api_keys),
        tokens(app.tokens),
        sessions(app.sessions),
        authenticator(app.authenticator),
        access(app.access),
        access_recorder(app.recorder),
        notifications(app.notifications),
        suppression_windows(app.suppression_windows),
        saved_views(app.saved_views),
        sla_report(app.sla_report),
        pareto_report(app.pareto_report),
        volume_report(app.volume_report),
        trend_report(app.trend_report),
        adoption_report(app.adoption_report),
        abandonment_report(app.abandonment_report),
        taxonomy(app.taxonomy),
        rules(app.rules),
        erasures(app.erasures),
        legal_holds(app.legal_holds),
        incidents(app.incidents),
        changes(app.changes),
        exports(app.exports),
        vendor_feedback(app.vendor_feedback),
        store(app_store),
        catalog(app_catalog),
        events(hub),
        connectors(integrations.connectors),
        webhooks(integrations.intake),
        inbox(integrations.processor),
        subscriptions(app_store, app.recorder.clock(), app.access, outbound_targets),
        vendors(app_store, app.recorder.clock(), app.access) {}

  TicketService& tickets;
  CandidateService& candidates;
  ApiKeyService& api_keys;
  TokenService& tokens;      // POST /oauth/token
  SessionService& sessions;  // sign-in and sign-out
  Authenticator& authenticator;
  const AccessGuard& access;
  AccessRecorder& access_recorder;  // GET /api/v1/access-log, exports
  NotificationService& notifications;               // /api/v1/notifications
  SuppressionWindowService& suppression_windows;    // /api/v1/suppression-windows
  SavedViewService& saved_views;                    // /api/v1/views
  SlaReportService& sla_report;                     // /api/v1/reports/sla
  ParetoReportService& pareto_report;               // /api/v1/reports/pareto
  VolumeReportService& volume_report;               // /api/v1/reports/volume
  TrendReportService& trend_report;                 // /api/v1/reports/trends
  AdoptionReportService& adoption_report;           // /api/v1/reports/adoption
  AbandonmentReportService& abandonment_report;     // /api/v1/reports/abandonment
  TaxonomyService& taxonomy;                        // /api/v1/reports/taxonomy
  RuleService& rules;                               // /api/v1/rules
  ErasureService& erasures;                         // /api/v1/erasure-requests
  LegalHoldService& legal_holds;                    // /api/v1/legal-holds
  IncidentService& incidents;                       // /api/v1/incidents, /api/v1/severity-protocols
  ChangeService& changes;                           // /api/v1/changes
  const ExportService& exports;                     // /api/v1/exports
  const VendorFeedbackExport& vendor_feedback;      // /api/v1/exports/vendor-feedback
  Store& store;
  const Catalog& catalog;
  EventHub& events;  // GET /api/v1/events
  ConnectorService& connectors;  // /api/v1/connectors, /api/v1/dead-letters
  WebhookIntake& webhooks;       // POST /hooks/{connector}
  const InboxProcessor& inbox;   // GET /metrics: how it gave way to webhook intake
  // Outgoing webhooks: /api/v1/subscriptions and /api/v1/vendors. Built here from the parts above,
  // as they hold nothing but references.
  SubscriptionService subscriptions;
  VendorRegistry vendors;
  // The web app's files, served for the GETs no route answers; none: the API alone.
  const http::WebApp* web_app = nullptr;
  // The `retention:` section, for GET /api/v1/retention-rules; none: no rules.
  const RetentionPolicy* retention = nullptr;
};

}  // namespace snag
