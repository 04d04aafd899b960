#include "caseledger/model/id_list.hpp"

#include <utility>

namespace caseledger {

id_list::id_list(std::initializer_list<record_id> ids)
    : ids_(ids.size() == 0 ? nullptr : std::make_unique<std::vector<record_id>>(ids)) {}

id_list::id_list(std::vector<record_id> ids)
    : ids_(ids.empty() ? nullptr : std::make_unique<std::vector<record_id>>(std::move(ids))) {}

id_list::id_list(const id_list& other)
    : ids_(other.empty() ? nullptr : std::make_unique<std::vector<record_id>>(*other.ids_)) {}

id_list& id_list::operator=(const id_list& other) {
  // Into the array it has, if any, as std::vector assigns: a record copied over another
  // (the streaming report's batches) reuses its room and its ids' room.
  if (this == &other) return *this;
  if (other.empty()) {
    if (ids_ != nullptr) ids_->clear();
  } else if (ids_ != nullptr) {
    *ids_ = *other.ids_;
  } else {
    ids_ = std::make_unique<std::vector<record_id>>(*other.ids_);
  }
  return *this;
}

void id_list::push_back(record_id id) {
  if (ids_ == nullptr) ids_ = std::make_unique<std::vector<record_id>>();
  ids_->push_back(std::move(id));
}

}  // namespace caseledger
