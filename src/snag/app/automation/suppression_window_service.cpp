#include <snag/app/automation/suppression_window_service.hpp>

#include <snag/domain/access/access_policy.hpp>

namespace snag {
namespace {

Result<SuppressionWindow> require_window(std::optional<SuppressionWindow> window, SuppressionWindowId id) {
  if (!window) return fail(ErrorCode::not_found, "There is no suppression window " + std::to_string(id.value) + ".");
  return std::move(*window);
}

}  // namespace

SuppressionWindowService::SuppressionWindowService(Store& store, const Catalog& catalog, const Clock& clock,
                                                   const AccessGuard& access)
    : m_store(store), m_catalog(catalog), m_clock(clock), m_access(access) {}

Result<SuppressionWindow> SuppressionWindowService::create(const Actor& actor, SuppressionWindow window) const {
  if (auto allowed = m_access.require(actor, permission::automation_admin); !allowed) {
    return tl::unexpected(std::move(allowed.error()));
  }
  const Timestamp now = m_clock.now();
  if (auto valid = validate_window(window); !valid) return tl::unexpected(std::move(valid.error()));
  if (window.scope == WindowScope::team && !m_catalog.has_team(window.scope_value)) {
    return fail_validation({{"scope.value", "unknown team '" + window.scope_value + "'"}});
  }
  if (window.scope == WindowScope::issue_type && m_catalog.find_issue_type(window.scope_value) == nullptr) {
    return fail_validation({{"scope.value", "unknown issue type '" + window.scope_value + "'"}});
  }
  if (window.ends_at <= now) return fail_validation({{"ends_at", "must be in the future"}});
  window.created_by = actor.name;
  window.created_at = now;
  window.ended_early_at.reset();
  window.settled_at.reset();
  auto written = m_store.write([&](WriteTransaction& tx) -> Result<void> {
    auto id = tx.insert_suppression_window(window);
    if (!id) return tl::unexpected(std::move(id.error()));
    window.id = *id;
    return {};
  });
  if (!written) return tl::unexpected(std::move(written.error()));
  return window;
}

Result<std::vector<SuppressionWindow>> SuppressionWindowService::list(const Actor& actor) const {
  if (auto allowed = m_access.require(actor, permission::automation_admin); !allowed) {
    return tl::unexpected(std::move(allowed.error()));
  }
  return m_store.list_suppression_windows();
}

Result<WindowDetail> SuppressionWindowService::get(const Actor& actor, SuppressionWindowId id) const {
  if (auto allowed = m_access.require(actor, permission::automation_admin); !allowed) {
    return tl::unexpected(std::move(allowed.error()));
  }
  auto found = m_store.find_suppression_window(id);
  if (!found) return tl::unexpected(std::move(found.error()));
  auto window = require_window(std::move(*found), id);
  if (!window) return tl::unexpected(std::move(window.error()));
  auto suppressed = m_store.suppressed_escalations(id);
  if (!suppressed) return tl::unexpected(std::move(suppressed.error()));
  return WindowDetail{std::move(*window), std::move(*suppressed)};
}

Result<SuppressionWindow> SuppressionWindowService::end_now(const Actor& actor, SuppressionWindowId id) const {
  if (auto allowed = m_access.require(actor, permission::automation_admin); !allowed) {
    return tl::unexpected(std::move(allowed.error()));
  }
  const Timestamp now = m_clock.now();
  SuppressionWindow ended;
  auto written = m_store.write([&](WriteTransaction& tx) -> Result<void> {
    auto found = tx.find_suppression_window(id);
    if (!found) return tl::unexpected(std::move(found.error()));
    auto window = require_window(std::move(*found), id);
    if (!window) return tl::unexpected(std::move(window.error()));
    if (!window_started(*window, now)) {
      return fail(ErrorCode::conflict, "The window has not started; delete it instead.");
    }
    if (!window_active(*window, now)) return fail(ErrorCode::conflict, "The window has already ended.");
    window->ends_at = now;
    window->ended_early_at = now;
    if (auto updated = tx.update_suppression_window(*window); !updated) return updated;
    ended = std::move(*window);
    return {};
  });
  if (!written) return tl::unexpected(std::move(written.error()));
  return ended;
}

Result<void> SuppressionWindowService::remove(const Actor& actor, SuppressionWindowId id) const {
  if (auto allowed = m_access.require(actor, permission::automation_admin); !allowed) {
    return tl::unexpected(std::move(allowed.error()));
  }
  const Timestamp now = m_clock.now();
  return m_store.write([&](WriteTransaction& tx) -> Result<void> {
    auto found = tx.find_suppression_window(id);
    if (!found) return tl::unexpected(std::move(found.error()));
    auto window = require_window(std::move(*found), id);
    if (!window) return tl::unexpected(std::move(window.error()));
    if (window_started(*window, now)) {
      return fail(ErrorCode::conflict, "The window has started: end it early instead; it stays on record.");
    }
    auto removed = tx.delete_suppression_window(id);
    if (!removed) return tl::unexpected(std::move(removed.error()));
    return {};
  });
}

}  // namespace snag
