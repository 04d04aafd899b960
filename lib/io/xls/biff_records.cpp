#include "io/xls/biff_records.hpp"

#include <bit>
#include <utility>

#include "caseledger/core/error.hpp"
#include "io/refuse.hpp"
#include "util/utf8.hpp"

namespace caseledger::detail {
namespace {

constexpr std::size_t record_header = 4;
constexpr std::uint8_t high_byte_flag = 0x01;  // characters are UTF-16, not compressed
constexpr std::uint8_t phonetic_flag = 0x04;   // fExtSt: phonetic data follows the runs
constexpr std::uint8_t rich_flag = 0x08;       // fRichSt: formatting runs follow the text

std::uint16_t u16_at(std::string_view bytes, std::size_t offset) {
  return static_cast<std::uint16_t>(static_cast<unsigned char>(bytes[offset]) |
                                    static_cast<unsigned char>(bytes[offset + 1]) << 8);
}

bool high_surrogate(char16_t unit) { return unit >= 0xD800 && unit <= 0xDBFF; }
bool low_surrogate(char16_t unit) { return unit >= 0xDC00 && unit <= 0xDFFF; }

}  // namespace

bool record_stream::next(biff_record& record) {
  if (offset_ >= stream_.size()) return false;
  if (stream_.size() - offset_ < record_header) {
    refuse(shown_, "the workbook stream ends inside a record (the file is truncated)");
  }
  const std::uint16_t type = u16_at(stream_, offset_);
  const std::uint16_t length = u16_at(stream_, offset_ + 2);
  offset_ += record_header;
  if (stream_.size() - offset_ < length) {
    refuse(shown_, "the workbook stream ends inside a record (the file is truncated)");
  }
  record.type = type;
  record.data = stream_.substr(offset_, length);
  offset_ += length;
  return true;
}

std::uint16_t record_stream::next_type() const noexcept {
  if (offset_ >= stream_.size() || stream_.size() - offset_ < record_header) return 0;
  return u16_at(stream_, offset_);
}

record_cursor::record_cursor(const biff_record& first, record_stream& records,
                             const std::string& shown)
    : segments_{first.data}, shown_(shown) {
  biff_record more;
  while (records.next_type() == biff::continued && records.next(more)) {
    segments_.push_back(more.data);
  }
}

record_cursor::record_cursor(const biff_record& first, const std::string& shown)
    : segments_{first.data}, shown_(shown) {}

void record_cursor::damaged() const {
  refuse(shown_, "a record of the workbook ends early (the file is damaged)");
}

bool record_cursor::at_end() const noexcept {
  for (std::size_t s = segment_; s < segments_.size(); ++s) {
    if ((s == segment_ ? offset_ : 0) < segments_[s].size()) return false;
  }
  return true;
}

std::uint8_t record_cursor::u8() {
  while (segment_ < segments_.size() && offset_ >= segments_[segment_].size()) {
    ++segment_;
    offset_ = 0;
  }
  if (segment_ >= segments_.size()) damaged();
  return static_cast<std::uint8_t>(segments_[segment_][offset_++]);
}

std::uint16_t record_cursor::u16() {
  const std::uint16_t low = u8();
  return static_cast<std::uint16_t>(low | u8() << 8);
}

std::uint32_t record_cursor::u32() {
  const std::uint32_t low = u16();
  return low | static_cast<std::uint32_t>(u16()) << 16;
}

double record_cursor::f64() {
  const std::uint64_t low = u32();
  return std::bit_cast<double>(low | static_cast<std::uint64_t>(u32()) << 32);
}

void record_cursor::skip(std::uint64_t bytes) {
  while (bytes > 0) {
    if (segment_ >= segments_.size()) damaged();
    const std::size_t left = segments_[segment_].size() - offset_;
    if (left == 0) {
      ++segment_;
      offset_ = 0;
      continue;
    }
    const std::size_t step = bytes < left ? static_cast<std::size_t>(bytes) : left;
    offset_ += step;
    bytes -= step;
  }
}

// `count` characters, compressed or UTF-16 as `flags` says; where a CONTINUE record cuts
// them, it begins with a flags byte of its own for the characters left.
std::string record_cursor::characters(std::size_t count, std::uint8_t flags,
                                      std::size_t max_bytes) {
  std::u16string units;
  units.reserve(count);
  bool wide = (flags & high_byte_flag) != 0;
  while (units.size() < count) {
    if (segment_ < segments_.size() && offset_ >= segments_[segment_].size() &&
        segment_ + 1 < segments_.size()) {
      ++segment_;
      offset_ = 0;
      wide = (u8() & high_byte_flag) != 0;
      continue;
    }
    units += wide ? static_cast<char16_t>(u16()) : static_cast<char16_t>(u8());
  }
  std::string text;
  for (std::size_t i = 0; i < units.size(); ++i) {
    char32_t code_point = units[i];
    if (high_surrogate(units[i]) && i + 1 < units.size() && low_surrogate(units[i + 1])) {
      code_point = 0x10000 + ((code_point - 0xD800) << 10) + (units[i + 1] - 0xDC00);
      ++i;
    } else if (high_surrogate(units[i]) || low_surrogate(units[i])) {
      refuse(shown_, "invalid text in the workbook (a lone UTF-16 surrogate)");
    }
    append_utf8(text, code_point);
  }
  if (text.size() > max_bytes) {
    refuse(shown_, "a string of " + std::to_string(text.size()) +
                       " bytes, more than the limit max_string_bytes (" +
                       std::to_string(max_bytes) + ")");
  }
  return text;
}

std::string record_cursor::unicode_string(std::size_t max_bytes) {
  const std::size_t count = u16();
  const std::uint8_t flags = u8();
  return characters(count, flags, max_bytes);
}

std::string record_cursor::short_unicode_string(std::size_t max_bytes) {
  const std::size_t count = u8();
  const std::uint8_t flags = u8();
  return characters(count, flags, max_bytes);
}

std::string record_cursor::rich_extended_string(std::size_t max_bytes) {
  const std::size_t count = u16();
  const std::uint8_t flags = u8();
  const std::uint16_t runs = (flags & rich_flag) != 0 ? u16() : 0;
  const std::uint32_t phonetic_bytes = (flags & phonetic_flag) != 0 ? u32() : 0;
  std::string text = characters(count, flags, max_bytes);
  // The runs and the phonetic data carry on across CONTINUE records as plain bytes.
  skip(std::uint64_t{runs} * 4);
  skip(phonetic_bytes);
  return text;
}

}  // namespace caseledger::detail
