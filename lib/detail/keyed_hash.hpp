// Hashes for tables that crafted input must not be able to slow down: a keyed hash for
// text, and a bijective mixer for integers (keyed by xor-ing a secret in first).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace caseledger::detail {

/// MurmurHash3's finalizer: a bijection that spreads every input bit over the output.
inline std::uint64_t mix64(std::uint64_t x) noexcept {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdu;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53u;
  x ^= x >> 33;
  return x;
}

/// SipHash-1-3 of `text` under `key`: a keyed hash, so that no one who does not know the key
/// can choose texts that collide.
inline std::uint64_t siphash13(const std::array<std::uint64_t, 2>& key,
                               std::string_view text) noexcept {
  const auto rotate = [](std::uint64_t x, int bits) { return (x << bits) | (x >> (64 - bits)); };
  std::uint64_t v0 = key[0] ^ 0x736f6d6570736575u;
  std::uint64_t v1 = key[1] ^ 0x646f72616e646f6du;
  std::uint64_t v2 = key[0] ^ 0x6c7967656e657261u;
  std::uint64_t v3 = key[1] ^ 0x7465646279746573u;
  const auto round = [&] {
    v0 += v1;
    v1 = rotate(v1, 13) ^ v0;
    v0 = rotate(v0, 32);
    v2 += v3;
    v3 = rotate(v3, 16) ^ v2;
    v0 += v3;
    v3 = rotate(v3, 21) ^ v0;
    v2 += v1;
    v1 = rotate(v1, 17) ^ v2;
    v2 = rotate(v2, 32);
  };
  const auto word = [](const char* at, std::size_t bytes) {
    std::uint64_t m = 0;
    for (std::size_t i = 0; i < bytes; ++i) {
      m |= std::uint64_t{static_cast<unsigned char>(at[i])} << (8 * i);
    }
    return m;
  };
  std::size_t at = 0;
  for (; at + 8 <= text.size(); at += 8) {
    const std::uint64_t m = word(text.data() + at, 8);
    v3 ^= m;
    round();
    v0 ^= m;
  }
  const std::uint64_t last =
      word(text.data() + at, text.size() - at) | (std::uint64_t{text.size() & 0xFFu} << 56);
  v3 ^= last;
  round();
  v0 ^= last;
  v2 ^= 0xFF;
  round();
  round();
  round();
  return v0 ^ v1 ^ v2 ^ v3;
}

}  // namespace caseledger::detail
