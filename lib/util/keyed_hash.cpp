#include "util/keyed_hash.hpp"

#include <random>

namespace caseledger::detail {
namespace {

std::uint64_t rotate(std::uint64_t x, int bits) { return (x << bits) | (x >> (64 - bits)); }

// The little-endian value of `bytes` (at most 8) bytes at `at`.
std::uint64_t word(const char* at, std::size_t bytes) {
  std::uint64_t m = 0;
  for (std::size_t i = 0; i < bytes; ++i) {
    m |= std::uint64_t{static_cast<unsigned char>(at[i])} << (8 * i);
  }
  return m;
}

}  // namespace

std::uint64_t siphash13(const hash_key& key, std::string_view text) noexcept {
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

hash_key random_hash_key() {
  std::random_device random;
  hash_key key{};
  for (std::uint64_t& part : key) {
    part = (std::uint64_t{random()} << 32) ^ std::uint64_t{random()};
  }
  return key;
}

}  // namespace caseledger::detail
