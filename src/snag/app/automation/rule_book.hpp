#pragma once
// The automation rules in force on this node: those of the configuration (version 0) until a
// version stored through /api/v1/rules replaces them (rule_service.hpp). Every node installs the
// newest stored version within seconds of its storing.
//
// A reader takes one snapshot per operation (an event, a ticket's routing, a sweep) and
// evaluates it to the end, so a replacement never mixes two rule sets inside one decision.

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>

#include <snag/domain/automation/rule.hpp>
#include <snag/domain/sla/sla_policy.hpp>

namespace snag {

// Thread-safe.
class RuleBook {
 public:
  // `escalation_points`: the catalog's cell (SlaPolicy::escalation_points), refilled with the
  // points of the `sla` rules whenever rules are installed.
  explicit RuleBook(RuleSet configured, SlaEscalationPoints escalation_points = {});

  struct InForce {
    std::int64_t version = 0;  // 0: the configuration's rules
    std::shared_ptr<const RuleSet> rules;
  };
  InForce in_force() const;
  std::shared_ptr<const RuleSet> current() const { return in_force().rules; }
  std::int64_t version() const { return in_force().version; }

  // Puts `rules` in force as `version`, unless a version as new is in force already (two
  // threads installing at once keep the newer); false then.
  bool install(std::int64_t version, RuleSet rules);

 private:
  struct Edition {
    std::int64_t version = 0;
    RuleSet rules;
  };

  std::mutex m_installing;
  SlaEscalationPoints m_escalation_points;
  std::atomic<std::shared_ptr<const Edition>> m_edition;
};

}  // namespace snag
