#pragma once
// The PostgreSQL backend of the Store port: several Snag nodes may serve one database. Each
// node has a group-commit writer and a pool of reader connections; the nodes' write batches
// take turns on the journal lock, so the audit chain stays one chain.

#include <memory>
#include <string>

#include <snag/app/ports/store.hpp>

namespace snag::postgresql {

// Connects to `url` (postgresql://…) and migrates the database.
Result<std::unique_ptr<Store>> open_postgresql_store(const std::string& url);

}  // namespace snag::postgresql
