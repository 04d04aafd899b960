#pragma once

#include <algorithm>
#include <cstddef>
#include <initializer_list>
#include <utility>
#include <vector>

#include "caseledger/detail/boxed_vector.hpp"
#include "caseledger/model/record_id.hpp"

namespace caseledger {

/// A short list of ids (a case's co-handling units): 8 bytes while it is empty, as nearly
/// every case's is, where a `std::vector` takes 24 (16 MB over a million cases). It reads
/// like a `std::vector<record_id>`:
///
///     c.co_units = {"swj", "fgw"};      // or a std::vector<record_id>
///     c.co_units.push_back("rsj");
///     for (const caseledger::record_id& unit : c.co_units) …
class id_list {
 public:
  using value_type = record_id;
  using const_iterator = const record_id*;
  using iterator = const_iterator;

  id_list() noexcept = default;
  id_list(std::initializer_list<record_id> ids);
  /// Takes the ids of a list made as a `std::vector` (`c.co_units = std::move(ids);`).
  id_list(std::vector<record_id> ids);  // NOLINT(google-explicit-constructor)

  bool empty() const noexcept { return ids_.empty(); }
  std::size_t size() const noexcept { return ids_.all().size(); }
  const_iterator begin() const noexcept { return ids_.all().data(); }
  const_iterator end() const noexcept { return begin() + size(); }
  const record_id& operator[](std::size_t i) const { return ids_.all()[i]; }

  void push_back(record_id id) { ids_.to_change().push_back(std::move(id)); }
  void clear() noexcept { ids_.clear(); }

  friend bool operator==(const id_list& a, const id_list& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end());
  }

 private:
  detail::boxed_vector<record_id> ids_;
};

static_assert(sizeof(id_list) == sizeof(void*));

}  // namespace caseledger
