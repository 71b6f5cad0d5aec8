#include <snag/util/crypto.hpp>

#include <array>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <vector>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <openssl/rand.h>

namespace snag {

namespace {
std::string to_hex(std::string_view bytes) {
  static constexpr char k_hex[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (const char c : bytes) {
    const auto byte = static_cast<unsigned char>(c);
    out += k_hex[byte >> 4];
    out += k_hex[byte & 0x0f];
  }
  return out;
}
}  // namespace

std::string sha256_hex(std::string_view bytes) {
  // Fetched once: EVP_sha256() makes OpenSSL 3 look the algorithm up again on every digest,
  // which costs more than hashing an API key on the request path.
  static EVP_MD* const k_sha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  if (!k_sha256 || EVP_Digest(bytes.data(), bytes.size(), digest.data(), &length, k_sha256, nullptr) != 1) {
    throw std::runtime_error("SHA-256 failed");
  }
  return to_hex(std::string_view(reinterpret_cast<const char*>(digest.data()), length));
}

std::string hmac_sha256(std::string_view key, std::string_view message) {
  // Fetched once for the same reason as SHA-256 above; a context is cheap and not shareable.
  static EVP_MAC* const k_hmac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
  if (!k_hmac) throw std::runtime_error("HMAC is not available in this OpenSSL");
  const std::unique_ptr<EVP_MAC_CTX, decltype(&EVP_MAC_CTX_free)> context(EVP_MAC_CTX_new(k_hmac), &EVP_MAC_CTX_free);
  char digest_name[] = "SHA256";
  const std::array<OSSL_PARAM, 2> params{OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest_name, 0),
                                         OSSL_PARAM_construct_end()};
  // An empty string_view may carry a null pointer, which EVP_MAC_init takes as "no key" and fails;
  // HMAC with an empty key is defined, so hand it a real zero-length buffer.
  static const unsigned char k_no_bytes = 0;
  const auto* key_bytes = key.empty() ? &k_no_bytes : reinterpret_cast<const unsigned char*>(key.data());
  std::array<unsigned char, EVP_MAX_MD_SIZE> tag{};
  std::size_t length = 0;
  if (!context || EVP_MAC_init(context.get(), key_bytes, key.size(), params.data()) != 1 ||
      EVP_MAC_update(context.get(), reinterpret_cast<const unsigned char*>(message.data()), message.size()) != 1 ||
      EVP_MAC_final(context.get(), tag.data(), &length, tag.size()) != 1) {
    throw std::runtime_error("HMAC-SHA256 failed");
  }
  return std::string(reinterpret_cast<const char*>(tag.data()), length);
}

std::string hmac_sha256_hex(std::string_view key, std::string_view message) {
  return to_hex(hmac_sha256(key, message));
}

std::string random_token(std::size_t bytes) {
  std::vector<unsigned char> buffer(bytes);
  if (RAND_bytes(buffer.data(), static_cast<int>(buffer.size())) != 1) {
    throw std::runtime_error("the system random source failed");
  }
  return base64url_encode(std::string_view(reinterpret_cast<const char*>(buffer.data()), buffer.size()));
}

namespace {
constexpr char k_alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

int decode_char(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '-') return 62;
  if (c == '_') return 63;
  return -1;
}

// The bytes that a run of base64 characters (no padding) spells, each character mapped to its
// six bits by `decode`; nullopt for a character outside the alphabet. Six bits left mean a lone
// final character, which encodes no byte; set bits past the last byte would give one byte string
// several spellings (one JWT or webhook signature several accepted texts): both are refused.
std::optional<std::string> decode_sextets(std::string_view text, int (*decode)(char)) {
  std::string out;
  out.reserve(text.size() * 3 / 4);
  std::uint32_t buffer = 0;
  int bits = 0;
  for (char c : text) {
    const int value = decode(c);
    if (value < 0) return std::nullopt;
    buffer = (buffer << 6) | static_cast<std::uint32_t>(value);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xff);
    }
  }
  const std::uint32_t leftover_mask = (std::uint32_t{1} << bits) - 1;
  if (bits >= 6 || (buffer & leftover_mask) != 0) return std::nullopt;
  return out;
}
}  // namespace

std::string base64url_encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() * 4 + 2) / 3);
  std::uint32_t buffer = 0;
  int bits = 0;
  for (unsigned char byte : bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += k_alphabet[(buffer >> bits) & 0x3f];
    }
  }
  if (bits > 0) out += k_alphabet[(buffer << (6 - bits)) & 0x3f];
  return out;
}

std::optional<std::string> base64url_decode(std::string_view text) { return decode_sextets(text, decode_char); }

namespace {
constexpr char k_standard_alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int decode_standard_char(char c) {
  if (c == '+') return 62;
  if (c == '/') return 63;
  if (c == '-' || c == '_') return -1;  // the URL alphabet's two, which decode_char accepts
  return decode_char(c);
}
}  // namespace

std::string base64_encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::uint32_t buffer = 0;
  int bits = 0;
  for (unsigned char byte : bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += k_standard_alphabet[(buffer >> bits) & 0x3f];
    }
  }
  if (bits > 0) out += k_standard_alphabet[(buffer << (6 - bits)) & 0x3f];
  while (out.size() % 4 != 0) out += '=';
  return out;
}

std::optional<std::string> base64_decode(std::string_view text) {
  if (text.size() % 4 != 0) return std::nullopt;
  std::size_t padding = 0;
  while (padding < 2 && padding < text.size() && text[text.size() - 1 - padding] == '=') ++padding;
  const std::string_view data = text.substr(0, text.size() - padding);
  // A '=' left in `data` (a third one, or one before the end) is outside the alphabet.
  return decode_sextets(data, decode_standard_char);
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace snag
