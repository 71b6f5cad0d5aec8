#pragma once
// A lock that at most one process among those sharing a database holds at a time: work that
// must run on exactly one node (the scheduler's tick) runs where it is held. A holder that
// dies loses it (PostgreSQL ends its session; the kernel drops a dead process's file lock).

namespace snag {

// Used by one thread at a time.
class LeaderLock {
 public:
  virtual ~LeaderLock() = default;
  // True when this process holds the lock now: takes it when it is free and keeps it once
  // held, until the lock is destroyed or its connection is lost.
  virtual bool hold() = 0;
};

}  // namespace snag
