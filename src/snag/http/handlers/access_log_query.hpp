#pragma once
// The access log's filters, shared by its list (access_log.cpp) and its export (exports.cpp).

#include <snag/app/ports/identity_records.hpp>
#include <snag/http/query_string.hpp>

namespace snag::http {

// actor, action, ticket, candidate, since, limit, cursor; validation_failed naming each bad one.
Result<AccessLogQuery> parse_access_log_query(const QueryParams& params);

}  // namespace snag::http
