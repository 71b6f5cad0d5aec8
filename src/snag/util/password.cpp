#include <snag/util/password.hpp>

#include <array>
#include <optional>
#include <stdexcept>

#include <sodium.h>

namespace snag::password {

namespace {

// sodium_init picks the fastest implementations and seeds the random source; it must run before
// any other call. A function-local static gives once-only, thread-safe initialisation.
void ensure_sodium() {
  static const bool ready = sodium_init() >= 0;
  if (!ready) throw std::runtime_error("libsodium failed to initialise");
}

using EncodedHash = std::array<char, crypto_pwhash_STRBYTES>;

// libsodium reads encoded hashes as NUL-terminated strings in a buffer of crypto_pwhash_STRBYTES.
// A string_view carries neither guarantee, and an embedded NUL would let the bytes after it be
// ignored, so such input is no hash at all.
std::optional<EncodedHash> terminated_copy(std::string_view encoded_hash) {
  if (encoded_hash.size() >= crypto_pwhash_STRBYTES || encoded_hash.find('\0') != std::string_view::npos) {
    return std::nullopt;
  }
  EncodedHash buffer{};
  encoded_hash.copy(buffer.data(), encoded_hash.size());
  return buffer;
}

}  // namespace

Cost interactive_cost() { return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE}; }

Cost minimum_cost() { return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN}; }

std::string hash(std::string_view password, Cost cost) {
  ensure_sodium();
  EncodedHash encoded{};
  if (crypto_pwhash_str_alg(encoded.data(), password.data(), password.size(), cost.ops, cost.memory_bytes,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw std::runtime_error("argon2id hashing failed: out of memory, or a cost outside libsodium's limits");
  }
  return std::string(encoded.data());
}

bool verify(std::string_view encoded_hash, std::string_view password) {
  ensure_sodium();
  const auto encoded = terminated_copy(encoded_hash);
  // The argon2id-specific call refuses argon2i strings, which this module never writes.
  return encoded && crypto_pwhash_argon2id_str_verify(encoded->data(), password.data(), password.size()) == 0;
}

bool needs_rehash(std::string_view encoded_hash, Cost cost) {
  ensure_sodium();
  const auto encoded = terminated_copy(encoded_hash);
  // -1 (not an argon2id string) and 1 (other parameters) both mean the stored hash should be replaced.
  return !encoded || crypto_pwhash_argon2id_str_needs_rehash(encoded->data(), cost.ops, cost.memory_bytes) != 0;
}

}  // namespace snag::password
