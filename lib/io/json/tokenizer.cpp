// The bulk JSON tokenizer: one scanner whose token kinds share the buffer, the refill and
// the position tracking, so it stays one file of about 850 lines.
#include "io/json/tokenizer.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <limits>
#include <system_error>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "core/input_file.hpp"
#include "util/utf8.hpp"

namespace caseledger::detail {
namespace {

// Bytes a SIMD load may read past the end of the buffer (file input only).
constexpr std::size_t padding = 64;

// Sentinels for a byte looked at past what is available.
constexpr int end_of_input = -1;  // the input has ended
constexpr int need_more = -2;     // the buffer has ended; the input has not
constexpr int past_limit = -3;    // a byte the token may not hold (read_limits)

bool is_digit(int c) noexcept { return c >= '0' && c <= '9'; }

// A byte that neither ends nor separates numbers and literals: what the old position
// tracker counted toward max_number_chars.
bool is_bare(int c) noexcept {
  switch (c) {
    case ' ':
    case '\t':
    case '\r':
    case '\n':
    case '"':
    case '{':
    case '}':
    case '[':
    case ']':
    case ':':
    case ',':
      return false;
    default:
      return c >= 0;
  }
}

int hex_value(int c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

// The first byte at or after `p` (before `stop`) that a string cannot just copy: a quote,
// a backslash, a control character or a byte of a multi-byte UTF-8 character.
const char* skip_plain(const char* p, const char* stop) noexcept {
#if defined(__SSE2__)
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i backslash = _mm_set1_epi8('\\');
  const __m128i space = _mm_set1_epi8(0x20);
  while (stop - p >= 16) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    // Signed, bytes of 0x80 and above are negative: below 0x20 catches them with the
    // control characters.
    const __m128i special =
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(bytes, quote), _mm_cmpeq_epi8(bytes, backslash)),
                     _mm_cmplt_epi8(bytes, space));
    const int mask = _mm_movemask_epi8(special);
    if (mask != 0) return p + __builtin_ctz(static_cast<unsigned>(mask));
    p += 16;
  }
#endif
  while (p < stop) {
    const auto c = static_cast<unsigned char>(*p);
    if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') break;
    ++p;
  }
  return p;
}

// The first byte at or after `p` (before `stop`) that does not start a well-formed character
// of two bytes, or of three bytes led by E1..EC or EE..EF (Chinese text is mostly these):
// those need no more than a look at their continuation bytes. The rest (E0, ED and four-byte
// characters, whose second byte has a narrower range, and anything ill-formed) is left to
// the full check.
const char* skip_common_utf8(const char* p, const char* stop) noexcept {
  const auto continues = [](char c) { return (static_cast<unsigned char>(c) & 0xC0u) == 0x80u; };
  while (stop - p >= 3) {
    const auto c = static_cast<unsigned char>(*p);
    if (c >= 0xE1 && c <= 0xEF && c != 0xED) {
      if (!continues(p[1]) || !continues(p[2])) break;
      p += 3;
    } else if (c >= 0xC2 && c <= 0xDF) {
      if (!continues(p[1])) break;
      p += 2;
    } else {
      break;
    }
  }
  return p;
}

// The control characters' names in nlohmann's messages.
constexpr std::array<std::string_view, 32> control_names = {
    "NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS",  "HT",  "LF",
    "VT",  "FF",  "CR",  "SO",  "SI",  "DLE", "DC1", "DC2", "DC3", "DC4", "NAK",
    "SYN", "ETB", "CAN", "EM",  "SUB", "ESC", "FS",  "GS",  "RS",  "US"};

std::string control_message(unsigned char c) {
  std::array<char, 8> code{};
  std::snprintf(code.data(), code.size(), "%.4X", static_cast<unsigned>(c));
  std::string message = "invalid string: control character U+" + std::string(code.data()) + " (" +
                        std::string(control_names[c]) + ") must be escaped to \\u" +
                        std::string(code.data());
  switch (c) {
    case '\b':
      message += " or \\b";
      break;
    case '\t':
      message += " or \\t";
      break;
    case '\n':
      message += " or \\n";
      break;
    case '\f':
      message += " or \\f";
      break;
    case '\r':
      message += " or \\r";
      break;
    default:
      break;
  }
  return message;
}

// The continuation bytes a UTF-8 lead byte needs and the range of the first one (the
// others are 0x80..0xBF), as RFC 3629 and nlohmann check them; count 0 for a byte that
// cannot start a character.
struct utf8_lead {
  std::uint8_t count;
  std::uint8_t low;
  std::uint8_t high;
};

utf8_lead lead_of(unsigned char c) noexcept {
  if (c >= 0xC2 && c <= 0xDF) return {1, 0x80, 0xBF};
  if (c == 0xE0) return {2, 0xA0, 0xBF};
  if (c == 0xED) return {2, 0x80, 0x9F};
  if (c >= 0xE1 && c <= 0xEF) return {2, 0x80, 0xBF};
  if (c == 0xF0) return {3, 0x90, 0xBF};
  if (c >= 0xF1 && c <= 0xF3) return {3, 0x80, 0xBF};
  if (c == 0xF4) return {3, 0x80, 0x8F};
  return {0, 0, 0};
}

}  // namespace

// --- input --------------------------------------------------------------------------------

json_tokenizer::json_tokenizer(std::string_view text, const read_limits& limits)
    : begin_(text.data()),
      cur_(text.data()),
      end_(text.data() + text.size()),
      max_string_bytes_(limits.max_string_bytes),
      max_number_chars_(limits.max_number_chars),
      token_(begin_) {}

json_tokenizer::json_tokenizer(input_file& file, const read_limits& limits, std::size_t chunk_bytes)
    : file_(&file),
      storage_(std::max<std::size_t>(chunk_bytes, 1) + padding),
      chunk_bytes_(std::max<std::size_t>(chunk_bytes, 1)),
      begin_(storage_.data()),
      cur_(begin_),
      end_(begin_),
      eof_(false),
      max_string_bytes_(limits.max_string_bytes),
      max_number_chars_(limits.max_number_chars),
      token_(begin_) {}

json_tokenizer::json_tokenizer(std::string_view text, const read_limits& limits,
                               std::size_t chunk_bytes)
    : pending_(text),
      storage_(std::max<std::size_t>(chunk_bytes, 1) + padding),
      chunk_bytes_(std::max<std::size_t>(chunk_bytes, 1)),
      begin_(storage_.data()),
      cur_(begin_),
      end_(begin_),
      eof_(false),
      max_string_bytes_(limits.max_string_bytes),
      max_number_chars_(limits.max_number_chars),
      token_(begin_) {}

json_tokenizer::~json_tokenizer() = default;

// Moves what is left from cur_ on to the start of the buffer and reads more after it.
// False, with nothing read, at the end of the input.
bool json_tokenizer::refill() {
  if (eof_) return false;
  const std::size_t keep_offset = offset_of(cur_);
  keep_last_read(keep_offset);
  const auto kept = static_cast<std::size_t>(end_ - cur_);
  if (storage_.size() - padding < kept + chunk_bytes_) {
    // A token longer than a chunk (bounded by the limits): the buffer grows to hold it.
    std::vector<char> larger(std::max(2 * (storage_.size() - padding), kept + chunk_bytes_) +
                             padding);
    std::memcpy(larger.data(), cur_, kept);
    storage_.swap(larger);
  } else if (kept > 0) {
    std::memmove(storage_.data(), cur_, kept);
  }
  begin_ = storage_.data();
  base_ = keep_offset;
  cur_ = begin_;
  char* const free_start = storage_.data() + kept;
  std::size_t got = 0;
  if (file_ != nullptr) {
    while (got < chunk_bytes_) {
      const std::size_t read = file_->read(free_start + got, chunk_bytes_ - got);
      if (read == 0) break;
      got += read;
    }
  } else {
    got = std::min(chunk_bytes_, pending_.size());
    std::memcpy(free_start, pending_.data(), got);
    pending_.remove_prefix(got);
  }
  end_ = free_start + got;
  if (got == 0) eof_ = true;
  return got > 0;
}

// Before a refill drops the bytes before `keep_offset`, keeps those that belong to the
// "last read" text (up to the string limit: it is only for a message).
void json_tokenizer::keep_last_read(std::size_t keep_offset) {
  if (last_read_start_ >= keep_offset) return;
  const std::size_t from = std::max(last_read_start_, base_);
  const std::size_t room =
      std::max<std::size_t>(max_string_bytes_, 4096) - last_read_dropped_.size();
  const std::size_t count = std::min(keep_offset - from, room);
  last_read_dropped_.append(begin_ + (from - base_), count);
}

std::string json_tokenizer::last_read() const {
  std::string bytes;
  const std::size_t from = std::max(last_read_start_, base_);
  if (last_read_start_ < base_) bytes = last_read_dropped_;
  if (stop_ > from) bytes.append(begin_ + (from - base_), stop_ - from);
  std::string text;
  text.reserve(bytes.size());
  for (const char c : bytes) {
    if (static_cast<unsigned char>(c) <= 0x1F) {
      std::array<char, 9> escaped{};
      std::snprintf(escaped.data(), escaped.size(), "<U+%.4X>",
                    static_cast<unsigned>(static_cast<unsigned char>(c)));
      text += escaped.data();
    } else {
      text += c;
    }
  }
  return text;
}

// --- positions and errors ----------------------------------------------------------------

text_position json_tokenizer::stop_position() const noexcept {
  // Newlines before the token are counted; inside it there is at most the byte it
  // stopped on.
  if (stop_on_newline_) return {stop_, line_ + 1, 1};
  return {stop_, line_, stop_ > line_start_ ? stop_ - line_start_ : 1};
}

json_token json_tokenizer::fail(const char* at, std::string message) {
  stop_at(at);
  error_ = std::move(message);
  return json_token::syntax_error;
}

json_token json_tokenizer::fail_utf8(const char* at) {
  ill_formed_utf8_ = true;
  return fail(at, "invalid string: ill-formed UTF-8 byte");
}

json_token json_tokenizer::fail_limit(std::string message) {
  error_ = std::move(message);
  return json_token::limit_error;
}

// --- tokens ------------------------------------------------------------------------------

json_token json_tokenizer::next() {
  json_token token = json_token::end_of_input;
  while (true) {
    skip_whitespace();
    token_ = cur_;
    if (scan_token(token) == scan::done) return token;
    // The token runs past the buffer: read more after it, then scan it again.
    refill();
  }
}

void json_tokenizer::skip_whitespace() {
  while (true) {
    while (cur_ < end_) {
      switch (*cur_) {
        case '\n':
          ++line_;
          line_start_ = offset_of(cur_) + 1;
          [[fallthrough]];
        case ' ':
        case '\t':
        case '\r':
          ++cur_;
          continue;
        default:
          return;
      }
    }
    if (!refill()) return;
  }
}

json_tokenizer::scan json_tokenizer::scan_token(json_token& token) {
  if (!started_) return scan_bom(token);
  if (cur_ == end_) {  // skip_whitespace() found the end of the input
    stop_at(end_);
    token = json_token::end_of_input;
    return scan::done;
  }
  switch (*cur_) {
    case '{':
      token = json_token::begin_object;
      break;
    case '}':
      token = json_token::end_object;
      break;
    case '[':
      token = json_token::begin_array;
      break;
    case ']':
      token = json_token::end_array;
      break;
    case ':':
      token = json_token::name_separator;
      break;
    case ',':
      token = json_token::value_separator;
      break;
    case '"':
      return scan_string(token);
    case 't':
      return scan_literal(token, "true", json_token::literal_true);
    case 'f':
      return scan_literal(token, "false", json_token::literal_false);
    case 'n':
      return scan_literal(token, "null", json_token::literal_null);
    case '-':
    case '0':
    case '1':
    case '2':
    case '3':
    case '4':
    case '5':
    case '6':
    case '7':
    case '8':
    case '9':
      return scan_number(token);
    default:
      // nlohmann takes a NUL byte here for the end of the input and ignores what follows;
      // it is refused like any other stray byte.
      token = fail(cur_, "invalid literal");
      return scan::done;
  }
  stop_at(cur_);
  ++cur_;
  return scan::done;
}

// The input may start with a UTF-8 byte order mark, which is skipped (only as its very
// first bytes: after whitespace it is a stray byte).
json_tokenizer::scan json_tokenizer::scan_bom(json_token& token) {
  constexpr std::array<unsigned char, 3> bom = {0xEF, 0xBB, 0xBF};
  if (offset_of(cur_) == 0 && cur_ != end_ && static_cast<unsigned char>(*cur_) == bom[0]) {
    for (std::size_t i = 1; i < bom.size(); ++i) {
      const char* byte = cur_ + i;
      if (byte == end_ && !eof_) return scan::need_more;
      if (byte == end_ || static_cast<unsigned char>(*byte) != bom[i]) {
        token = fail(byte, "invalid BOM; must be 0xEF 0xBB 0xBF if given");
        return scan::done;
      }
    }
    cur_ += bom.size();
  }
  started_ = true;
  skip_whitespace();
  token_ = cur_;
  return scan_token(token);
}

json_tokenizer::scan json_tokenizer::scan_literal(json_token& token, std::string_view literal,
                                                  json_token kind) {
  for (std::size_t i = 1; i < literal.size(); ++i) {
    const char* byte = cur_ + i;
    if (byte == end_) {
      if (!eof_) return scan::need_more;
      token = fail(byte, "invalid literal");
      return scan::done;
    }
    if (i >= max_number_chars_ && is_bare(static_cast<unsigned char>(*byte))) {
      token = fail_limit("a number or literal longer than " + std::to_string(max_number_chars_) +
                         " characters (the limit max_number_chars)");
      return scan::done;
    }
    if (*byte != literal[i]) {
      token = fail(byte, "invalid literal");
      return scan::done;
    }
  }
  stop_at(cur_ + literal.size() - 1);
  cur_ += literal.size();
  token = kind;
  return scan::done;
}

json_tokenizer::scan json_tokenizer::scan_number(json_token& token) {
  const char* const start = cur_;
  last_read_start_ = offset_of(start);
  last_read_dropped_.clear();
  // The byte at `p`, or one of the sentinels.
  const auto at = [&](const char* p) -> int {
    if (p == end_) return eof_ ? end_of_input : need_more;
    const int c = static_cast<unsigned char>(*p);
    if (static_cast<std::size_t>(p - start) >= max_number_chars_ && is_bare(c)) return past_limit;
    return c;
  };
  enum class state : std::uint8_t {
    minus,
    zero,
    digits,
    fraction_first,
    fraction,
    exponent,
    sign,
    exponent_digits
  };
  const char* p = start;
  bool negative = false;
  bool is_float = false;
  state now = state::digits;
  if (*p == '-') {
    negative = true;
    now = state::minus;
  } else if (*p == '0') {
    now = state::zero;
  }
  ++p;
  const char* message = nullptr;  // why the number is not one
  bool ended = false;
  while (!ended && message == nullptr) {
    const int c = at(p);
    if (c == need_more) return scan::need_more;
    if (c == past_limit) {
      token = fail_limit("a number or literal longer than " + std::to_string(max_number_chars_) +
                         " characters (the limit max_number_chars)");
      return scan::done;
    }
    switch (now) {
      case state::minus:
        if (c == '0') {
          now = state::zero;
        } else if (is_digit(c)) {
          now = state::digits;
        } else {
          message = "invalid number; expected digit after '-'";
        }
        break;
      case state::zero:
      case state::digits:
      case state::fraction:
        if (is_digit(c) && now != state::zero) {
          break;
        } else if (c == '.' && now != state::fraction) {
          now = state::fraction_first;
        } else if (c == 'e' || c == 'E') {
          now = state::exponent;
        } else {
          ended = true;
        }
        break;
      case state::fraction_first:
        is_float = true;
        if (is_digit(c)) {
          now = state::fraction;
        } else {
          message = "invalid number; expected digit after '.'";
        }
        break;
      case state::exponent:
        is_float = true;
        if (c == '+' || c == '-') {
          now = state::sign;
        } else if (is_digit(c)) {
          now = state::exponent_digits;
        } else {
          message = "invalid number; expected '+', '-', or digit after exponent";
        }
        break;
      case state::sign:
        if (is_digit(c)) {
          now = state::exponent_digits;
        } else {
          message = "invalid number; expected digit after exponent sign";
        }
        break;
      case state::exponent_digits:
        ended = !is_digit(c);
        break;
    }
    if (!ended && message == nullptr) ++p;
  }
  if (message != nullptr) {
    token = fail(p, message);
    return scan::done;
  }
  number_ = std::string_view(start, static_cast<std::size_t>(p - start));
  stop_at(p);  // nlohmann read the byte after the number to know it had ended
  cur_ = p;
  classify_number(negative, is_float, token);
  return scan::done;
}

// Unsigned when it fits 64 bits, integer when negative and it fits, else float: as
// nlohmann's strtoull / strtoll attempts.
void json_tokenizer::classify_number(bool negative, bool is_float, json_token& token) {
  token = json_token::number_float;
  if (is_float) return;
  std::string_view digits = number_;
  if (negative) digits.remove_prefix(1);
  std::uint64_t value = 0;
  for (const char d : digits) {
    const auto digit = static_cast<std::uint64_t>(d - '0');
    if (value > (std::numeric_limits<std::uint64_t>::max() - digit) / 10) return;
    value = value * 10 + digit;
  }
  if (!negative) {
    unsigned_ = value;
    token = json_token::number_unsigned;
    return;
  }
  constexpr auto min_magnitude = std::uint64_t{1} << 63;
  if (value > min_magnitude) return;
  integer_ = value == min_magnitude ? std::numeric_limits<std::int64_t>::min()
                                    : -static_cast<std::int64_t>(value);
  token = json_token::number_integer;
}

bool json_tokenizer::float_overflows() const {
  // The decimal exponent of the leading digit decides but near the largest double.
  std::string_view text = number_;
  if (!text.empty() && text.front() == '-') text.remove_prefix(1);
  const std::size_t e = text.find_first_of("eE");
  const std::string_view mantissa = text.substr(0, e);
  std::int64_t magnitude = 0;  // digits before the point, or minus the zeros after it
  const std::size_t point = mantissa.find('.');
  const std::string_view whole = mantissa.substr(0, point);
  const std::size_t first = whole.find_first_not_of('0');
  if (first != std::string_view::npos) {
    magnitude = static_cast<std::int64_t>(whole.size() - first);
  } else if (point != std::string_view::npos) {
    const std::string_view fraction = mantissa.substr(point + 1);
    const std::size_t nonzero = fraction.find_first_not_of('0');
    if (nonzero == std::string_view::npos) return false;  // zero
    magnitude = -static_cast<std::int64_t>(nonzero);
  } else {
    return false;  // zero
  }
  if (e != std::string_view::npos) {
    std::string_view exponent = text.substr(e + 1);
    bool below = false;
    if (!exponent.empty() && (exponent.front() == '+' || exponent.front() == '-')) {
      below = exponent.front() == '-';
      exponent.remove_prefix(1);
    }
    std::int64_t value = 0;
    for (const char d : exponent) {
      value = std::min<std::int64_t>(value * 10 + (d - '0'), std::int64_t{1} << 40);
    }
    magnitude += below ? -value : value;
  }
  if (magnitude < 309) return false;  // below 1e308
  if (magnitude > 309) return true;   // 1e309 and above
  double parsed = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), parsed);
  static_cast<void>(end);
  return error == std::errc::result_out_of_range;
}

json_tokenizer::scan json_tokenizer::scan_string(json_token& token) {
  const char* const content = cur_ + 1;
  last_read_start_ = offset_of(cur_);
  last_read_dropped_.clear();
  has_nul_ = false;
  bool copying = false;
  const char* run = content;  // the start of what is not yet copied into scratch_
  // The first byte the string may not hold, or end_ when the buffer ends before it.
  const char* const limit = static_cast<std::size_t>(end_ - content) > max_string_bytes_
                                ? content + max_string_bytes_
                                : end_;
  // The byte at `p` of an escape or character, or one of the sentinels.
  const auto at = [&](const char* p) -> int {
    if (p == end_) return eof_ ? end_of_input : need_more;
    if (p == limit) return past_limit;
    return static_cast<unsigned char>(*p);
  };
  const auto refuse_long = [&] {
    token = fail_limit("a string longer than " + std::to_string(max_string_bytes_) +
                       " bytes (the limit max_string_bytes)");
    return scan::done;
  };
  const char* p = content;
  while (true) {
    p = skip_plain(p, limit);
    if (p == end_) {
      if (!eof_) return scan::need_more;
      token = fail(p, "invalid string: missing closing quote");
      return scan::done;
    }
    const auto c = static_cast<unsigned char>(*p);
    if (c == '"') break;  // allowed even at the limit: the string itself is not too long
    if (p == limit) return refuse_long();
    if (c == '\\') {
      if (!copying) {
        copying = true;
        scratch_.clear();
      }
      scratch_.append(run, p);
      int e = at(p + 1);
      if (e == need_more) return scan::need_more;
      if (e == past_limit) return refuse_long();
      const char* after = p + 2;
      switch (e) {
        case '"':
        case '\\':
        case '/':
          scratch_ += static_cast<char>(e);
          break;
        case 'b':
          scratch_ += '\b';
          break;
        case 'f':
          scratch_ += '\f';
          break;
        case 'n':
          scratch_ += '\n';
          break;
        case 'r':
          scratch_ += '\r';
          break;
        case 't':
          scratch_ += '\t';
          break;
        case 'u': {
          // Four hex digits at `q`, or -1 having stopped on the first byte that is not one.
          int status = 0;
          const auto code_at = [&](const char* q) -> int {
            int code = 0;
            for (int i = 0; i < 4; ++i) {
              const int h = at(q + i);
              if (h == need_more || h == past_limit) {
                status = h;
                return -1;
              }
              const int value = hex_value(h);
              if (value < 0) {
                fail(q + i, "invalid string: '\\u' must be followed by 4 hex digits");
                return -1;
              }
              code = code * 16 + value;
            }
            return code;
          };
          const int high = code_at(p + 2);
          if (status == need_more) return scan::need_more;
          if (status == past_limit) return refuse_long();
          if (high < 0) {
            token = json_token::syntax_error;
            return scan::done;
          }
          std::uint32_t code = static_cast<std::uint32_t>(high);
          after = p + 6;
          if (high >= 0xD800 && high <= 0xDBFF) {
            constexpr const char* unpaired =
                "invalid string: surrogate U+D800..U+DBFF must be followed by U+DC00..U+DFFF";
            for (const char expected : {'\\', 'u'}) {
              const int b = at(after);
              if (b == need_more) return scan::need_more;
              if (b == past_limit) return refuse_long();
              if (b != expected) {
                token = fail(after, unpaired);
                return scan::done;
              }
              ++after;
            }
            const int low = code_at(after);
            if (status == need_more) return scan::need_more;
            if (status == past_limit) return refuse_long();
            if (low < 0) {
              token = json_token::syntax_error;
              return scan::done;
            }
            if (low < 0xDC00 || low > 0xDFFF) {
              token = fail(after + 3, unpaired);
              return scan::done;
            }
            code = ((code - 0xD800) << 10) + (static_cast<std::uint32_t>(low) - 0xDC00) + 0x10000;
            after += 4;
          } else if (high >= 0xDC00 && high <= 0xDFFF) {
            token = fail(after - 1,
                         "invalid string: surrogate U+DC00..U+DFFF must follow U+D800..U+DBFF");
            return scan::done;
          }
          if (code == 0) has_nul_ = true;
          append_utf8(scratch_, code);
          break;
        }
        default:
          token = fail(p + 1, "invalid string: forbidden character after backslash");
          return scan::done;
      }
      p = after;
      run = p;
      continue;
    }
    if (c < 0x20) {
      token = fail(p, control_message(c));
      return scan::done;
    }
    if (const char* const after = skip_common_utf8(p, limit); after != p) {
      p = after;
      continue;
    }
    // A multi-byte character, checked as nlohmann checks it: the first byte out of range
    // is where it stops.
    const utf8_lead lead = lead_of(c);
    if (lead.count == 0) {
      token = fail_utf8(p);
      return scan::done;
    }
    for (unsigned i = 1; i <= lead.count; ++i) {
      const int b = at(p + i);
      if (b == need_more) return scan::need_more;
      if (b == past_limit) return refuse_long();
      const int low = i == 1 ? lead.low : 0x80;
      const int high = i == 1 ? lead.high : 0xBF;
      if (b < low || b > high) {  // the end of the input too
        token = fail_utf8(p + i);
        return scan::done;
      }
    }
    p += lead.count + 1;
  }
  if (copying) {
    scratch_.append(run, p);
    string_ = scratch_;
  } else {
    string_ = std::string_view(content, static_cast<std::size_t>(p - content));
  }
  stop_at(p);
  cur_ = p + 1;
  token = json_token::string;
  return scan::done;
}

// --- the parser's messages ----------------------------------------------------------------

std::string_view json_token_name(json_token token) noexcept {
  switch (token) {
    case json_token::begin_object:
      return "'{'";
    case json_token::end_object:
      return "'}'";
    case json_token::begin_array:
      return "'['";
    case json_token::end_array:
      return "']'";
    case json_token::name_separator:
      return "':'";
    case json_token::value_separator:
      return "','";
    case json_token::literal_true:
      return "true literal";
    case json_token::literal_false:
      return "false literal";
    case json_token::literal_null:
      return "null literal";
    case json_token::string:
      return "string literal";
    case json_token::number_unsigned:
    case json_token::number_integer:
    case json_token::number_float:
      return "number literal";
    case json_token::end_of_input:
      return "end of input";
    case json_token::syntax_error:
    case json_token::limit_error:
      break;
  }
  return "<parse error>";
}

json_error json_syntax_error(const json_tokenizer& input, json_token last,
                             std::string_view expected, std::string_view context) {
  std::string message = "syntax error while parsing " + std::string(context) + " - ";
  if (last == json_token::syntax_error) {
    message += input.error_message() + "; last read: '" + input.last_read() + "'";
  } else {
    message += "unexpected " + std::string(json_token_name(last));
  }
  if (!expected.empty()) message += "; expected " + std::string(expected);
  const bool utf8 = last == json_token::syntax_error && input.ill_formed_utf8();
  return {utf8 ? json_error::kind::utf8 : json_error::kind::syntax, std::move(message),
          input.stop_position()};
}

json_error json_limit_error(const json_tokenizer& input) {
  return {json_error::kind::limit, input.error_message(), input.token_start()};
}

}  // namespace caseledger::detail
