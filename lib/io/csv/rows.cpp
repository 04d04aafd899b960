#include "io/csv/rows.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <stdexcept>
#include <system_error>

#include "caseledger/core/error.hpp"
#include "io/csv/gb18030.hpp"

namespace caseledger::detail {
namespace {

constexpr std::size_t chunk_size = std::size_t{1} << 16;
constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";

std::string hex_byte(unsigned char byte) {
  constexpr char digits[] = "0123456789abcdef";
  return std::string("0x") + digits[byte >> 4] + digits[byte & 0xF];
}

// Whether `bytes` is valid UTF-8, a character cut off at the end allowed.
bool looks_like_utf8(std::string_view bytes) {
  std::size_t i = 0;
  while (i < bytes.size()) {
    const auto b = static_cast<unsigned char>(bytes[i]);
    int need = 0;
    unsigned char low = 0x80;
    unsigned char high = 0xBF;
    if (b < 0x80) {
      ++i;
      continue;
    }
    if (b >= 0xC2 && b <= 0xDF) {
      need = 1;
    } else if (b >= 0xE0 && b <= 0xEF) {
      need = 2;
      if (b == 0xE0) low = 0xA0;
      if (b == 0xED) high = 0x9F;
    } else if (b >= 0xF0 && b <= 0xF4) {
      need = 3;
      if (b == 0xF0) low = 0x90;
      if (b == 0xF4) high = 0x8F;
    } else {
      return false;
    }
    ++i;
    for (int k = 0; k < need; ++k, ++i) {
      if (i == bytes.size()) return true;
      const auto c = static_cast<unsigned char>(bytes[i]);
      if (c < low || c > high) return false;
      low = 0x80;
      high = 0xBF;
    }
  }
  return true;
}

// The length of the whole character at `at` (of `left` bytes) when it is one the fast path
// passes over (a two-byte GB18030 code; a two- or three-byte UTF-8 character, which holds
// every Chinese character of the BMP), else 0: the character is then checked byte by byte,
// which names a bad byte.
std::size_t whole_gb18030(const unsigned char* at, std::size_t left) {
  if (left < 2 || at[0] < 0x81 || at[0] > 0xFE) return 0;
  return at[1] >= 0x40 && at[1] <= 0xFE && at[1] != 0x7F ? 2 : 0;
}

std::size_t whole_utf8(const unsigned char* at, std::size_t left) {
  const auto continues = [](unsigned char byte, unsigned char low, unsigned char high) {
    return byte >= low && byte <= high;
  };
  if (at[0] >= 0xC2 && at[0] <= 0xDF) return left >= 2 && continues(at[1], 0x80, 0xBF) ? 2 : 0;
  if (at[0] < 0xE0 || at[0] > 0xEF || left < 3) return 0;
  // No overlong forms (E0 then A0 or above), no surrogates (ED then 9F or below).
  const unsigned char low = at[0] == 0xE0 ? 0xA0 : 0x80;
  const unsigned char high = at[0] == 0xED ? 0x9F : 0xBF;
  return continues(at[1], low, high) && continues(at[2], 0x80, 0xBF) ? 3 : 0;
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace

}  // namespace caseledger::detail

namespace caseledger {

text_encoding text_encoding_named(std::string_view name) {
  const std::string key = detail::lower(name);
  if (key == "auto") return text_encoding::automatic;
  if (key == "utf-8" || key == "utf8") return text_encoding::utf8;
  if (key == "gb18030" || key == "gbk" || key == "gb2312" || key == "cp936") {
    return text_encoding::gb18030;
  }
  throw usage_error("unknown encoding '" + std::string(name) + "' (auto, utf-8, gb18030, gbk)");
}

}  // namespace caseledger

namespace caseledger::detail {

csv_rows::csv_rows(const std::filesystem::path& path, std::string shown, text_encoding encoding,
                   record_sink& sink, const read_limits& limits, std::uint64_t from)
    : path_(path),
      shown_(std::move(shown)),
      sink_(sink),
      file_(path),
      limits_(limits),
      buffer_(chunk_size),
      buffer_start_(from),
      encoding_(encoding) {
  if (from != 0) {
    if (encoding_ == text_encoding::automatic) {
      throw std::logic_error("caseledger: a CSV file read from the middle in no known encoding");
    }
    file_.skip_to(from);
  }
  refill();
  const std::string_view start(buffer_.data(), filled_);
  const bool bom = start.starts_with(utf8_bom);
  if (encoding_ == text_encoding::automatic) {
    encoding_ = bom || looks_like_utf8(start) ? text_encoding::utf8 : text_encoding::gb18030;
  }
  if (bom && encoding_ == text_encoding::utf8 && from == 0) position_ = utf8_bom.size();
  if (encoding_ == text_encoding::gb18030) {
    try {
      prepare_gb18030_table();
    } catch (const std::system_error& e) {
      throw file_error(path, "decode GB18030 text of", e.code());
    }
  }
}

csv_rows::~csv_rows() = default;

bool csv_rows::refill() {
  buffer_start_ += filled_;
  filled_ = file_.read(buffer_.data(), buffer_.size());
  position_ = 0;
  return filled_ > 0;
}

int csv_rows::next_byte() {
  if (position_ == filled_ && !refill()) return -1;
  const auto byte = static_cast<unsigned char>(buffer_[position_++]);
  ++column_;
  return byte;
}

void csv_rows::stop(std::uint32_t line, std::uint32_t column, std::string reason) {
  problem found;
  found.file = shown_;
  found.line = line;
  found.column = column;
  found.reason = std::move(reason);
  sink_.report(std::move(found));
  throw ledger_error(sink_.problems());
}

// Checks one byte against the encoding; true when it is a whole ASCII character (the only
// bytes that can be commas, quotes or line ends).
bool csv_rows::check_byte(unsigned char byte) {
  const auto invalid = [&] {
    const bool utf8 = encoding_ == text_encoding::utf8;
    stop(line_, column_,
         std::string(utf8 ? "invalid UTF-8" : "invalid GB18030") + " byte " + hex_byte(byte) +
             (utf8 ? " (if the file is GB18030 or GBK, say so with --encoding gb18030)" : ""));
  };
  if (encoding_ == text_encoding::utf8) {
    if (pending_ > 0) {
      if (byte < low_ || byte > high_) invalid();
      --pending_;
      low_ = 0x80;
      high_ = 0xBF;
      return false;
    }
    if (byte < 0x80) return true;
    low_ = 0x80;
    high_ = 0xBF;
    if (byte >= 0xC2 && byte <= 0xDF) {
      pending_ = 1;
    } else if (byte >= 0xE0 && byte <= 0xEF) {
      pending_ = 2;
      if (byte == 0xE0) low_ = 0xA0;
      if (byte == 0xED) high_ = 0x9F;
    } else if (byte >= 0xF0 && byte <= 0xF4) {
      pending_ = 3;
      if (byte == 0xF0) low_ = 0x90;
      if (byte == 0xF4) high_ = 0x8F;
    } else {
      invalid();
    }
    return false;
  }
  // GB18030: one byte < 0x80; two bytes lead 81–FE, trail 40–7E or 80–FE; four bytes
  // 81–FE, 30–39, 81–FE, 30–39.
  switch (gb_state_) {
    case 0:
      if (byte < 0x80) return true;
      if (byte < 0x81 || byte > 0xFE) invalid();
      gb_state_ = 1;
      return false;
    case 1:
      if (byte >= 0x30 && byte <= 0x39) {
        gb_state_ = 2;
      } else if (byte >= 0x40 && byte <= 0xFE && byte != 0x7F) {
        gb_state_ = 0;
      } else {
        invalid();
      }
      return false;
    case 2:
      if (byte < 0x81 || byte > 0xFE) invalid();
      gb_state_ = 3;
      return false;
    default:
      if (byte < 0x30 || byte > 0x39) invalid();
      gb_state_ = 0;
      return false;
  }
}

// The bytes from position_ on, within the buffer, that cannot end, split or quote a cell:
// no comma, quote, line end or NUL. No byte of a multibyte character is one of these in
// UTF-8 or GB18030 (their trail bytes are 0x30 and above), so a run never splits a
// character's meaning.
std::size_t csv_rows::ordinary_run() const {
  static constexpr std::array<bool, 256> special = [] {
    std::array<bool, 256> bytes{};
    for (const char c : {',', '"', '\n', '\r', '\0'}) bytes[static_cast<unsigned char>(c)] = true;
    return bytes;
  }();
  const char* start = buffer_.data() + position_;
  const char* end = buffer_.data() + filled_;
  const char* at = start;
  while (at != end && !special[static_cast<unsigned char>(*at)]) ++at;
  return static_cast<std::size_t>(at - start);
}

// Checks the `size` bytes at `bytes`, the next of the file, as check_byte does, moving the
// column past them. The characters most cells are made of are passed over here: ASCII, and
// a character whole within the run (whole_gb18030, whole_utf8).
void csv_rows::check_run(const char* bytes, std::size_t size) {
  const std::uint32_t base = column_;
  const auto* const run = reinterpret_cast<const unsigned char*>(bytes);
  const bool gb18030 = encoding_ == text_encoding::gb18030;
  for (std::size_t i = 0; i < size;) {
    const unsigned char byte = run[i];
    if (pending_ == 0 && gb_state_ == 0) {
      if (byte < 0x80) {
        ++i;
        continue;
      }
      const std::size_t length =
          gb18030 ? whole_gb18030(run + i, size - i) : whole_utf8(run + i, size - i);
      if (length > 0) {
        i += length;
        continue;
      }
    }
    column_ = base + static_cast<std::uint32_t>(i) + 1;
    check_byte(byte);
    ++i;
  }
  column_ = base + static_cast<std::uint32_t>(size);
}

std::uint64_t csv_rows::offset() const {
  // After a CR, the LF of a CRLF is still to be read: the next row starts after it.
  const bool lf_pending = after_cr_ && position_ < filled_ && buffer_[position_] == '\n';
  return buffer_start_ + position_ + (lf_pending ? 1 : 0);
}

std::unique_ptr<row_source> csv_rows::split_in_half(record_sink& sink) {
  constexpr std::uint64_t smallest = std::uint64_t{8} << 20;
  if (!file_.is_regular() || file_.size() < smallest) return nullptr;
  // The second half starts after the first line end from the middle on (unless that is in a
  // quoted cell: line_at_split then tells).
  input_file probe(path_);
  const std::uint64_t middle = file_.size() / 2;
  probe.skip_to(middle);
  std::vector<char> bytes(chunk_size);
  const std::size_t got = probe.read(bytes.data(), bytes.size());
  const auto end = bytes.begin() + static_cast<std::ptrdiff_t>(got);
  const auto line_end = std::find(bytes.begin(), end, '\n');
  if (line_end == end) return nullptr;
  const std::uint64_t start = middle + static_cast<std::uint64_t>(line_end - bytes.begin()) + 1;
  if (start >= file_.size() || offset() >= start) return nullptr;
  auto second = std::make_unique<csv_rows>(path_, shown_, encoding_, sink, limits_, start);
  split_at_ = start;
  return second;
}

std::optional<std::uint32_t> csv_rows::line_at_split() const {
  if (!ended_at_split_) return std::nullopt;
  return line_;
}

bool csv_rows::next(table_row& row) {
  if (split_at_ != no_split) {
    const std::uint64_t at = offset();
    if (at >= split_at_) {
      ended_at_split_ = at == split_at_;
      row.clear();
      return false;
    }
  }
  // The row's cells are reused, not cleared: their texts keep the room they had, so that
  // a sheet's rows are read without allocating once its longest cells have been seen.
  std::size_t cells = 0;
  enum class state : std::uint8_t { cell_start, plain, quoted, quote_seen };
  state at = state::cell_start;
  std::uint32_t quote_line = 0;
  std::uint32_t quote_column = 0;
  bool any_byte = false;
  const auto start_cell = [&] {
    if (cells >= limits_.max_fields) {
      stop(line_, column_,
           "more than " + std::to_string(limits_.max_fields) +
               " cells in one row (the limit max_fields)");
    }
    table_cell& cell = cells < row.size() ? row[cells] : row.emplace_back();
    ++cells;
    cell.text.clear();
    cell.line = line_;
    cell.column = column_;
  };
  const auto cell = [&]() -> table_cell& { return row[cells - 1]; };
  const auto finish_row = [&] {
    row.resize(cells);
    decode(row);
  };
  // Every byte of a cell's text goes through here, so no cell outgrows the limit.
  const auto keep = [&](char c) {
    std::string& text = cell().text;
    if (text.size() >= limits_.max_string_bytes) {
      stop(cell().line, cell().column,
           "a cell longer than " + std::to_string(limits_.max_string_bytes) +
               " bytes (the limit max_string_bytes)");
    }
    text += c;
  };
  while (true) {
    if ((at == state::plain || at == state::quoted) && position_ < filled_) {
      // Most of a cell is a run of bytes that neither end nor quote it: checked and kept
      // together, not byte by byte through the states.
      const std::size_t run = ordinary_run();
      if (run > 0) {
        std::string& text = cell().text;
        if (text.size() + run > limits_.max_string_bytes) {
          stop(cell().line, cell().column,
               "a cell longer than " + std::to_string(limits_.max_string_bytes) +
                   " bytes (the limit max_string_bytes)");
        }
        const char* start = buffer_.data() + position_;
        check_run(start, run);
        text.append(start, run);
        position_ += run;
        any_byte = true;
        continue;
      }
    }
    const int got = next_byte();
    if (got < 0) {
      if (pending_ > 0 || gb_state_ != 0) {
        stop(line_, column_,
             encoding_ == text_encoding::utf8
                 ? "incomplete UTF-8 character at the end of the file"
                 : "incomplete GB18030 character at the end of the file");
      }
      if (at == state::quoted) {
        stop(quote_line, quote_column,
             "quoted cell opened here is not closed before the end of the file");
      }
      if (!any_byte) {
        row.clear();
        return false;
      }
      if (at == state::cell_start) start_cell();  // the row ended with a comma
      finish_row();
      return true;
    }
    const auto byte = static_cast<unsigned char>(got);
    const bool ascii = check_byte(byte);
    if (byte == 0) stop(line_, column_, "a NUL byte (0x00), which text never holds");
    const char c = static_cast<char>(byte);
    if (after_cr_) {
      after_cr_ = false;
      if (c == '\n' && !any_byte) {  // the LF of a CRLF that ended the previous row
        column_ = 0;
        continue;
      }
    }
    any_byte = true;
    if (ascii && c == '\n' && at != state::quoted) {
      if (at == state::cell_start) start_cell();
      ++line_;
      column_ = 0;
      finish_row();
      return true;
    }
    if (ascii && c == '\r' && at != state::quoted) {  // CRLF, or a lone CR (old Mac files)
      if (at == state::cell_start) start_cell();
      ++line_;
      column_ = 0;
      after_cr_ = true;
      finish_row();
      return true;
    }
    switch (at) {
      case state::cell_start:
        start_cell();
        if (ascii && c == ',') break;  // an empty cell; the next one starts after the comma
        if (ascii && c == '"') {
          quote_line = line_;
          quote_column = column_;
          at = state::quoted;
        } else {
          keep(c);
          at = state::plain;
        }
        break;
      case state::plain:
        if (ascii && c == ',') {
          at = state::cell_start;
        } else {
          keep(c);  // a quote inside an unquoted cell is kept as it is
        }
        break;
      case state::quoted:
        if (ascii && c == '"') {
          at = state::quote_seen;
        } else {
          keep(c);
          if (c == '\n') {
            ++line_;
            column_ = 0;
          }
        }
        break;
      case state::quote_seen:
        if (ascii && c == '"') {
          keep('"');
          at = state::quoted;
        } else if (ascii && c == ',') {
          at = state::cell_start;
        } else {
          const std::string seen = ascii ? std::string{'\'', c, '\''} : hex_byte(byte);
          stop(line_, column_,
               "unexpected " + seen +
                   " after the closing quote of a cell (a quote inside a quoted cell is "
                   "written \"\")");
        }
        break;
    }
  }
}

// GB18030 cells to UTF-8; UTF-8 cells are already checked.
void csv_rows::decode(table_row& row) {
  if (encoding_ != text_encoding::gb18030) return;
  for (table_cell& cell : row) {
    const bool plain_ascii = std::all_of(cell.text.begin(), cell.text.end(), [](char c) {
      return static_cast<unsigned char>(c) < 0x80;
    });
    if (plain_ascii) continue;
    decoded_.clear();
    const std::size_t at = append_gb18030_as_utf8(cell.text, decoded_);
    if (at != std::string_view::npos) {
      stop(cell.line, cell.column,
           "GB18030 sequence with no Unicode character at byte " + std::to_string(at + 1) +
               " of this cell");
    }
    cell.text.swap(decoded_);
  }
}

}  // namespace caseledger::detail
