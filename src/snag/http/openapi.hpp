#pragma once
// The OpenAPI 3.1 document, generated from the router's routes and their RouteDoc so that it
// lists exactly what the server answers.

#include <vector>

#include <nlohmann/json.hpp>

#include <snag/http/router.hpp>

namespace snag::http {

// Throws std::logic_error when a route names a schema, query parameter or header that the
// document does not define: a programming error, caught by the unit tests.
nlohmann::json openapi_document(const std::vector<RouteInfo>& routes);

}  // namespace snag::http
