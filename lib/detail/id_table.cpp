#include "detail/id_table.hpp"

#include <cstring>
#include <functional>

#include "caseledger/core/error.hpp"

namespace caseledger::detail {
namespace {

std::size_t hash_of(std::string_view id) { return std::hash<std::string_view>{}(id); }

}  // namespace

id_table::id_table(std::size_t payload_size) : payload_size_(payload_size), slots_(1024, 0) {}

std::size_t id_table::slot_of(std::string_view id, std::size_t hash) const {
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t slot = hash & mask;; slot = (slot + 1) & mask) {
    const std::uint32_t entry = slots_[slot];
    if (entry == 0 || id_at(entry - 1) == id) return slot;
  }
}

const std::byte* id_table::entry_at(std::uint32_t position) const {
  return blocks_[position / block_bytes].get() + position % block_bytes;
}

std::string_view id_table::id_at(std::uint32_t position) const {
  const std::byte* at = entry_at(position) + payload_size_;
  std::size_t length = 0;
  for (int shift = 0;; shift += 7) {
    const auto byte = static_cast<std::uint8_t>(*at++);
    length |= std::size_t{byte & 0x7Fu} << shift;
    if ((byte & 0x80u) == 0) break;
  }
  return {reinterpret_cast<const char*>(at), length};
}

const std::byte* id_table::payload_at(std::uint32_t position) const { return entry_at(position); }

std::uint32_t id_table::append(std::string_view id, const void* payload) {
  std::byte length[10];
  std::size_t length_bytes = 0;
  for (std::size_t rest = id.size();; rest >>= 7) {
    const std::size_t low = rest & 0x7Fu;
    length[length_bytes++] = static_cast<std::byte>(rest > 0x7Fu ? low | 0x80u : low);
    if (rest <= 0x7Fu) break;
  }
  const std::size_t bytes = payload_size_ + length_bytes + id.size();
  if (bytes > block_bytes) {
    throw overflow_error("an id of " + std::to_string(id.size()) +
                         " bytes is longer than the streaming report keeps");
  }
  if (used_in_block_ + bytes > block_bytes) {
    // Positions + 1 fit 32 bits: one block short of 4 GiB.
    if (blocks_.size() >= (std::size_t{1} << 32) / block_bytes - 1) {
      throw overflow_error("the streaming report keeps at most 4 GiB of ids");
    }
    blocks_.push_back(std::make_unique_for_overwrite<std::byte[]>(block_bytes));
    used_in_block_ = 0;
  }
  const std::size_t position = (blocks_.size() - 1) * block_bytes + used_in_block_;
  std::byte* entry = blocks_.back().get() + used_in_block_;
  std::memcpy(entry, payload, payload_size_);
  std::memcpy(entry + payload_size_, length, length_bytes);
  std::memcpy(entry + payload_size_ + length_bytes, id.data(), id.size());
  used_in_block_ += bytes;
  return static_cast<std::uint32_t>(position);
}

void id_table::grow() {
  std::vector<std::uint32_t> old(slots_.size() * 2, 0);
  old.swap(slots_);
  const std::size_t mask = slots_.size() - 1;
  for (const std::uint32_t entry : old) {
    if (entry == 0) continue;
    std::size_t slot = hash_of(id_at(entry - 1)) & mask;
    while (slots_[slot] != 0) slot = (slot + 1) & mask;
    slots_[slot] = entry;
  }
}

const std::byte* id_table::insert(std::string_view id, const void* payload) {
  // At most 70% full, so that probes stay short.
  if ((size_ + 1) * 10 > slots_.size() * 7) grow();
  const std::size_t slot = slot_of(id, hash_of(id));
  if (slots_[slot] != 0) return payload_at(slots_[slot] - 1);
  slots_[slot] = append(id, payload) + 1;
  ++size_;
  return nullptr;
}

const std::byte* id_table::find(std::string_view id) const {
  const std::uint32_t entry = slots_[slot_of(id, hash_of(id))];
  return entry == 0 ? nullptr : payload_at(entry - 1);
}

}  // namespace caseledger::detail
