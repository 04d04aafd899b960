// Where each record of a ledger sits in its vector, by id: the index behind ledger::find_*.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace caseledger::detail {

/// The positions of records by id: an open-addressing table, at most half full, probed
/// linearly, of (position, 32 bits of the id's hash and length, the id's first 8 bytes).
///
/// An id of at most 8 bytes (most are: "C0000123") is compared within its slot: a lookup
/// touches the table and never the records, whose ids are scattered over memory and cost a
/// cache miss each. A longer id is compared through `id_of` (the record's own id), and only
/// when its hash bits and first bytes agree. The table keeps no other copy of the ids, holds
/// 32 to 64 bytes per record (16-byte slots, a quarter to half full) and stays valid when the
/// records' vector moves. The hash is SipHash-1-3 under a key drawn once per process, so ids
/// chosen in a file cannot make long probe sequences. Nothing iterates the table, so its order
/// never reaches an output.
class id_index {
 public:
  static constexpr std::uint32_t none = 0xFFFF'FFFFu;

  /// Makes room for `count` ids without growing.
  void reserve(std::size_t count);

  /// The position stored for `id`, or `none`. `id_of(position)` gives a stored position's id.
  template <class IdOf>
  std::uint32_t find(std::string_view id, const IdOf& id_of) const {
    if (size_ == 0) return none;
    const key k = key_of(id);
    for (std::size_t at = k.tag & mask();; at = (at + 1) & mask()) {
      const slot& s = slots_[at];
      if (s.position == none) return none;
      if (matches(s, k, id, id_of)) return s.position;
    }
  }

  /// Stores `position` for `id` and returns `none`; when `id` is there already, stores
  /// nothing and returns its position.
  template <class IdOf>
  std::uint32_t insert(std::string_view id, std::uint32_t position, const IdOf& id_of) {
    if (2 * (size_ + 1) > slots_.size()) reserve(size_ + 1);
    const key k = key_of(id);
    for (std::size_t at = k.tag & mask();; at = (at + 1) & mask()) {
      slot& s = slots_[at];
      if (s.position == none) {
        s = {position, k.tag, k.head};
        ++size_;
        return none;
      }
      if (matches(s, k, id, id_of)) return s.position;
    }
  }

  /// How many ids are stored.
  std::size_t size() const noexcept { return size_; }

 private:
  static constexpr std::size_t head_bytes = 8;

  // What a slot keeps of an id.
  struct key {
    // The hash's low 28 bits (the low bits are the home slot) and, above them, the id's
    // length up to 15: ids of at most head_bytes bytes with equal tags are equally long.
    std::uint32_t tag;
    std::uint64_t head;  // the id's first bytes, zero-padded
  };
  struct slot {
    std::uint32_t position = none;
    std::uint32_t tag = 0;
    std::uint64_t head = 0;
  };

  static key key_of(std::string_view id) noexcept;

  // Whether slot `s` holds `id`, whose key is `k`.
  template <class IdOf>
  static bool matches(const slot& s, const key& k, std::string_view id, const IdOf& id_of) {
    if (s.tag != k.tag || s.head != k.head) return false;
    return id.size() <= head_bytes || id_of(s.position) == id;
  }

  std::size_t mask() const noexcept { return slots_.size() - 1; }

  std::vector<slot> slots_;  // a power of two in size, or empty
  std::size_t size_ = 0;
};

}  // namespace caseledger::detail
