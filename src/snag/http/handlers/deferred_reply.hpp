#pragma once
// Serves a use case's DeferredWrite on an Execution::deferred route: the write goes to the
// store's writer without a thread waiting for it, and once it is durable the writer hands the
// Reply a Finish that runs the use case's finish and `respond` on the request's I/O thread.

#include <utility>

#include <snag/app/deferred_write.hpp>
#include <snag/app/ports/store.hpp>
#include <snag/http/router.hpp>

namespace snag::http {

// `respond`: Result<T> -> HttpResponse, copyable; it runs before the request is answered, so it
// may refer to the request.
template <class T, class Respond>
void reply_after_commit(Store& store, Result<DeferredWrite<T>> deferred, const Reply& reply, Respond respond) {
  if (!deferred) {
    reply([respond = std::move(respond), error = std::move(deferred.error())] {
      return respond(Result<T>(tl::unexpected(error)));
    });
    return;
  }
  store.write_async(std::move(deferred->work), [reply, finish = std::move(deferred->finish),
                                                respond = std::move(respond)](Result<void> committed) {
    reply([finish, respond, committed = std::move(committed)] { return respond(finish(committed)); });
  });
}

}  // namespace snag::http
