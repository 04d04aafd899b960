#include "caseledger/model/extra_fields.hpp"

#include <stdexcept>

namespace caseledger {

extra_fields::extra_fields(std::initializer_list<value_type> fields)
    : fields_(fields.size() == 0 ? nullptr : std::make_unique<map_type>(fields)) {}

extra_fields::extra_fields(const extra_fields& other)
    : fields_(other.empty() ? nullptr : std::make_unique<map_type>(*other.fields_)) {}

extra_fields& extra_fields::operator=(const extra_fields& other) {
  if (this != &other) *this = extra_fields(other);
  return *this;
}

const std::string& extra_fields::at(std::string_view name) const {
  const auto found = all().find(name);
  if (found == all().end()) {
    throw std::out_of_range("caseledger::extra_fields: no field '" + std::string(name) + "'");
  }
  return found->second;
}

std::string& extra_fields::operator[](std::string_view name) {
  if (fields_ == nullptr) fields_ = std::make_unique<map_type>();
  const auto found = fields_->find(name);
  if (found != fields_->end()) return found->second;
  return fields_->emplace(std::string(name), std::string()).first->second;
}

const extra_fields::map_type& extra_fields::all() const noexcept {
  static const map_type none;
  return fields_ == nullptr ? none : *fields_;
}

}  // namespace caseledger
