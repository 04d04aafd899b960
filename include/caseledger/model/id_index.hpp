// Where each record of a ledger sits in its vector, by id: the index behind ledger::find_*.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace caseledger::detail {

/// The positions of records by id: an open-addressing table of (position, 32 bits of the
/// id's hash) pairs, at most half full, probed linearly.
///
/// It keeps no ids: a lookup compares the id at a candidate position through `id_of`, and
/// only when the hash bits agree. So it holds at most 16 bytes per record (a node-based map
/// holds a node, a copy of the key and a bucket each, and misses the cache once per node),
/// and it stays valid when the records' vector moves. The hash is SipHash-1-3 under a key
/// drawn once per process, so ids chosen in a file cannot make long probe sequences.
/// Nothing iterates the table, so its order never reaches an output.
class id_index {
 public:
  static constexpr std::uint32_t none = 0xFFFF'FFFFu;

  /// Makes room for `count` ids without growing.
  void reserve(std::size_t count);

  /// The position stored for `id`, or `none`. `id_of(position)` gives a stored position's id.
  template <class IdOf>
  std::uint32_t find(std::string_view id, const IdOf& id_of) const {
    if (size_ == 0) return none;
    const std::uint32_t tag = tag_of(id);
    for (std::size_t at = tag & mask();; at = (at + 1) & mask()) {
      const slot& s = slots_[at];
      if (s.position == none) return none;
      if (s.tag == tag && id_of(s.position) == id) return s.position;
    }
  }

  /// Stores `position` for `id` and returns `none`; when `id` is there already, stores
  /// nothing and returns its position.
  template <class IdOf>
  std::uint32_t insert(std::string_view id, std::uint32_t position, const IdOf& id_of) {
    if (2 * (size_ + 1) > slots_.size()) reserve(size_ + 1);
    const std::uint32_t tag = tag_of(id);
    for (std::size_t at = tag & mask();; at = (at + 1) & mask()) {
      slot& s = slots_[at];
      if (s.position == none) {
        s = {position, tag};
        ++size_;
        return none;
      }
      if (s.tag == tag && id_of(s.position) == id) return s.position;
    }
  }

  /// How many ids are stored.
  std::size_t size() const noexcept { return size_; }

 private:
  struct slot {
    std::uint32_t position = none;
    std::uint32_t tag = 0;  // the hash's low 32 bits; its low bits are the home slot
  };

  static std::uint32_t tag_of(std::string_view id) noexcept;
  std::size_t mask() const noexcept { return slots_.size() - 1; }

  std::vector<slot> slots_;  // a power of two in size, or empty
  std::size_t size_ = 0;
};

}  // namespace caseledger::detail
