#include <snag/app/automation/rule_service.hpp>

#include <snag/domain/access/access_policy.hpp>

namespace snag {
namespace {

constexpr std::size_t k_versions_listed = 100;

}  // namespace

RuleService::RuleService(Store& store, const Clock& clock, const AccessGuard& access, RuleBook& book,
                         ConfiguredRules configured)
    : m_store(store),
      m_clock(clock),
      m_access(access),
      m_book(book),
      m_configured(std::move(configured)),
      m_configured_rules(std::make_shared<const RuleSet>(m_configured.rules)) {}

RuleSetVersion RuleService::configured_version() const {
  RuleSetVersion configured;
  configured.stored.yaml = m_configured.yaml;
  configured.stored.rule_count = static_cast<std::int64_t>(m_configured.rules.rules.size());
  configured.stored.created_by = "configuration";
  configured.rules = m_configured_rules;
  return configured;
}

Result<void> RuleService::require_admin(const Actor& actor) const {
  return m_access.require(actor, permission::automation_admin);
}

Result<RuleSet> RuleService::parse(std::string_view yaml) const {
  if (!m_configured.parse) return fail(ErrorCode::internal, "this process cannot read rules documents");
  return m_configured.parse(yaml);
}

Result<RuleSet> RuleService::parse_sent(std::string_view yaml) const {
  auto rules = parse(yaml);
  if (!rules && rules.error().code == ErrorCode::invalid_argument) {
    return fail_validation({{"rules", rules.error().message}});
  }
  return rules;
}

Result<RuleSetVersion> RuleService::current(const Actor& actor) const {
  if (auto allowed = m_access.require(actor, permission::tickets_read); !allowed) return tl::unexpected(allowed.error());
  const RuleBook::InForce in_force = m_book.in_force();
  if (in_force.version == 0) return configured_version();
  auto stored = m_store.find_rule_set(in_force.version);
  if (!stored) return tl::unexpected(std::move(stored.error()));
  if (!*stored) return fail(ErrorCode::internal, "the rules in force are not stored");
  return RuleSetVersion{std::move(**stored), in_force.rules};
}

Result<RuleSetVersion> RuleService::version(const Actor& actor, std::int64_t version) const {
  if (auto allowed = m_access.require(actor, permission::tickets_read); !allowed) return tl::unexpected(allowed.error());
  if (version == 0) return configured_version();
  auto stored = m_store.find_rule_set(version);
  if (!stored) return tl::unexpected(std::move(stored.error()));
  if (!*stored) return fail(ErrorCode::not_found, "rules version " + std::to_string(version) + " does not exist");
  // An old version is shown as it was stored; it need not fit today's catalog any more.
  return RuleSetVersion{std::move(**stored), nullptr};
}

Result<std::vector<StoredRuleSet>> RuleService::versions(const Actor& actor) const {
  if (auto allowed = m_access.require(actor, permission::tickets_read); !allowed) return tl::unexpected(allowed.error());
  return m_store.rule_set_versions(k_versions_listed);
}

Result<RuleSet> RuleService::validate(const Actor& actor, std::string_view yaml) const {
  if (auto allowed = require_admin(actor); !allowed) return tl::unexpected(allowed.error());
  return parse_sent(yaml);
}

Result<RuleSetVersion> RuleService::replace(const Actor& actor, std::string_view yaml,
                                            std::optional<std::int64_t> expected_version) {
  if (auto allowed = require_admin(actor); !allowed) return tl::unexpected(allowed.error());
  auto rules = parse_sent(yaml);
  if (!rules) return tl::unexpected(std::move(rules.error()));
  const Timestamp now = m_clock.now();
  StoredRuleSet stored;
  stored.yaml = std::string(yaml);
  stored.rule_count = static_cast<std::int64_t>(rules->rules.size());
  stored.created_at = now;
  stored.created_by = actor.name;
  const RuleBook::InForce in_force = m_book.in_force();
  const bool points_move = sla_points_of(*rules) != sla_points_of(*in_force.rules);
  // The version is counted inside the write, where writes are one at a time on every backend.
  auto written = m_store.write([&](WriteTransaction& tx) -> Result<void> {
    auto latest = tx.latest_rule_set_version();
    if (!latest) return tl::unexpected(std::move(latest.error()));
    if (expected_version && *expected_version != *latest) {
      return fail(ErrorCode::precondition_failed, "the rules are at version " + std::to_string(*latest) +
                                                      ", not " + std::to_string(*expected_version));
    }
    stored.version = *latest + 1;
    if (auto inserted = tx.insert_rule_set(stored); !inserted) return inserted;
    // Compared with a version this node has not put in force yet, the points may have moved.
    if (!points_move && *latest == in_force.version) return {};
    NewJob replan;
    replan.kind = std::string(k_sla_replan_job);
    replan.run_at = now;
    replan.dedupe_key = std::string(k_sla_replan_job) + ":" + std::to_string(stored.version);
    auto queued = tx.enqueue_job(replan, now);
    if (!queued) return tl::unexpected(std::move(queued.error()));
    return {};
  });
  if (!written) return tl::unexpected(std::move(written.error()));
  auto replaced = std::make_shared<const RuleSet>(*rules);
  m_book.install(stored.version, std::move(*rules));
  return RuleSetVersion{std::move(stored), std::move(replaced)};
}

Result<bool> RuleService::refresh() {
  auto latest = m_store.latest_rule_set_version();
  if (!latest) return tl::unexpected(std::move(latest.error()));
  if (*latest <= m_book.version() || *latest == m_refused_version.load()) return false;
  auto stored = m_store.find_rule_set(*latest);
  if (!stored) return tl::unexpected(std::move(stored.error()));
  if (!*stored) return false;
  auto rules = parse((*stored)->yaml);
  if (!rules) {
    m_refused_version = *latest;
    return fail(ErrorCode::invalid_argument, "rules version " + std::to_string(*latest) +
                                                 " does not fit this node's configuration: " + rules.error().message);
  }
  return m_book.install(*latest, std::move(*rules));
}

}  // namespace snag
