#include "caseledger/model/record_id.hpp"

#include <limits>
#include <ostream>
#include <stdexcept>

namespace caseledger {

void record_id::set_heap(std::string_view text) {
  if (text.size() > std::numeric_limits<std::uint32_t>::max()) {
    throw std::length_error("caseledger::record_id: an id of 4 GiB or more");
  }
  char* copy = new char[text.size() + 1];
  std::memcpy(copy, text.data(), text.size());
  copy[text.size()] = '\0';
  const auto size = static_cast<std::uint32_t>(text.size());
  std::memcpy(bytes_, &copy, sizeof copy);
  std::memcpy(bytes_ + sizeof copy, &size, sizeof size);
  std::memset(bytes_ + sizeof copy + sizeof size, 0, 15 - sizeof copy - sizeof size);
  bytes_[15] = static_cast<char>(heap_tag);
}

std::ostream& operator<<(std::ostream& out, const record_id& id) { return out << id.view(); }

}  // namespace caseledger
