#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "caseledger/detail/id_codec.hpp"

namespace caseledger {

/// An exact set of distinct names ("enterprise:E0000123", "project:P042"), in about 7 bytes
/// per name of the usual shape, for the report's distinct beneficiaries and recipients.
///
/// A name of the usual shape (text around a run of decimal digits) is kept as its 32-bit
/// value from the set's `id_codec`; "E007" and "E7" stay two names. Other names (no digits,
/// a long text, a number of 2^27 or more, a set that already knows 15 shapes) are kept as
/// strings. Whether a name is a value or a string never changes within a set (the codec's
/// promise), so each name has one key and sizes are exact; merging translates the other
/// set's shapes.
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
  static constexpr std::uint32_t text_flag = 0x8000'0000u;  // key flag: an index into texts_

  // Where a name is or would go: its slot, and whether it is there.
  struct location {
    std::size_t slot;
    bool found;
  };

  std::uint64_t hash_value(std::uint32_t value) const;
  std::uint64_t hash_text(std::string_view name) const;
  std::uint64_t hash_key(std::uint32_t key) const;
  location locate_value(std::uint32_t value) const;
  location locate_text(std::string_view name) const;
  // Makes room for one more key (seeding the hash on first use); true when the table moved.
  bool make_room();
  bool insert_value(std::uint32_t value);
  bool insert_text(std::string_view name);
  // `other`'s value key `value` as a key here (`map` from the codec's shape_map): the
  // translated value when its shape is here, 0 otherwise, with the name written into `name`.
  std::uint32_t translate(const name_set& other, const std::vector<std::size_t>& map,
                          std::uint32_t value, std::string& name) const;

  std::vector<std::uint32_t> slots_;  // power-of-two count; 0: empty
  std::size_t size_ = 0;
  std::array<std::uint64_t, 2> seed_{};
  detail::id_codec codec_;
  std::vector<std::string> texts_;  // the names kept as strings
};

}  // namespace caseledger
