#pragma once

#include <optional>
#include <string>

namespace snag {

// Who is acting: resolved from the request's credential by the http layer and passed
// explicitly to every use case.
struct Actor {
  std::string name;                 // shown in the journal and the access log
  std::string role;                 // a role code from the configuration (recruiter, admin, …)
  std::optional<std::string> team;  // the actor's own team, when it has one
  std::string credential;           // which credential acted, e.g. "key:7"
};

}  // namespace snag
