#pragma once
// A request as Boost.Beast parsed it, seen the way the API reads requests. The server and the
// HTTP fuzz target (fuzz/targets/http_request_fuzz.cpp) read requests through this one function.

#include <cstdint>
#include <string_view>

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include <snag/http/message.hpp>

namespace snag::http {

using BeastRequest = boost::beast::http::request<boost::beast::http::string_body>;

// The largest request head the server reads (431 beyond it).
inline constexpr std::uint32_t k_header_limit = 16 * 1024;

// Views into `message`, which must outlive the result; request_id and actor are left unset.
HttpRequest view_request(const BeastRequest& message, std::string_view remote_address);

}  // namespace snag::http
