#include <snag/app/reports/report_query.hpp>

#include <snag/domain/access/access_policy.hpp>

namespace snag {

Result<TicketQuery> report_query(const AccessGuard& access, const Actor& actor, std::optional<Timestamp> from,
                                 std::optional<Timestamp> to) {
  if (auto allowed = access.require(actor, permission::reports_read); !allowed) {
    return tl::unexpected(std::move(allowed.error()));
  }
  if (from && to && *to <= *from) return fail_validation({{"to", "must be after from"}});
  auto scope = access.scope(actor);
  if (!scope) return tl::unexpected(std::move(scope.error()));
  TicketQuery query;
  query.scope = std::move(*scope);
  query.created_after = from;
  query.created_before = to;
  return query;
}

}  // namespace snag
