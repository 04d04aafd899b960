// Ids and names of the usual shape ("C00000123", "M0999984-1", "enterprise:E042") as 32-bit
// values, for the compact id sets: the streaming report's id tables and the report's sets
// of distinct names. Internal: installed only because name_set.hpp holds one.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace caseledger::detail {

/// A small dictionary of id shapes that turns an id of a known shape into a 32-bit value
/// and back.
///
/// An id's number is its longest run of decimal digits (the last of the longest when
/// several tie); the text before and after the run and the run's length are its shape:
/// "C00000123" is "C" + 8 digits, "M0999984-1" is "M" + 7 digits + "-1". An id whose number
/// is below 2^27, with at most 20 digits and at most 48 bytes of shape text, has a value:
/// (its shape's index + 1) << 27 | its number. The digit count is part of the shape, so
/// "C007" and "C7" have two values, and an id is rebuilt exactly from its value. The value is
/// never 0 and never sets bit 31, which the tables keep for their own flag.
///
/// A codec knows at most 15 shapes. A shape enters at the first id that has it, or never,
/// so whether an id has a value never changes for a given codec: each id has one key.
/// Within one shape the numbers' order is the ids' bytewise order.
class id_codec {
 public:
  static constexpr std::size_t max_shapes = 15;
  static constexpr std::uint32_t number_bits = 27;
  static constexpr std::uint32_t number_mask = (std::uint32_t{1} << number_bits) - 1;
  /// An index no shape has.
  static constexpr std::size_t no_shape = static_cast<std::size_t>(-1);

  /// The value of `id`, adding its shape when it is new and there is room; 0 when `id` has
  /// no usual shape or its shape is new and the codec is full.
  std::uint32_t encode(std::string_view id);

  /// The value of `id` when its shape is known; 0 otherwise.
  std::uint32_t encode_known(std::string_view id) const;

  /// The id `value` stands for, written into `out`.
  void decode(std::uint32_t value, std::string& out) const;

  /// The index of the shape of `value` (0 … shape_count() - 1).
  static std::size_t shape_index(std::uint32_t value) noexcept {
    return (value >> number_bits) - 1;
  }

  /// How many shapes the codec knows.
  std::size_t shape_count() const noexcept { return shapes_.size(); }

  /// Adds every shape of `other` this codec lacks, while there is room (each has at least
  /// one id there, so it would have entered here with that id).
  void adopt_shapes(const id_codec& other);

  /// For each of `other`'s shapes, its index here, or no_shape.
  std::vector<std::size_t> shape_map(const id_codec& other) const;

  /// `other`'s value `value` as a value here, given `map` from shape_map(other); 0 when its
  /// shape is not here.
  static std::uint32_t translate(const std::vector<std::size_t>& map, std::uint32_t value) {
    const std::size_t here = map[shape_index(value)];
    return here == no_shape
               ? 0
               : static_cast<std::uint32_t>(here + 1) << number_bits | (value & number_mask);
  }

 private:
  static constexpr std::size_t max_digits = 20;
  static constexpr std::size_t max_shape_text = 48;

  struct shape_view {
    std::string_view prefix;
    std::string_view suffix;
    std::size_t digits;
  };
  // A known shape: prefix and suffix in one string.
  struct shape {
    std::string text;
    std::size_t prefix_size;
    std::size_t digits;
  };

  // The shape of `id` and its number, or false when `id` has no usual shape.
  static bool split(std::string_view id, shape_view& of, std::uint32_t& number);
  // The index of the shape in shapes_, or no_shape.
  std::size_t index_of(const shape_view& of) const;
  static std::uint32_t value(std::size_t index, std::uint32_t number) {
    return static_cast<std::uint32_t>(index + 1) << number_bits | number;
  }

  std::vector<shape> shapes_;
};

}  // namespace caseledger::detail
