#pragma once
// A use case's write in two halves, split where the group-commit writer takes over: `work`
// runs on the writer inside the group's transaction; `finish` runs once the commit is durable,
// on a thread the caller chooses, and turns the outcome into the use case's answer (masked for
// the caller, say). The HTTP server hands `work` to Store::write_async and runs `finish` on the
// I/O thread that answers the request: no thread waits for the commit, and the writer, which
// every write in the process queues for, does nothing but write.

#include <functional>
#include <utility>

#include <snag/app/ports/store.hpp>

namespace snag {

template <class T>
struct DeferredWrite {
  WriteWork work;
  std::function<Result<T>(Result<void> committed)> finish;
};

// Both halves on the calling thread, waiting for the commit: the blocking form of a use case.
template <class T>
Result<T> write_now(Store& store, Result<DeferredWrite<T>> deferred) {
  if (!deferred) return tl::unexpected(std::move(deferred.error()));
  return deferred->finish(store.write(std::move(deferred->work)));
}

}  // namespace snag
