#include "caseledger/model/extra_fields.hpp"

#include <algorithm>
#include <stdexcept>

namespace caseledger {
namespace {

using fields = std::vector<extra_fields::value_type>;

// Where the field `name` is, or would go, in `sorted`.
fields::const_iterator place_of(const fields& sorted, std::string_view name) {
  return std::lower_bound(sorted.begin(), sorted.end(), name,
                          [](const extra_fields::value_type& field, std::string_view key) {
                            return field.first < key;
                          });
}

}  // namespace

extra_fields::extra_fields(std::initializer_list<value_type> given) {
  // As std::map's: of two fields with one name, the first.
  for (const auto& [name, json_text] : given) {
    if (!contains(name)) (*this)[name] = json_text;
  }
}

extra_fields::extra_fields(const extra_fields& other)
    : fields_(other.empty() ? nullptr : std::make_unique<fields>(*other.fields_)) {}

extra_fields& extra_fields::operator=(const extra_fields& other) {
  if (this != &other) *this = extra_fields(other);
  return *this;
}

extra_fields::const_iterator extra_fields::find(std::string_view name) const {
  const auto at = place_of(all(), name);
  return at != end() && at->first == name ? at : end();
}

const short_text& extra_fields::at(std::string_view name) const {
  const auto found = find(name);
  if (found == end()) {
    throw std::out_of_range("caseledger::extra_fields: no field '" + std::string(name) + "'");
  }
  return found->second;
}

short_text& extra_fields::operator[](std::string_view name) {
  if (fields_ == nullptr) fields_ = std::make_unique<fields>();
  const auto at = fields_->begin() + (place_of(*fields_, name) - fields_->cbegin());
  if (at != fields_->end() && at->first == name) return at->second;
  return fields_->emplace(at, name, short_text())->second;
}

const std::vector<extra_fields::value_type>& extra_fields::all() const noexcept {
  static const fields none;
  return fields_ == nullptr ? none : *fields_;
}

}  // namespace caseledger
