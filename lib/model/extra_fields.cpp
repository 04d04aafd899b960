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

extra_fields::const_iterator extra_fields::find(std::string_view name) const {
  const auto at = place_of(fields_.all(), name);
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
  fields& sorted = fields_.to_change();
  const auto at = sorted.begin() + (place_of(sorted, name) - sorted.cbegin());
  if (at != sorted.end() && at->first == name) return at->second;
  return sorted.emplace(at, name, short_text())->second;
}

}  // namespace caseledger
