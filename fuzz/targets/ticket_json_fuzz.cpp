// The JSON bodies of the ticket routes, read as the handlers read them: the depth check and the
// parse of read_json_object, then the decoder of the route the first byte picks (create, edit,
// bulk update, transition, comment). A refused body answers 4xx with a problem; a crash, a hang or
// an unbounded allocation here would be a 500 or worse.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_check.hpp"

#include <snag/http/codec/json_body.hpp>
#include <snag/http/codec/ticket_json.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  snag::http::HttpRequest request;
  request.method = snag::http::HttpMethod::post;
  request.content_type = "application/json";
  request.body = std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1);
  auto body = snag::http::read_json_object(request);
  if (!body) {
    snag::fuzz::check(body.error().status >= 400 && body.error().status < 500, "a bad body got no 4xx");
    return 0;
  }
  switch (data[0] % 5) {
    case 0: (void)snag::http::decode_ticket_draft(*body); break;
    case 1: (void)snag::http::decode_ticket_edit(*body); break;
    case 2: (void)snag::http::decode_bulk_request(*body); break;
    case 3: (void)snag::http::decode_transition_request(*body); break;
    default: (void)snag::http::decode_comment_request(*body); break;
  }
  return 0;
}
