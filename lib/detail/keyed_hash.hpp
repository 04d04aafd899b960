// A keyed hash for tables of ids read from files: whoever writes the file cannot choose ids
// that collide without knowing the key.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace caseledger::detail {

using hash_key = std::array<std::uint64_t, 2>;

/// SipHash-1-3 of `text` under `key`.
std::uint64_t siphash13(const hash_key& key, std::string_view text) noexcept;

/// A key drawn from std::random_device.
hash_key random_hash_key();

}  // namespace caseledger::detail
