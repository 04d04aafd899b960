#include "io/csv/gb18030.hpp"

#include <iconv.h>
#include <array>
#include <cerrno>
#include <cstdint>
#include <system_error>
#include <vector>

namespace caseledger::detail {
namespace {

// Two-byte codes: lead 81–FE, trail 40–7E or 80–FE.
constexpr std::size_t trail_count = 0xFE - 0x40;  // 190: 0x40–0xFE less 0x7F
constexpr std::size_t two_byte_count = (0xFE - 0x81 + 1) * trail_count;
// Four-byte codes b1 b2 b3 b4 (81–FE, 30–39, 81–FE, 30–39) numbered in order; those below
// 39,420 (81 30 81 30 to 84 31 A4 39) are the rest of the Basic Multilingual Plane, those
// from 189,000 (90 30 81 30) on are U+10000 onwards, one after another.
constexpr std::uint32_t bmp_four_byte_count = 39'420;
constexpr std::uint32_t supplementary_start = 189'000;

std::size_t two_byte_index(unsigned char lead, unsigned char trail) {
  return (lead - 0x81u) * trail_count + (trail < 0x7F ? trail - 0x40u : trail - 0x41u);
}

std::uint32_t four_byte_index(const unsigned char* bytes) {
  return (bytes[0] - 0x81u) * 12'600u + (bytes[1] - 0x30u) * 1'260u + (bytes[2] - 0x81u) * 10u +
         (bytes[3] - 0x30u);
}

// What glibc's iconv makes of the two-byte codes and of the four-byte codes below
// supplementary_start: a code point, 0 where it makes nothing.
struct gb18030_table {
  std::vector<char32_t> two_byte = std::vector<char32_t>(two_byte_count);
  std::vector<char32_t> four_byte = std::vector<char32_t>(bmp_four_byte_count);

  gb18030_table() {
    iconv_t to_utf32 = iconv_open("UTF-32LE", "GB18030");
    if (to_utf32 == reinterpret_cast<iconv_t>(-1)) {
      throw std::system_error(errno, std::generic_category(), "iconv from GB18030");
    }
    const auto decode = [&](const unsigned char* code, std::size_t size) -> char32_t {
      char in[4];
      for (std::size_t i = 0; i < size; ++i) in[i] = static_cast<char>(code[i]);
      unsigned char out[4];
      char* from = in;
      std::size_t from_left = size;
      char* to = reinterpret_cast<char*>(out);
      std::size_t to_left = sizeof out;
      iconv(to_utf32, nullptr, nullptr, nullptr, nullptr);
      if (iconv(to_utf32, &from, &from_left, &to, &to_left) == static_cast<std::size_t>(-1) ||
          to_left != 0) {
        return 0;
      }
      char32_t code_point = 0;
      for (std::size_t i = 4; i-- > 0;) code_point = (code_point << 8) | out[i];
      return code_point;
    };
    for (unsigned lead = 0x81; lead <= 0xFE; ++lead) {
      for (unsigned trail = 0x40; trail <= 0xFE; ++trail) {
        if (trail == 0x7F) continue;
        const std::array<unsigned char, 2> code{static_cast<unsigned char>(lead),
                                                static_cast<unsigned char>(trail)};
        two_byte[two_byte_index(code[0], code[1])] = decode(code.data(), 2);
      }
    }
    for (std::uint32_t index = 0; index < bmp_four_byte_count; ++index) {
      const std::array<unsigned char, 4> code{static_cast<unsigned char>(0x81 + index / 12'600),
                                              static_cast<unsigned char>(0x30 + index / 1'260 % 10),
                                              static_cast<unsigned char>(0x81 + index / 10 % 126),
                                              static_cast<unsigned char>(0x30 + index % 10)};
      four_byte[index] = decode(code.data(), 4);
    }
    iconv_close(to_utf32);
  }
};

const gb18030_table& table() {
  static const gb18030_table filled;  // thread-safe, once per process
  return filled;
}

// Writes the UTF-8 of `code_point` at `to`; returns the end of what it wrote.
char* put_utf8(char32_t code_point, char* to) {
  const auto byte = [](char32_t value) { return static_cast<char>(value); };
  if (code_point < 0x800) {
    *to++ = byte(0xC0 | (code_point >> 6));
  } else {
    if (code_point < 0x10000) {
      *to++ = byte(0xE0 | (code_point >> 12));
    } else {
      *to++ = byte(0xF0 | (code_point >> 18));
      *to++ = byte(0x80 | ((code_point >> 12) & 0x3F));
    }
    *to++ = byte(0x80 | ((code_point >> 6) & 0x3F));
  }
  *to++ = byte(0x80 | (code_point & 0x3F));
  return to;
}

}  // namespace

void prepare_gb18030_table() { table(); }

std::size_t append_gb18030_as_utf8(std::string_view text, std::string& out) {
  const gb18030_table& codes = table();
  // Room for the most UTF-8 the text can make: 1 byte for 1, 4 for 4, and 4 for 2 (a few
  // two-byte codes, FE 51 among them, stand for characters beyond the BMP).
  const std::size_t start = out.size();
  out.resize(start + 2 * text.size());
  char* to = out.data() + start;
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  std::size_t at = std::string_view::npos;
  for (std::size_t i = 0; i < text.size();) {
    const unsigned char lead = bytes[i];
    if (lead < 0x80) {
      *to++ = static_cast<char>(lead);
      ++i;
      continue;
    }
    char32_t code_point = 0;
    std::size_t size = 2;
    if (bytes[i + 1] >= 0x40) {
      code_point = codes.two_byte[two_byte_index(lead, bytes[i + 1])];
    } else {
      size = 4;
      const std::uint32_t index = four_byte_index(bytes + i);
      if (index < bmp_four_byte_count) {
        code_point = codes.four_byte[index];
      } else if (index >= supplementary_start && index - supplementary_start < 0x100000) {
        code_point = 0x10000 + (index - supplementary_start);
      }
    }
    // 0 also for a code below 0x80, which only a one-byte code may be.
    if (code_point < 0x80) {
      at = i;
      break;
    }
    to = put_utf8(code_point, to);
    i += size;
  }
  out.resize(static_cast<std::size_t>(to - out.data()));
  return at;
}

}  // namespace caseledger::detail
