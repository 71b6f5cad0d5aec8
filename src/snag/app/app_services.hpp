#pragma once
// Every use case, wired once over a store, a catalog and a clock: `snag serve`, the commands and
// the tests build the same graph, so that no path gets a service without its access checks.

#include <snag/app/access/access_guard.hpp>
#include <snag/app/access/access_recorder.hpp>
#include <snag/app/api_key_service.hpp>
#include <snag/app/automation/notification_service.hpp>
#include <snag/app/automation/rule_book.hpp>
#include <snag/app/automation/rule_service.hpp>
#include <snag/app/automation/suppression_window_service.hpp>
#include <snag/app/automation/ticket_router.hpp>
#include <snag/app/candidate_service.hpp>
#include <snag/app/compliance/erasure_service.hpp>
#include <snag/app/compliance/legal_hold_service.hpp>
#include <snag/app/exports/export_service.hpp>
#include <snag/app/exports/vendor_feedback_export.hpp>
#include <snag/app/identity/authenticator.hpp>
#include <snag/app/identity/identity_policy.hpp>
#include <snag/app/identity/session_service.hpp>
#include <snag/app/identity/token_service.hpp>
#include <snag/app/incidents/change_service.hpp>
#include <snag/app/incidents/incident_service.hpp>
#include <snag/app/ports/clock.hpp>
#include <snag/app/ports/store.hpp>
#include <snag/app/reports/abandonment_report.hpp>
#include <snag/app/reports/adoption_report.hpp>
#include <snag/app/reports/aging_report.hpp>
#include <snag/app/reports/executive_summary.hpp>
#include <snag/app/reports/pareto_report.hpp>
#include <snag/app/reports/sla_report.hpp>
#include <snag/app/reports/trend_report.hpp>
#include <snag/app/reports/volume_report.hpp>
#include <snag/app/taxonomy_service.hpp>
#include <snag/app/ticket_service.hpp>
#include <snag/app/views/saved_view_service.hpp>
#include <snag/domain/catalog.hpp>
#include <snag/domain/pii/detector.hpp>

namespace snag {

// Members are built in declaration order; each refers only to members declared before it.
// Must not move.
struct AppServices {
  AppServices(Store& store, const Catalog& catalog, const Clock& clock, const IdentityPolicy& policy = {},
              ConfiguredRules configured_rules = {}, ExportPolicy exports_policy = {});
  AppServices(const AppServices&) = delete;
  AppServices& operator=(const AppServices&) = delete;

  pii::Detector detector;
  AccessGuard access;
  AccessRecorder recorder;
  RuleBook rule_book;  // the automation rules in force
  TicketRouter router;
  TicketService tickets;
  CandidateService candidates;
  ApiKeyService api_keys;
  TokenService tokens;
  SessionService sessions;
  Authenticator authenticator;
  NotificationService notifications;
  SuppressionWindowService suppression_windows;
  SavedViewService saved_views;
  SlaReportService sla_report;
  ParetoReportService pareto_report;
  VolumeReportService volume_report;
  TrendReportService trend_report;
  AdoptionReportService adoption_report;
  AbandonmentReportService abandonment_report;
  TaxonomyService taxonomy;
  RuleService rules;
  ErasureService erasures;
  LegalHoldService legal_holds;
  IncidentService incidents;
  ChangeService changes;
  ExportService exports;
  VendorFeedbackExport vendor_feedback;
  AgingReportService aging_report;
  ExecutiveSummaryService executive_summary;
};

}  // namespace snag
