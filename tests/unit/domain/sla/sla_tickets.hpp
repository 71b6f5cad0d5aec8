#pragma once
// Tickets on the shipped catalog (support/default_catalog.hpp) moved along their workflow at
// given instants, for the SLA tests.

#include <stdexcept>
#include <string_view>

#include "../../support/default_catalog.hpp"
#include "calendars.hpp"

#include <snag/domain/ticket_changes.hpp>

namespace snag::testing {

inline const Actor k_sla_reporter{"Priya Shah", "recruiter", "recruitment", "key:1", {}, std::nullopt};

inline Ticket moved(const Ticket& ticket, std::string_view to, std::string_view when) {
  auto after = transition_ticket(default_catalog(), ticket, to, at(when));
  if (!after) throw std::runtime_error(after.error().message);
  return *after;
}

}  // namespace snag::testing
