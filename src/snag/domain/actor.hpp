#pragma once

#include <optional>
#include <set>
#include <string>
#include <utility>

namespace snag {

// Who is acting: resolved from the request's credential by the http layer and passed
// explicitly to every use case.
struct Actor {
  std::string name;                 // the principal: shown in the journal and the access log,
                                    // matched against a ticket's reporter, assignee and watchers
  std::string role;                 // a role code from the configuration (recruiter, admin, …)
  std::optional<std::string> team;  // the actor's own team, when it has one
  std::string credential;           // which credential acted, e.g. "key:7"
  std::string address;              // where the request came from, for the access log
  // The permissions the credential was narrowed to (an API key's or a token's scopes): the
  // actor may use a permission only if its role has it and, when set, the scopes name it.
  std::optional<std::set<std::string>> scopes;
};

// Snag itself acting (a sweep, a job, the ATS feed), with the `system` role: `name` is what the
// journal shows ("snag:escalation"), `credential` what acted ("job:sla.sweep"), `address` where
// from ("snag", or "ats" for the feed).
inline Actor system_actor(std::string name, std::string credential, std::string address = "snag") {
  Actor actor;
  actor.name = std::move(name);
  actor.role = "system";
  actor.credential = std::move(credential);
  actor.address = std::move(address);
  return actor;
}

}  // namespace snag
