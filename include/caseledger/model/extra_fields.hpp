#pragma once

#include <cstddef>
#include <initializer_list>
#include <string_view>
#include <utility>
#include <vector>

#include "caseledger/core/short_text.hpp"
#include "caseledger/detail/boxed_vector.hpp"

namespace caseledger {

/// Fields a reader was told to keep although the domain does not define them: field name
/// to the value's JSON text (`"\"note\""`, `42`, `{"a":1}`), in the names' order.
///
/// A map that takes 8 bytes while it is empty, as nearly every record's is (a `std::map`
/// takes 48 even then: 72 MB over the records of a million-case ledger), and holds its
/// fields side by side in one array sorted by name, each name and text a `short_text` (a
/// record keeps a few, short: an office's 联系人 and 备注 columns, 32 bytes a field where a
/// `std::map` allocates a node of about 100). It reads like a `std::map`:
///
///     record.extras["联系人"] = "\"张三\"";
///     for (const auto& [name, json_text] : record.extras) …
///     if (auto found = record.extras.find("备注"); found != record.extras.end()) …
class extra_fields {
 public:
  using value_type = std::pair<short_text, short_text>;  // name, JSON text
  using const_iterator = std::vector<value_type>::const_iterator;
  using iterator = const_iterator;

  extra_fields() noexcept = default;
  extra_fields(std::initializer_list<value_type> fields);

  bool empty() const noexcept { return fields_.empty(); }
  std::size_t size() const noexcept { return fields_.all().size(); }
  const_iterator begin() const noexcept { return fields_.all().begin(); }
  const_iterator end() const noexcept { return fields_.all().end(); }

  /// The field `name`, or end().
  const_iterator find(std::string_view name) const;
  bool contains(std::string_view name) const { return find(name) != end(); }
  /// The JSON text of the field `name`; throws `std::out_of_range` when there is none.
  const short_text& at(std::string_view name) const;
  /// The JSON text of the field `name`, added empty when there is none.
  short_text& operator[](std::string_view name);

  void clear() noexcept { fields_.clear(); }

  friend bool operator==(const extra_fields& a, const extra_fields& b) {
    return a.fields_.all() == b.fields_.all();
  }

 private:
  detail::boxed_vector<value_type> fields_;  // sorted by name
};

static_assert(sizeof(extra_fields) == sizeof(void*));

}  // namespace caseledger
