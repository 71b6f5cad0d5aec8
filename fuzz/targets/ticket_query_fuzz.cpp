// A ticket list's query string (GET /api/v1/tickets?…), as the handler reads it: percent-decoded
// into parameters, then every filter, the sort, the limit and the cursor parsed against the
// shipped catalog. Bad input must come back as field errors, never as a crash.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_check.hpp"
#include <default_catalog.hpp>

#include <snag/domain/ticket_query.hpp>
#include <snag/http/query_string.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view query(reinterpret_cast<const char*>(data), size);
  auto params = snag::http::parse_query_string(query);
  if (!params) return 0;
  auto parsed = snag::parse_ticket_query(*params, snag::testing::default_catalog());
  if (!parsed) snag::fuzz::check(!parsed.error().message.empty(), "a refused query has no message");
  return 0;
}
