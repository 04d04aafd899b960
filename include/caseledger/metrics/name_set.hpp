#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace caseledger {

/// An exact set of distinct names ("enterprise:E0000123", "project:P042"), in about 7 bytes
/// per name of the usual shape, for the report's distinct beneficiaries and recipients.
///
/// A name of the shape "prefix + decimal digits" is kept as a 32-bit value: its shape's
/// index in a small per-set dictionary of (prefix, number of digits) and the number. The
/// digit count is part of the shape, so "E007" and "E7" stay two names. Other names (no
/// trailing digits, a long prefix, too many digits, a number of 2^27 or more, a set that
/// already knows 15 shapes) are kept as strings. Whether a name is a value or a string never
/// changes within a set (a shape enters the dictionary at its first name, or never), so
/// each name has one key and sizes are exact; merging translates the other set's shapes.
///
/// The keys sit in an open-addressing table whose hash is keyed per set, so that crafted
/// names cannot make long probe chains, nor can merging one set into another. The table's
/// order never reaches an output: `sorted` orders the names bytewise, as std::set does.
class name_set {
 public:
  /// An empty set.
  name_set() = default;
  /// A set of `names` (duplicates count once).
  name_set(std::initializer_list<std::string_view> names);

  name_set(const name_set&) = default;
  name_set& operator=(const name_set&) = default;
  /// Takes `other`'s names; `other` is left empty.
  name_set(name_set&& other) noexcept;
  /// Takes `other`'s names; `other` is left empty.
  name_set& operator=(name_set&& other) noexcept;
  ~name_set() = default;

  /// Adds `name` and returns true, or returns false when it is already there. A name of a
  /// known shape costs no allocation unless the table grows.
  bool insert(std::string_view name);

  /// Whether `name` is there.
  bool contains(std::string_view name) const;

  /// How many distinct names.
  std::size_t size() const noexcept { return size_; }

  /// Whether there is no name.
  bool empty() const noexcept { return size_ == 0; }

  /// Adds every name of `other` (the exact union).
  void merge(const name_set& other);

  /// Every name, sorted bytewise (std::string's order).
  std::vector<std::string> sorted() const;

  /// The same names, whatever the shapes each set knows.
  friend bool operator==(const name_set& a, const name_set& b);

 private:
  static constexpr std::size_t max_shapes = 15;
  static constexpr std::size_t max_prefix = 48;
  static constexpr std::size_t max_digits = 20;
  static constexpr std::uint32_t number_bits = 27;
  static constexpr std::uint32_t number_mask = (std::uint32_t{1} << number_bits) - 1;
  static constexpr std::uint32_t text_flag = 0x8000'0000u;  // key flag: an index into texts_
  static constexpr std::size_t no_shape = static_cast<std::size_t>(-1);

  struct shape {
    std::string prefix;
    std::uint32_t digits;
    friend bool operator==(const shape&, const shape&) = default;
  };

  // Where a name is or would go: its slot, and whether it is there.
  struct location {
    std::size_t slot;
    bool found;
  };

  // The prefix and digit count of `name` and its number, or false when it has no usual shape.
  static bool split(std::string_view name, std::string_view& prefix, std::uint32_t& digits,
                    std::uint32_t& number);
  // The shape's index in shapes_, or no_shape when it is not there.
  std::size_t index_of(std::string_view prefix, std::uint32_t digits) const;
  // The value key of `name`, adding its shape when it is new and there is room; 0 when the
  // name is kept as a string.
  std::uint32_t value_of(std::string_view name);
  // The value key of `name` when its shape is known; 0 otherwise.
  std::uint32_t known_value_of(std::string_view name) const;
  // The name a value key stands for, written into `out`.
  void render(std::uint32_t value, std::string& out) const;
  std::uint64_t hash_value(std::uint32_t value) const;
  std::uint64_t hash_text(std::string_view name) const;
  std::uint64_t hash_key(std::uint32_t key) const;
  location locate_value(std::uint32_t value) const;
  location locate_text(std::string_view name) const;
  // Makes room for one more key (seeding the hash on first use); true when the table moved.
  bool make_room();
  bool insert_value(std::uint32_t value);
  bool insert_text(std::string_view name);
  // For each of `other`'s shapes, its index here, or no_shape when it is not here.
  std::vector<std::size_t> shape_map(const name_set& other) const;
  // `other`'s value key `value` as a name here: the translated value when its shape is here
  // (`map` from shape_map), 0 otherwise, with the name written into `name`.
  std::uint32_t translate(const name_set& other, const std::vector<std::size_t>& map,
                          std::uint32_t value, std::string& name) const;

  std::vector<std::uint32_t> slots_;  // power-of-two count; 0: empty
  std::size_t size_ = 0;
  std::array<std::uint64_t, 2> seed_{};
  std::vector<shape> shapes_;
  std::vector<std::string> texts_;  // the names kept as strings
};

}  // namespace caseledger
