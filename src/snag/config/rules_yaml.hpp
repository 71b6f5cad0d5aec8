#pragma once
// The `rules:` section of the configuration: automation rules (domain/automation/rule.hpp) in
// YAML. Every rule is checked against the catalog when it is read, so a rule that names an
// unknown issue type, team, severity, event or fact is refused with its name and line.

#include <string>
#include <string_view>

#include <yaml-cpp/yaml.h>

#include <snag/domain/automation/rule.hpp>
#include <snag/domain/catalog.hpp>
#include <snag/util/error.hpp>

namespace snag {

// invalid_argument "source:line: rule 'name': why" for the first problem found.
Result<RuleSet> read_rules_section(const YAML::Node& section, const Catalog& catalog, std::string_view source);

// The rules of a document whose only member is a `rules:` section, as sent to PUT /api/v1/rules;
// invalid_argument "line N: rule 'name': why" for the first problem found (bad YAML included).
// An empty document or list is an empty rule set: no automation.
Result<RuleSet> read_rules_document(std::string_view yaml, const Catalog& catalog);

// The document read_rules_document reads, holding the `rules:` section (comments are not kept).
std::string rules_document(const YAML::Node& section);

}  // namespace snag
