#pragma once
// Saved views (domain/views/saved_view.hpp): anyone who may read tickets keeps their own views
// and may share them; everyone reads the shared ones. Only a view's owner changes or deletes it.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <snag/app/access/access_guard.hpp>
#include <snag/app/ports/clock.hpp>
#include <snag/app/ports/store.hpp>
#include <snag/domain/catalog.hpp>

namespace snag {

// A list query as the view keeps it (`text`, as in the list's URL) and decoded (`params`), so
// that the service checks what the text means without knowing URL encoding.
struct ViewQuery {
  std::string text;
  std::multimap<std::string, std::string> params;
};

struct NewSavedView {
  std::string name;
  ViewQuery query;
  bool shared = false;
};

// What a PATCH changes; what is absent stays.
struct SavedViewChange {
  std::optional<std::string> name;
  std::optional<ViewQuery> query;
  std::optional<bool> shared;
};

class SavedViewService {
 public:
  SavedViewService(Store& store, const Catalog& catalog, const Clock& clock, const AccessGuard& access);

  // The caller's views and the shared ones, by name.
  Result<std::vector<SavedView>> list(const Actor& actor) const;
  // validation_failed naming `name` or `query`; conflict when the caller has a view of that name.
  Result<SavedView> create(const Actor& actor, NewSavedView view) const;
  // As create; not_found for another person's unshared view, permission_denied for another
  // person's shared one.
  Result<SavedView> change(const Actor& actor, SavedViewId id, SavedViewChange change) const;
  Result<void> remove(const Actor& actor, SavedViewId id) const;

 private:
  Store& m_store;
  const Catalog& m_catalog;
  const Clock& m_clock;
  const AccessGuard& m_access;
};

}  // namespace snag
