#include <snag/app/app_services.hpp>

namespace snag {

AppServices::AppServices(Store& store, const Catalog& catalog, const Clock& clock, const IdentityPolicy& policy,
                         ConfiguredRules configured_rules, ExportPolicy exports_policy)
    : detector(policy.health_terms),
      access(catalog, detector),
      recorder(store, clock, policy.view_log_window),
      rule_book(configured_rules.rules, configured_rules.escalation_points),
      router(catalog, rule_book),
      tickets(store, catalog, clock, access, recorder, router),
      candidates(store, clock, access, recorder),
      api_keys(store, catalog, clock, policy.api_keys),
      tokens(store, catalog, clock, policy.token_lifetime, policy.widget),
      sessions(store, catalog, clock, policy.login),
      authenticator(api_keys, tokens, sessions),
      notifications(store, clock),
      suppression_windows(store, catalog, clock, access),
      saved_views(store, catalog, clock, access),
      sla_report(store, clock, access),
      pareto_report(store, clock, access),
      volume_report(store, clock, access),
      trend_report(store, catalog, clock, access),
      adoption_report(store, clock, access),
      abandonment_report(store, access),
      taxonomy(store, catalog, clock, access),
      rules(store, clock, access, rule_book, std::move(configured_rules)),
      erasures(store, clock, access),
      legal_holds(store, clock, access),
      incidents(store, catalog, clock, access),
      changes(store, clock, access),
      exports(tickets, store, access, recorder, exports_policy),
      vendor_feedback(store, catalog, access, recorder, exports_policy),
      aging_report(store, clock, access),
      executive_summary(store, clock, access, pareto_report, trend_report) {}

}  // namespace snag
