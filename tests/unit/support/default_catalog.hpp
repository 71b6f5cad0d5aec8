#pragma once
// The shipped configuration (config/snag.default.yaml), for tests of rules that read it.

#include <stdexcept>

#include <snag/app/automation/ticket_router.hpp>
#include <snag/config/settings.hpp>

namespace snag::testing {

inline const Settings& default_settings() {
  static const Settings settings = [] {
    auto parsed = parse_settings("", "defaults", {});
    if (!parsed) throw std::runtime_error(parsed.error().message);
    return std::move(*parsed);
  }();
  return settings;
}

inline const Catalog& default_catalog() { return default_settings().catalog; }

// The shipped automation rules, and a router over them.
inline const RuleSet& default_rules() { return default_settings().rules; }
inline const TicketRouter& default_router() {
  static const RuleBook book(default_rules());
  static const TicketRouter router(default_catalog(), book);
  return router;
}

}  // namespace snag::testing
