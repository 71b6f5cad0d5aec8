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

// RFC 4648 section 5 without padding. Decoding is strict so that every byte string has exactly one
// accepted text: it refuses '=', characters outside the alphabet, a length that leaves a lone
// character (length % 4 == 1) and non-zero bits left over in the last character.
std::string base64url_encode(std::string_view bytes);
std::optional<std::string> base64url_decode(std::string_view text);

// RFC 4648 section 4: the standard alphabet ('+', '/') with '=' padding, as Standard Webhooks uses for
// its secrets and signatures. Decoding is strict in the same way: the length must be a multiple of 4,
// '=' only as the last one or two characters, nothing outside the alphabet, no set bits past the last
// byte.
std::string base64_encode(std::string_view bytes);
std::optional<std::string> base64_decode(std::string_view text);

// HMAC-SHA256 (RFC 2104): the raw 32-byte tag, and the same tag as lower-case hex.
std::string hmac_sha256(std::string_view key, std::string_view message);
std::string hmac_sha256_hex(std::string_view key, std::string_view message);

// Compares without leaking where the first difference is. Only the lengths can be learnt from the
// timing: unequal lengths return at once, which is fine for MACs and digests of a fixed size.
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace snag
