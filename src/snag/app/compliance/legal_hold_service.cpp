#include <snag/app/compliance/legal_hold_service.hpp>

#include <snag/app/compliance/erasure.hpp>
#include <snag/domain/access/access_policy.hpp>

namespace snag {
namespace {

Result<LegalHold> require_hold(std::optional<LegalHold> hold, LegalHoldId id) {
  if (!hold) return fail(ErrorCode::not_found, "There is no legal hold " + std::to_string(id.value) + ".");
  return std::move(*hold);
}

}  // namespace

LegalHoldService::LegalHoldService(Store& store, const Clock& clock, const AccessGuard& access)
    : m_store(store), m_clock(clock), m_access(access) {}

Result<LegalHold> LegalHoldService::place(const Actor& actor, LegalHold hold) const {
  if (auto allowed = m_access.require(actor, permission::compliance_admin); !allowed) {
    return tl::unexpected(std::move(allowed.error()));
  }
  if (auto errors = validate_hold(hold); !errors.empty()) return fail_validation(std::move(errors));
  hold.placed_by = actor.name;
  hold.placed_at = m_clock.now();
  hold.released_at.reset();
  hold.released_by.reset();
  auto written = m_store.write([&](WriteTransaction& tx) -> Result<void> {
    if (hold.ticket) {
      auto ticket = tx.find_ticket(*hold.ticket);
      if (!ticket) return tl::unexpected(std::move(ticket.error()));
      if (!*ticket) return fail_validation({{"ticket", "there is no ticket " + ticket_key(*hold.ticket)}});
    }
    auto id = tx.insert_legal_hold(hold);
    if (!id) return tl::unexpected(std::move(id.error()));
    hold.id = *id;
    return {};
  });
  if (!written) return tl::unexpected(std::move(written.error()));
  return hold;
}

Result<LegalHold> LegalHoldService::release(const Actor& actor, LegalHoldId id) const {
  if (auto allowed = m_access.require(actor, permission::compliance_admin); !allowed) {
    return tl::unexpected(std::move(allowed.error()));
  }
  const Timestamp now = m_clock.now();
  LegalHold released;
  auto written = m_store.write([&](WriteTransaction& tx) -> Result<void> {
    auto found = tx.find_legal_hold(id);
    if (!found) return tl::unexpected(std::move(found.error()));
    auto hold = require_hold(std::move(*found), id);
    if (!hold) return tl::unexpected(std::move(hold.error()));
    if (!hold_active(*hold)) return fail(ErrorCode::conflict, "The legal hold was released already.");
    hold->released_at = now;
    hold->released_by = actor.name;
    if (auto updated = tx.update_legal_hold(*hold); !updated) return updated;
    if (auto retried = retry_held_erasures(tx, now); !retried) return retried;
    released = std::move(*hold);
    return {};
  });
  if (!written) return tl::unexpected(std::move(written.error()));
  return released;
}

Result<LegalHold> LegalHoldService::get(const Actor& actor, LegalHoldId id) const {
  if (auto allowed = m_access.require(actor, permission::compliance_admin); !allowed) {
    return tl::unexpected(std::move(allowed.error()));
  }
  auto found = m_store.find_legal_hold(id);
  if (!found) return tl::unexpected(std::move(found.error()));
  return require_hold(std::move(*found), id);
}

Result<std::vector<LegalHold>> LegalHoldService::list(const Actor& actor) const {
  if (auto allowed = m_access.require(actor, permission::compliance_admin); !allowed) {
    return tl::unexpected(std::move(allowed.error()));
  }
  return m_store.list_legal_holds();
}

}  // namespace snag
