#pragma once
// Whoever runs the binary on the server acts as an administrator, as for `snag keys`.

#include <snag/domain/actor.hpp>

namespace snag {

inline Actor operator_actor() {
  Actor actor;
  actor.name = "cli";
  actor.role = "admin";
  actor.credential = "cli";
  actor.address = "local";
  return actor;
}

}  // namespace snag
