#include "caseledger/model/id_index.hpp"

#include <algorithm>
#include <bit>
#include <utility>

#include "detail/keyed_hash.hpp"

namespace caseledger::detail {

std::uint32_t id_index::tag_of(std::string_view id) noexcept {
  static const hash_key key = random_hash_key();
  return static_cast<std::uint32_t>(siphash13(key, id));
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
