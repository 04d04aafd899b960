// A set of ids with a few bytes each, for the streaming report: duplicate checks and
// references need every case's and measure's id exactly, without a string object per id.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

namespace caseledger::detail {

/// Ids with a fixed-size payload each. Entries (payload, length as a varint, id bytes) are
/// packed in blocks of an arena, found through an open-addressing table of 32-bit byte
/// positions (4 GiB of entries at most); nothing ever moves, so growing never copies the
/// ids. The payload, the id and 1 byte per entry, plus 4 to 8 bytes of table.
class id_table {
 public:
  /// `payload_size` bytes are kept with every id.
  explicit id_table(std::size_t payload_size);

  /// Adds `id` with `payload` (payload_size bytes) and returns null, or, when `id` is
  /// already there, leaves it and returns the first one's payload.
  const std::byte* insert(std::string_view id, const void* payload);

  /// The payload of `id`, or null when it is not there.
  const std::byte* find(std::string_view id) const;

  std::size_t size() const noexcept { return size_; }

 private:
  static constexpr std::size_t block_bytes = std::size_t{1} << 20;

  // Where `id` is (occupied slot) or would go (empty slot).
  std::size_t slot_of(std::string_view id, std::size_t hash) const;
  std::string_view id_at(std::uint32_t position) const;
  const std::byte* entry_at(std::uint32_t position) const;
  const std::byte* payload_at(std::uint32_t position) const;
  std::uint32_t append(std::string_view id, const void* payload);
  void grow();

  std::size_t payload_size_;
  std::size_t size_ = 0;
  std::vector<std::uint32_t> slots_;  // position + 1 of an entry; 0 when empty
  std::vector<std::unique_ptr<std::byte[]>> blocks_;
  std::size_t used_in_block_ = block_bytes;  // the last block is full: start a new one
};

}  // namespace caseledger::detail
