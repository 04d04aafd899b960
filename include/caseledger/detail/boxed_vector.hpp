// A std::vector behind one pointer, null while empty: what extra_fields and id_list hold.
#pragma once

#include <memory>
#include <utility>
#include <vector>

namespace caseledger::detail {

/// A `std::vector<Item>` in 8 bytes while it is empty, as a field that nearly every record of
/// a million leaves empty is (a `std::vector` takes 24). A copy over a box that holds an
/// array copies into that array, as `std::vector` assigns: a record copied over another (the
/// streaming report's batches) reuses its room and its items' room.
template <class Item>
class boxed_vector {
 public:
  boxed_vector() noexcept = default;
  explicit boxed_vector(std::vector<Item> items)
      : items_(items.empty() ? nullptr : std::make_unique<std::vector<Item>>(std::move(items))) {}
  boxed_vector(const boxed_vector& other) : boxed_vector(other.all()) {}
  boxed_vector(boxed_vector&&) noexcept = default;
  boxed_vector& operator=(const boxed_vector& other) {
    if (this == &other) return *this;
    if (items_ != nullptr) {
      *items_ = other.all();
    } else if (!other.empty()) {
      items_ = std::make_unique<std::vector<Item>>(*other.items_);
    }
    return *this;
  }
  boxed_vector& operator=(boxed_vector&&) noexcept = default;
  ~boxed_vector() = default;

  bool empty() const noexcept { return items_ == nullptr || items_->empty(); }
  /// The items, or an array that stays empty when there are none.
  const std::vector<Item>& all() const noexcept {
    static const std::vector<Item> none;
    return items_ == nullptr ? none : *items_;
  }
  /// The items, to change: the array is made when there is none.
  std::vector<Item>& to_change() {
    if (items_ == nullptr) items_ = std::make_unique<std::vector<Item>>();
    return *items_;
  }
  /// Lets the array go.
  void clear() noexcept { items_.reset(); }

 private:
  std::unique_ptr<std::vector<Item>> items_;  // null while none were added
};

}  // namespace caseledger::detail
