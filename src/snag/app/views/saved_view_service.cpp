#include <snag/app/views/saved_view_service.hpp>
#include <snag/domain/access/access_policy.hpp>

namespace snag {
namespace {

// The view the actor may change, read inside the write: another person's view is not found
// unless it is shared, and then it is theirs to change.
Result<SavedView> owned_view(WriteTransaction& tx, const Actor& actor, SavedViewId id) {
  auto found = tx.find_saved_view(id);
  if (!found) return tl::unexpected(std::move(found.error()));
  if (!*found || !may_open_view(**found, actor)) {
    return fail(ErrorCode::not_found, "There is no view " + std::to_string(id.value) + ".");
  }
  if (!may_change_view(**found, actor)) {
    return fail(ErrorCode::permission_denied, "Only the person who saved a shared view may change or delete it.");
  }
  return std::move(**found);
}

}  // namespace

SavedViewService::SavedViewService(Store& store, const Catalog& catalog, const Clock& clock, const AccessGuard& access)
    : m_store(store), m_catalog(catalog), m_clock(clock), m_access(access) {}

Result<std::vector<SavedView>> SavedViewService::list(const Actor& actor) const {
  if (auto allowed = m_access.require(actor, permission::tickets_read); !allowed) {
    return tl::unexpected(std::move(allowed.error()));
  }
  return m_store.saved_views_for(actor.name);
}

Result<SavedView> SavedViewService::create(const Actor& actor, NewSavedView draft) const {
  if (auto allowed = m_access.require(actor, permission::tickets_read); !allowed) {
    return tl::unexpected(std::move(allowed.error()));
  }
  std::vector<FieldError> errors;
  check_view_name(draft.name, errors);
  check_view_query(draft.query.text, draft.query.params, m_catalog, errors);
  if (!errors.empty()) return fail_validation(std::move(errors));
  SavedView view;
  view.owner = actor.name;
  view.name = std::move(draft.name);
  view.query = std::move(draft.query.text);
  view.shared = draft.shared;
  view.created_at = m_clock.now();
  view.updated_at = view.created_at;
  auto written = m_store.write([&](WriteTransaction& tx) -> Result<void> {
    auto id = tx.insert_saved_view(view);
    if (!id) return tl::unexpected(std::move(id.error()));
    view.id = *id;
    return {};
  });
  if (!written) return tl::unexpected(std::move(written.error()));
  return view;
}

Result<SavedView> SavedViewService::change(const Actor& actor, SavedViewId id, SavedViewChange change) const {
  if (auto allowed = m_access.require(actor, permission::tickets_read); !allowed) {
    return tl::unexpected(std::move(allowed.error()));
  }
  // Only what changes is checked: a stored query naming a team since removed from the
  // configuration does not stop a rename.
  std::vector<FieldError> errors;
  if (change.name) check_view_name(*change.name, errors);
  if (change.query) check_view_query(change.query->text, change.query->params, m_catalog, errors);
  if (!errors.empty()) return fail_validation(std::move(errors));
  SavedView changed;
  auto written = m_store.write([&](WriteTransaction& tx) -> Result<void> {
    auto view = owned_view(tx, actor, id);
    if (!view) return tl::unexpected(std::move(view.error()));
    if (change.name) view->name = *change.name;
    if (change.query) view->query = change.query->text;
    if (change.shared) view->shared = *change.shared;
    view->updated_at = m_clock.now();
    if (auto updated = tx.update_saved_view(*view); !updated) return updated;
    changed = std::move(*view);
    return {};
  });
  if (!written) return tl::unexpected(std::move(written.error()));
  return changed;
}

Result<void> SavedViewService::remove(const Actor& actor, SavedViewId id) const {
  if (auto allowed = m_access.require(actor, permission::tickets_read); !allowed) {
    return tl::unexpected(std::move(allowed.error()));
  }
  return m_store.write([&](WriteTransaction& tx) -> Result<void> {
    auto view = owned_view(tx, actor, id);
    if (!view) return tl::unexpected(std::move(view.error()));
    auto deleted = tx.delete_saved_view(id);
    if (!deleted) return tl::unexpected(std::move(deleted.error()));
    return {};
  });
}

}  // namespace snag
