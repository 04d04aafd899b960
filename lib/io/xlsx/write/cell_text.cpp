#include "io/xlsx/write/cell_text.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstring>

#include "util/utf8.hpp"

namespace caseledger::detail {
namespace {

constexpr char32_t replacement_character = 0xFFFD;

/// Decodes the UTF-8 character at `text[pos]`, advancing `pos`. A malformed sequence
/// (stray continuation byte, overlong form, surrogate, beyond U+10FFFF, truncated) gives
/// U+FFFD and skips one byte, so decoding always makes progress.
char32_t next_code_point(std::string_view text, std::size_t& pos) {
  const auto lead = static_cast<unsigned char>(text[pos]);
  if (lead < 0x80) {
    ++pos;
    return lead;
  }
  std::size_t length = 0;
  char32_t value = 0;
  char32_t minimum = 0;
  if ((lead & 0xE0) == 0xC0) {
    length = 2;
    value = lead & 0x1F;
    minimum = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3;
    value = lead & 0x0F;
    minimum = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4;
    value = lead & 0x07;
    minimum = 0x10000;
  } else {
    ++pos;
    return replacement_character;
  }
  if (pos + length > text.size()) {
    ++pos;
    return replacement_character;
  }
  for (std::size_t i = 1; i < length; ++i) {
    const auto byte = static_cast<unsigned char>(text[pos + i]);
    if ((byte & 0xC0) != 0x80) {
      ++pos;
      return replacement_character;
    }
    value = (value << 6) | (byte & 0x3F);
  }
  if (value < minimum || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) {
    ++pos;
    return replacement_character;
  }
  pos += length;
  return value;
}

bool forbidden_in_xml(char32_t c) {
  if (c < 0x20) return c != '\t' && c != '\n' && c != '\r';
  return c == 0xFFFE || c == 0xFFFF;
}

bool is_wide(char32_t c) {
  return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E) ||
         (c >= 0x3041 && c <= 0x33FF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA000 && c <= 0xA4CF) ||
         (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
         (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1F64F) ||
         (c >= 0x20000 && c <= 0x3FFFD);
}

/// Whether `text[pos]` starts "_xHHHH_", which Excel would read as an escaped character.
bool excel_escape_at(std::string_view text, std::size_t pos) {
  if (pos + 7 > text.size() || text[pos] != '_' || text[pos + 1] != 'x' || text[pos + 6] != '_') {
    return false;
  }
  for (std::size_t i = pos + 2; i < pos + 6; ++i) {
    if (std::isxdigit(static_cast<unsigned char>(text[i])) == 0) return false;
  }
  return true;
}

/// Whether none of the eight bytes at `p` is beyond ASCII, a control character or (with
/// `underscores`) an underscore: bytes no text rule looks at twice.
bool plain_ascii_word(const char* p, bool underscores) {
  constexpr std::uint64_t ones = 0x0101'0101'0101'0101;
  constexpr std::uint64_t highs = 0x8080'8080'8080'8080;
  std::uint64_t word = 0;
  std::memcpy(&word, p, sizeof word);
  if ((word & highs) != 0) return false;
  // With no high bit set, a byte below 0x20 is one whose subtraction borrows.
  if (((word - ones * 0x20) & highs) != 0) return false;
  if (underscores) {
    const std::uint64_t other = word ^ (ones * '_');  // zero where a byte is '_'
    if (((other - ones) & ~other & highs) != 0) return false;
  }
  return true;
}

}  // namespace

bool cell_text_unchanged(std::string_view text, std::size_t max_units, bool escape_underscores) {
  // A character is never fewer bytes than UTF-16 units, so a text of at most `max_units`
  // bytes cannot be cut.
  if (text.size() > max_units) return false;
  const std::size_t size = text.size();
  std::size_t pos = 0;
  while (pos < size) {
    const auto byte = static_cast<unsigned char>(text[pos]);
    if (byte < 0x80) {
      if (pos + 8 <= size && plain_ascii_word(text.data() + pos, escape_underscores)) {
        pos += 8;
        continue;
      }
      if (byte < 0x20 && byte != '\t' && byte != '\n' && byte != '\r') return false;
      if (escape_underscores && excel_escape_at(text, pos)) return false;
      ++pos;
      continue;
    }
    if ((byte & 0xF0) == 0xE0 && pos + 2 < size) {
      // Three bytes, as CJK is: checked in place, as next_code_point would decode them.
      const auto second = static_cast<unsigned char>(text[pos + 1]);
      const auto third = static_cast<unsigned char>(text[pos + 2]);
      if ((second & 0xC0) != 0x80 || (third & 0xC0) != 0x80) return false;
      if (byte == 0xE0 && second < 0xA0) return false;                    // overlong
      if (byte == 0xED && second >= 0xA0) return false;                   // a UTF-16 surrogate
      if (byte == 0xEF && second == 0xBF && third >= 0xBE) return false;  // U+FFFE, U+FFFF
      pos += 3;
      continue;
    }
    const std::size_t start = pos;
    const char32_t c = next_code_point(text, pos);
    // A malformed byte decodes as U+FFFD and moves one byte on; a real U+FFFD moves three.
    if ((c == replacement_character && pos - start == 1) || forbidden_in_xml(c)) return false;
  }
  return true;
}

cell_text to_cell_text(std::string_view text, std::size_t max_units, bool escape_underscores) {
  constexpr std::string_view escaped_underscore = "_x005F_";
  cell_text result;
  result.text.reserve(std::min(text.size(), max_units * 3));
  std::size_t units = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const bool escape = escape_underscores && excel_escape_at(text, pos);
    const char32_t c = next_code_point(text, pos);
    if (forbidden_in_xml(c)) continue;
    const std::size_t width = escape ? escaped_underscore.size() : c >= 0x10000 ? 2 : 1;
    if (units + width > max_units) {
      result.cut = true;
      break;
    }
    units += width;
    if (escape) {
      result.text += escaped_underscore;
    } else {
      append_utf8(result.text, c);
    }
  }
  return result;
}

std::size_t display_width(std::string_view text) {
  std::size_t widest = 0;
  std::size_t line = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto byte = static_cast<unsigned char>(text[pos]);
    if (byte < 0x80) {
      // ASCII is never wide: no decoding.
      ++pos;
      if (byte == '\n') {
        widest = std::max(widest, line);
        line = 0;
      } else {
        ++line;
      }
      continue;
    }
    line += is_wide(next_code_point(text, pos)) ? 2u : 1u;
  }
  return std::max(widest, line);
}

}  // namespace caseledger::detail
