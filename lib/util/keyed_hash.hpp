// Hashes for tables that crafted input must not be able to slow down: a keyed hash for
// text (whoever writes the file cannot choose ids that collide without knowing the key), and
// a bijective mixer for integers (keyed by xor-ing a secret in first).
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace caseledger::detail {

using hash_key = std::array<std::uint64_t, 2>;

/// MurmurHash3's finalizer: a bijection that spreads every input bit over the output.
inline std::uint64_t mix64(std::uint64_t x) noexcept {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdu;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53u;
  x ^= x >> 33;
  return x;
}

/// SipHash-1-3 of `text` under `key`.
std::uint64_t siphash13(const hash_key& key, std::string_view text) noexcept;

/// A key drawn from std::random_device.
hash_key random_hash_key();

}  // namespace caseledger::detail
