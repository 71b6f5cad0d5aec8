#pragma once
// The automation rules as a resource (/api/v1/rules): read by anyone who reads tickets, replaced
// with automation:admin. A replacement is checked against the catalog as the configuration's
// rules are (the error names the line and the rule), stored as the next version with who stored
// it, and put in force on this node at once and on every other node at its next refresh (every
// few seconds, BackgroundWork). Versions are kept: rolling back is storing an old version's
// YAML again. Until a version is stored, the configuration's `rules:` are in force as version 0.

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <snag/app/access/access_guard.hpp>
#include <snag/app/automation/rule_book.hpp>
#include <snag/app/ports/clock.hpp>
#include <snag/app/ports/store.hpp>

namespace snag {

inline constexpr std::string_view k_sla_replan_job = "sla.replan";

// Reads a rules document against the catalog: invalid_argument "line N: rule 'name': why"
// (config/rules_yaml.hpp: read_rules_document).
using RuleParser = std::function<Result<RuleSet>(std::string_view yaml)>;

// Version 0: the configuration's rules.
struct ConfiguredRules {
  RuleSet rules;
  std::string yaml;
  RuleParser parse;  // none: rules cannot be replaced (tools and tests that need no editing)
  SlaEscalationPoints escalation_points;  // the catalog's cell (SlaPolicy::escalation_points)
};

struct RuleSetVersion {
  StoredRuleSet stored;  // version 0 is the configuration, "created_by" it
  std::shared_ptr<const RuleSet> rules;
};

class RuleService {
 public:
  RuleService(Store& store, const Clock& clock, const AccessGuard& access, RuleBook& book, ConfiguredRules configured);

  // The rules in force on this node.
  Result<RuleSetVersion> current(const Actor& actor) const;
  // A stored version, or 0 for the configuration's. not_found when there is none.
  Result<RuleSetVersion> version(const Actor& actor, std::int64_t version) const;
  // The stored versions, newest first, without their YAML.
  Result<std::vector<StoredRuleSet>> versions(const Actor& actor) const;

  // The rules of the document, stored nowhere (automation:admin). validation_failed on `rules`
  // naming the line and the rule.
  Result<RuleSet> validate(const Actor& actor, std::string_view yaml) const;
  // Stores the document as the next version and puts it in force on this node (automation:admin).
  // precondition_failed when `expected_version` is not the newest version (0: none stored yet):
  // someone else replaced the rules since the caller read them.
  Result<RuleSetVersion> replace(const Actor& actor, std::string_view yaml,
                                 std::optional<std::int64_t> expected_version);

  // Puts the newest stored version in force when this node runs an older one; true when it did.
  // invalid_argument when that version does not fit this node's catalog (the node keeps its
  // rules and says so once per version).
  Result<bool> refresh();
  std::int64_t version_in_force() const { return m_book.version(); }

 private:
  Result<void> require_admin(const Actor& actor) const;
  Result<RuleSet> parse(std::string_view yaml) const;
  // As parse, with the document's problem as validation_failed on `rules`: the caller sent it.
  Result<RuleSet> parse_sent(std::string_view yaml) const;
  RuleSetVersion configured_version() const;

  Store& m_store;
  const Clock& m_clock;
  const AccessGuard& m_access;
  RuleBook& m_book;
  const ConfiguredRules m_configured;
  const std::shared_ptr<const RuleSet> m_configured_rules;
  std::atomic<std::int64_t> m_refused_version{0};  // refresh reports a misfit once
};

}  // namespace snag
