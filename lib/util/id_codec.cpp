#include "caseledger/detail/id_codec.hpp"

namespace caseledger::detail {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Whether `text` starts with `part`: a loop, cheaper than a call to memcmp for the few bytes
// of a shape, which every id is compared with.
bool starts(const char* text, std::string_view part) {
  for (std::size_t i = 0; i < part.size(); ++i) {
    if (text[i] != part[i]) return false;
  }
  return true;
}

}  // namespace

bool id_codec::split(std::string_view id, shape_view& of, std::uint32_t& number) {
  // The longest run of digits, the last one when several are as long.
  std::size_t from = 0;
  std::size_t digits = 0;
  for (std::size_t i = 0; i < id.size();) {
    if (!is_digit(id[i])) {
      ++i;
      continue;
    }
    const std::size_t start = i;
    while (i < id.size() && is_digit(id[i])) ++i;
    if (i - start >= digits) {
      from = start;
      digits = i - start;
    }
  }
  if (digits == 0 || digits > max_digits || id.size() - digits > max_shape_text) return false;
  std::uint32_t value = 0;
  for (std::size_t i = from; i < from + digits; ++i) {
    value = value * 10 + static_cast<std::uint32_t>(id[i] - '0');
    if (value > number_mask) return false;  // also keeps 20 digits from overflowing
  }
  of = {id.substr(0, from), id.substr(from + digits), digits};
  number = value;
  return true;
}

std::size_t id_codec::index_of(const shape_view& of) const {
  for (std::size_t i = 0; i < shapes_.size(); ++i) {
    const shape& known = shapes_[i];
    if (known.digits == of.digits && known.prefix_size == of.prefix.size() &&
        known.text.size() == of.prefix.size() + of.suffix.size() &&
        starts(known.text.data(), of.prefix) &&
        starts(known.text.data() + of.prefix.size(), of.suffix)) {
      return i;
    }
  }
  return no_shape;
}

std::uint32_t id_codec::encode(std::string_view id) {
  shape_view of{};
  std::uint32_t number = 0;
  if (!split(id, of, number)) return 0;
  std::size_t index = index_of(of);
  if (index == no_shape) {
    if (shapes_.size() == max_shapes) return 0;
    index = shapes_.size();
    shapes_.push_back(
        {std::string(of.prefix) + std::string(of.suffix), of.prefix.size(), of.digits});
  }
  return value(index, number);
}

std::uint32_t id_codec::encode_known(std::string_view id) const {
  shape_view of{};
  std::uint32_t number = 0;
  if (!split(id, of, number)) return 0;
  const std::size_t index = index_of(of);
  return index == no_shape ? 0 : value(index, number);
}

void id_codec::decode(std::uint32_t value, std::string& out) const {
  const shape& of = shapes_[shape_index(value)];
  out.assign(of.text, 0, of.prefix_size);
  out.append(of.digits, '0');
  std::uint32_t number = value & number_mask;
  for (std::size_t at = out.size(); number != 0; number /= 10) {
    out[--at] = static_cast<char>('0' + number % 10);
  }
  out.append(of.text, of.prefix_size);
}

void id_codec::adopt_shapes(const id_codec& other) {
  for (const shape& of : other.shapes_) {
    if (shapes_.size() == max_shapes) return;
    const std::string_view text = of.text;
    if (index_of({text.substr(0, of.prefix_size), text.substr(of.prefix_size), of.digits}) ==
        no_shape) {
      shapes_.push_back(of);
    }
  }
}

std::vector<std::size_t> id_codec::shape_map(const id_codec& other) const {
  std::vector<std::size_t> map;
  map.reserve(other.shapes_.size());
  for (const shape& of : other.shapes_) {
    const std::string_view text = of.text;
    map.push_back(
        index_of({text.substr(0, of.prefix_size), text.substr(of.prefix_size), of.digits}));
  }
  return map;
}

}  // namespace caseledger::detail
