#include "io/stream/id_table.hpp"

#include <algorithm>
#include <cstring>

#include "caseledger/core/error.hpp"
#include "util/keyed_hash.hpp"

namespace caseledger::detail {
id_table::id_table(std::size_t payload_size)
    : payload_size_(payload_size), seed_(random_hash_key()) {
  for (shard& s : shards_) {
    s.keys.assign(16, 0);
    s.payloads.resize(16 * payload_size_);
  }
}

std::uint64_t id_table::hash_value(std::uint32_t value) const {
  return mix64(mix64(value ^ seed_[0]) ^ seed_[1]);
}

std::uint64_t id_table::hash_text(std::string_view id) const { return siphash13(seed_, id); }

std::uint64_t id_table::hash_key(std::uint32_t key) const {
  return (key & in_arena) != 0 ? hash_text(text_at(key & ~in_arena)) : hash_value(key);
}

id_table::probe id_table::probe_of(std::string_view id, std::uint32_t value) const {
  return {value, value != 0 ? hash_value(value) : hash_text(id)};
}

std::size_t id_table::home(const shard& s, std::uint64_t hash) {
  // The low 32 bits scaled to the shard's size (the top bits chose the shard).
  return static_cast<std::size_t>(((hash & 0xFFFF'FFFFu) * s.keys.size()) >> 32);
}

id_table::location id_table::locate(std::string_view id) const {
  return locate(id, probe_of(id, codec_.encode_known(id)));
}

id_table::location id_table::locate(std::string_view id, const probe& p) const {
  const shard& s = shards_[p.hash >> 58];
  const std::size_t capacity = s.keys.size();
  std::size_t slot = home(s, p.hash);
  const auto next = [capacity](std::size_t at) { return at + 1 == capacity ? 0 : at + 1; };
  if (p.value != 0) {
    for (;; slot = next(slot)) {
      const std::uint32_t key = s.keys[slot];
      if (key == p.value) return {&s, slot, true};
      if (key == 0) return {&s, slot, false};
    }
  }
  if (s.tags.empty()) {  // no arena id here: nothing to compare
    while (s.keys[slot] != 0) slot = next(slot);
    return {&s, slot, false};
  }
  const std::uint8_t wanted = tag(p.hash);
  for (;; slot = next(slot)) {
    const std::uint32_t key = s.keys[slot];
    if (key == 0) return {&s, slot, false};
    if (s.tags[slot] == wanted && (key & in_arena) != 0 && text_at(key & ~in_arena) == id) {
      return {&s, slot, true};
    }
  }
}

std::string_view id_table::text_at(std::uint32_t position) const {
  const std::byte* at = blocks_[position / block_bytes].get() + position % block_bytes;
  std::size_t length = 0;
  for (int shift = 0;; shift += 7) {
    const auto byte = static_cast<std::uint8_t>(*at++);
    length |= std::size_t{byte & 0x7Fu} << shift;
    if ((byte & 0x80u) == 0) break;
  }
  return {reinterpret_cast<const char*>(at), length};
}

std::uint32_t id_table::append(std::string_view id) {
  std::byte length[10];
  std::size_t length_bytes = 0;
  for (std::size_t rest = id.size();; rest >>= 7) {
    const std::size_t low = rest & 0x7Fu;
    length[length_bytes++] = static_cast<std::byte>(rest > 0x7Fu ? low | 0x80u : low);
    if (rest <= 0x7Fu) break;
  }
  const std::size_t bytes = length_bytes + id.size();
  if (bytes > block_bytes) {
    throw overflow_error("an id of " + std::to_string(id.size()) +
                         " bytes is longer than the streaming report keeps");
  }
  if (used_in_block_ + bytes > block_bytes) {
    // Positions take 31 bits of a key: 2 GiB of ids.
    if (blocks_.size() >= (std::size_t{1} << 31) / block_bytes) {
      throw overflow_error("the streaming report keeps at most 2 GiB of ids of no usual shape");
    }
    blocks_.push_back(std::make_unique_for_overwrite<std::byte[]>(block_bytes));
    used_in_block_ = 0;
  }
  const std::size_t position = (blocks_.size() - 1) * block_bytes + used_in_block_;
  std::byte* entry = blocks_.back().get() + used_in_block_;
  std::memcpy(entry, length, length_bytes);
  std::memcpy(entry + length_bytes, id.data(), id.size());
  used_in_block_ += bytes;
  return static_cast<std::uint32_t>(position);
}

void id_table::grow(shard& s) {
  const std::size_t capacity = s.keys.size() + s.keys.size() / 2;
  shard bigger;
  bigger.keys.assign(capacity, 0);
  bigger.payloads.resize(capacity * payload_size_);
  if (!s.tags.empty()) bigger.tags.assign(capacity, 0);
  bigger.size = s.size;
  for (std::size_t from = 0; from < s.keys.size(); ++from) {
    const std::uint32_t key = s.keys[from];
    if (key == 0) continue;
    const std::uint64_t hash = hash_key(key);
    std::size_t slot = home(bigger, hash);
    while (bigger.keys[slot] != 0) slot = slot + 1 == capacity ? 0 : slot + 1;
    bigger.keys[slot] = key;
    if (!bigger.tags.empty()) bigger.tags[slot] = tag(hash);
    if (payload_size_ != 0) {
      std::memcpy(bigger.payloads.data() + slot * payload_size_,
                  s.payloads.data() + from * payload_size_, payload_size_);
    }
  }
  s = std::move(bigger);
}

bool id_table::insert(std::string_view id, const void* payload) {
  const probe p = probe_of(id, codec_.encode(id));
  shard& s = shards_[p.hash >> 58];
  // At most 85 % full, so that probes stay short.
  if ((s.size + 1) * 20 > s.keys.size() * 17) grow(s);
  const location at = locate(id, p);
  if (at.found) return false;
  if (p.value != 0) {
    s.keys[at.slot] = p.value;
  } else {
    s.keys[at.slot] = in_arena | append(id);
    // The shard's first arena id: its values need no tags (they compare whole).
    if (s.tags.empty()) s.tags.assign(s.keys.size(), 0);
  }
  if (!s.tags.empty()) s.tags[at.slot] = tag(p.hash);
  if (payload_size_ != 0) {
    std::memcpy(s.payloads.data() + at.slot * payload_size_, payload, payload_size_);
  }
  ++s.size;
  ++size_;
  return true;
}

void id_table::prefetch(std::string_view id) const noexcept {
  const std::uint32_t value = codec_.encode_known(id);
  // An id of no known shape goes to the arena, whose text a probe rarely reads: not worth
  // hashing twice.
  if (value == 0) return;
  const std::uint64_t hash = hash_value(value);
  const shard& s = shards_[hash >> 58];
  const std::size_t slot = home(s, hash);
  __builtin_prefetch(s.keys.data() + slot);
  if (payload_size_ != 0) __builtin_prefetch(s.payloads.data() + slot * payload_size_);
}

const std::byte* id_table::find(std::string_view id) const {
  const location at = locate(id);
  if (!at.found || payload_size_ == 0) return nullptr;
  return at.in->payloads.data() + at.slot * payload_size_;
}

}  // namespace caseledger::detail
