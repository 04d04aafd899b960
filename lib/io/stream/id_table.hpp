// A set of ids with a few bytes each, for the streaming report: duplicate checks and
// references need every case's and measure's id exactly, without a string object per id.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "caseledger/detail/id_codec.hpp"

namespace caseledger::detail {

/// Ids with a fixed-size payload each (possibly none), in about 6 bytes per id of the usual
/// shape plus the payload.
///
/// An id of the usual shape is kept as its 32-bit value from the table's `id_codec` ("C" +
/// 8 digits, "M" + 7 digits + "-1"). Other ids (no digits, a long shape text, a number too
/// large, a table that already knows 15 shapes) are packed in arena blocks with a varint
/// length and kept as their position. Whether an id is kept as a value or in the arena
/// never changes for a given id (the codec's promise), so each id has one key.
///
/// The keys sit in an open-addressing table split into 64 shards by hash, each grown by
/// half when it is 85 % full: growing holds one shard twice, never the whole table. The
/// hash is keyed with a random key per table, so that crafted ids cannot make long probe
/// chains; nothing iterates the table, so its order never reaches an output. A shard that
/// holds arena ids also keeps a byte of each slot's hash, so that a probe reads the text
/// of an arena id only when that byte matches (one id in 256 of those it passes).
class id_table {
 public:
  /// `payload_size` bytes are kept with every id (0: a bare set).
  explicit id_table(std::size_t payload_size = 0);

  /// Adds `id` with `payload` (payload_size bytes) and returns true, or, when `id` is
  /// already there, leaves the first one and returns false.
  bool insert(std::string_view id, const void* payload = nullptr);

  /// Whether `id` is there.
  bool contains(std::string_view id) const { return locate(id).found; }

  /// The payload of `id` (payload_size bytes), or null when `id` is not there or the table
  /// keeps no payload.
  const std::byte* find(std::string_view id) const;

  /// Starts loading the memory a later `insert`, `contains` or `find` of `id` reads first,
  /// so that a caller that knows the next ids can overlap their cache misses with its work.
  void prefetch(std::string_view id) const noexcept;

  /// How many ids are there.
  std::size_t size() const noexcept { return size_; }

 private:
  static constexpr std::size_t shard_count = 64;
  static constexpr std::size_t block_bytes = std::size_t{1} << 20;
  static constexpr std::uint32_t in_arena = 0x8000'0000u;  // key flag: an arena position

  struct shard {
    std::vector<std::uint32_t> keys;  // 0: empty
    std::vector<std::byte> payloads;  // payload_size bytes per slot, parallel to keys
    // A byte of each slot's hash, parallel to keys, once the shard holds an arena id (the
    // byte of a value's slot is never looked at: values compare whole).
    std::vector<std::uint8_t> tags;
    std::size_t size = 0;
  };

  // An id as the table keys it: `value` when it has a known shape (0 otherwise), and its hash.
  struct probe {
    std::uint32_t value;
    std::uint64_t hash;
  };
  struct location {
    const shard* in;
    std::size_t slot;
    bool found;
  };

  std::uint64_t hash_value(std::uint32_t value) const;
  std::uint64_t hash_text(std::string_view id) const;
  std::uint64_t hash_key(std::uint32_t key) const;
  probe probe_of(std::string_view id, std::uint32_t value) const;
  location locate(std::string_view id) const;
  location locate(std::string_view id, const probe& p) const;
  static std::size_t home(const shard& s, std::uint64_t hash);
  static std::uint8_t tag(std::uint64_t hash) { return static_cast<std::uint8_t>(hash >> 48); }
  std::string_view text_at(std::uint32_t position) const;
  std::uint32_t append(std::string_view id);
  void grow(shard& s);

  std::size_t payload_size_;
  std::size_t size_ = 0;
  std::array<std::uint64_t, 2> seed_;
  id_codec codec_;
  std::array<shard, shard_count> shards_;
  std::vector<std::unique_ptr<std::byte[]>> blocks_;
  std::size_t used_in_block_ = block_bytes;  // the last block is full: start a new one
};

}  // namespace caseledger::detail
