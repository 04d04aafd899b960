#include "caseledger/core/short_text.hpp"

#include <algorithm>
#include <limits>
#include <ostream>
#include <stdexcept>

namespace caseledger {

void short_text::set_heap(std::string_view text) {
  if (text.size() > std::numeric_limits<std::uint32_t>::max()) {
    throw std::length_error("caseledger::short_text: a text of 4 GiB or more");
  }
  // Room up to the next multiple of 8 bytes, so that a slightly longer text can be written
  // over this one: allocators hand out no smaller steps anyway.
  const std::size_t room = (text.size() + 1 + 7) / 8 * 8;
  char* copy = new char[room];
  std::memcpy(copy, text.data(), text.size());
  copy[text.size()] = '\0';
  const auto size = static_cast<std::uint32_t>(text.size());
  const std::size_t capacity = std::min<std::size_t>(room - 1, 0xFF'FFFF);
  std::memcpy(bytes_, &copy, sizeof copy);
  std::memcpy(bytes_ + heap_size_at, &size, sizeof size);
  for (std::size_t byte = 0; byte < 3; ++byte) {
    bytes_[heap_capacity_at + byte] = static_cast<char>(capacity >> (8 * byte) & 0xFF);
  }
  bytes_[15] = static_cast<char>(heap_tag);
}

std::ostream& operator<<(std::ostream& out, const short_text& text) { return out << text.view(); }

}  // namespace caseledger
