#pragma once
// Thin wrappers over OpenSSL for the few primitives Snag needs.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace snag {

// Lower-case hex SHA-256 of the bytes.
std::string sha256_hex(std::string_view bytes);

// Cryptographically secure random bytes, rendered as base64url without padding.
std::string random_token(std::size_t bytes);

std::string base64url_encode(std::string_view bytes);
std::optional<std::string> base64url_decode(std::string_view text);

// Compares without leaking where the first difference is.
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace snag
