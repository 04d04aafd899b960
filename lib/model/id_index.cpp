#include "caseledger/detail/id_index.hpp"

#include <algorithm>
#include <bit>
#include <cstring>
#include <utility>

#include "util/keyed_hash.hpp"

namespace caseledger::detail {

id_index::key id_index::key_of(std::string_view id) noexcept {
  static const hash_key secret = random_hash_key();
  const auto hash = static_cast<std::uint32_t>(siphash13(secret, id));
  const auto length = static_cast<std::uint32_t>(std::min<std::size_t>(id.size(), 15));
  key k{.tag = (hash & 0x0FFF'FFFFu) | (length << 28), .head = 0};
  if (!id.empty()) std::memcpy(&k.head, id.data(), std::min(id.size(), head_bytes));
  return k;
}

void id_index::reserve(std::size_t count) {
  const std::size_t wanted = std::bit_ceil(std::max<std::size_t>(2 * count, 16));
  if (wanted <= slots_.size()) return;
  std::vector<slot> old = std::exchange(slots_, std::vector<slot>(wanted));
  // A slot's home depends on its tag alone, so the ids are not needed to place it again.
  for (const slot& s : old) {
    if (s.position == none) continue;
    std::size_t at = s.tag & mask();
    while (slots_[at].position != none) at = (at + 1) & mask();
    slots_[at] = s;
  }
}

}  // namespace caseledger::detail
