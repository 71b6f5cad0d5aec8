#pragma once
// URL query and path decoding (RFC 3986 percent-encoding; '+' is a space in queries only).

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <snag/util/error.hpp>

namespace snag::http {

using QueryParams = std::multimap<std::string, std::string>;

// nullopt on a '%' not followed by two hex digits.
std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space);

// "a=1&b=x%20y&a=2" -> {a:1, a:2, b:"x y"}. Empty pairs are skipped; a name without '=' has
// an empty value. invalid_argument naming the parameter on a bad escape or a name that is not
// UTF-8 text; validation_failed naming it when its value is not UTF-8 text or holds a NUL.
Result<QueryParams> parse_query_string(std::string_view query);

// A whole number above 0 in plain decimal digits ("12"); nullopt for anything else.
std::optional<std::int64_t> parse_positive(std::string_view text);

}  // namespace snag::http
