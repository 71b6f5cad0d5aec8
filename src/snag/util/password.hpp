#pragma once
// Password hashes: argon2id (RFC 9106) through libsodium, stored in the self-describing PHC string
// form ("$argon2id$v=19$m=...,t=...,p=1$salt$hash"), so the cost travels with every hash and can be
// raised later without a migration.

#include <cstddef>
#include <string>
#include <string_view>

namespace snag::password {

struct Cost {
  unsigned long long ops;    // passes over memory
  std::size_t memory_bytes;  // memory each hash fills
};

// libsodium's interactive limits: the cost for a login.
Cost interactive_cost();
// libsodium's minimum limits: only for tests, where a login's cost would only slow the suite.
Cost minimum_cost();

// A fresh random salt each call. Throws std::runtime_error if the memory cannot be had (or if the
// cost lies outside libsodium's limits, which is a bug in the caller).
std::string hash(std::string_view password, Cost cost);

// False for a wrong password, and for anything that is not an argon2id hash string.
bool verify(std::string_view encoded_hash, std::string_view password);

// True when the hash was made at another cost than asked for, or is not an argon2id hash string:
// after a successful verify, hash the password again and store the new hash. Only the algorithm
// and parameters are read, so this says nothing about whether the rest of the string is sound.
bool needs_rehash(std::string_view encoded_hash, Cost cost);

}  // namespace snag::password
