#pragma once
// Suppression windows (domain/automation/suppression_window.hpp), managed with automation:admin:
// declared ahead or on the spot, ended early, deleted only before they start. What a window
// held and how each held escalation ended is read with the window.

#include <vector>

#include <snag/app/access/access_guard.hpp>
#include <snag/app/ports/clock.hpp>
#include <snag/app/ports/store.hpp>
#include <snag/domain/catalog.hpp>

namespace snag {

struct WindowDetail {
  SuppressionWindow window;
  std::vector<SuppressedEscalation> suppressed;
};

class SuppressionWindowService {
 public:
  SuppressionWindowService(Store& store, const Catalog& catalog, const Clock& clock, const AccessGuard& access);

  // validation_failed naming the field: no name, a scope value missing, unknown (a team or
  // issue type the catalog lacks) or given for `all`, an end not after the start, or an end
  // already past.
  Result<SuppressionWindow> create(const Actor& actor, SuppressionWindow window) const;
  Result<std::vector<SuppressionWindow>> list(const Actor& actor) const;
  Result<WindowDetail> get(const Actor& actor, SuppressionWindowId id) const;
  // Ends a window now. conflict when it has already ended, or not started (delete it instead).
  Result<SuppressionWindow> end_now(const Actor& actor, SuppressionWindowId id) const;
  // conflict once the window has started: what it held is part of the record.
  Result<void> remove(const Actor& actor, SuppressionWindowId id) const;

 private:
  Store& m_store;
  const Catalog& m_catalog;
  const Clock& m_clock;
  const AccessGuard& m_access;
};

}  // namespace snag
