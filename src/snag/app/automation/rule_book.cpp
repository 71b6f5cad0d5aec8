#include <snag/app/automation/rule_book.hpp>

namespace snag {

RuleBook::RuleBook(RuleSet configured, SlaEscalationPoints escalation_points)
    : m_escalation_points(std::move(escalation_points)),
      m_edition(std::make_shared<const Edition>(Edition{0, std::move(configured)})) {
  m_escalation_points.replace(sla_points_of(m_edition.load()->rules));
}

RuleBook::InForce RuleBook::in_force() const {
  std::shared_ptr<const Edition> edition = m_edition.load();
  const std::int64_t version = edition->version;
  return {version, std::shared_ptr<const RuleSet>(edition, &edition->rules)};  // shares the edition's life
}

bool RuleBook::install(std::int64_t version, RuleSet rules) {
  // Installs are rare; one at a time keeps the points and the rules of one version together.
  const std::lock_guard lock(m_installing);
  if (m_edition.load()->version >= version) return false;
  auto edition = std::make_shared<const Edition>(Edition{version, std::move(rules)});
  m_edition.store(edition);
  // After the rules: a ticket planned in between plans with the old points, and the re-plan
  // (sla_replan.hpp) that follows a change of points sets it right.
  m_escalation_points.replace(sla_points_of(edition->rules));
  return true;
}

}  // namespace snag
