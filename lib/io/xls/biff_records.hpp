// The records of a BIFF8 workbook stream (MS-XLS 2.1.4): a u16 type, a u16 length, the
// data; a record too long for one is carried on in CONTINUE records. What the workbook
// reader needs to walk them and to read their strings, which are UTF-16LE or "compressed"
// (one byte a character, the high byte 0) and decoded to UTF-8.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace caseledger::detail {

namespace biff {
inline constexpr std::uint16_t bof = 0x0809;
inline constexpr std::uint16_t eof = 0x000A;
inline constexpr std::uint16_t continued = 0x003C;  // CONTINUE
inline constexpr std::uint16_t filepass = 0x002F;
inline constexpr std::uint16_t datemode = 0x0022;
inline constexpr std::uint16_t format = 0x041E;
inline constexpr std::uint16_t xf = 0x00E0;
inline constexpr std::uint16_t boundsheet = 0x0085;
inline constexpr std::uint16_t sst = 0x00FC;
inline constexpr std::uint16_t labelsst = 0x00FD;
inline constexpr std::uint16_t label = 0x0204;
inline constexpr std::uint16_t number = 0x0203;
inline constexpr std::uint16_t rk = 0x027E;
inline constexpr std::uint16_t mulrk = 0x00BD;
inline constexpr std::uint16_t formula = 0x0006;
inline constexpr std::uint16_t string = 0x0207;
inline constexpr std::uint16_t boolerr = 0x0205;
inline constexpr std::uint16_t biff8_version = 0x0600;
}  // namespace biff

/// One record: its type and its data (a view into the stream).
struct biff_record {
  std::uint16_t type = 0;
  std::string_view data;
};

/// The records of a stream from an offset, one at a time.
class record_stream {
 public:
  /// `shown` names the stream's file in problems; it must outlive the reader.
  record_stream(std::string_view stream, std::size_t offset, const std::string& shown)
      : stream_(stream), offset_(offset), shown_(shown) {}

  /// The next record; false at the end of the stream. A record cut off by the end of the
  /// stream is refused (`ledger_error`).
  bool next(biff_record& record);
  /// The type of the record `next` would give; 0 at the end of the stream.
  std::uint16_t next_type() const noexcept;

 private:
  std::string_view stream_;
  std::size_t offset_;
  const std::string& shown_;
};

/// Reads the fields of one record and of the CONTINUE records after it as one run of bytes,
/// except in a string's characters: there a CONTINUE starts with a new flags byte saying
/// whether the rest of the string is compressed or UTF-16 (MS-XLS 2.5.293).
class record_cursor {
 public:
  /// `first` and the CONTINUE records that follow it in `records` (taken from it).
  record_cursor(const biff_record& first, record_stream& records, const std::string& shown);
  /// `first` alone.
  record_cursor(const biff_record& first, const std::string& shown);

  std::uint8_t u8();
  std::uint16_t u16();
  std::uint32_t u32();
  double f64();
  void skip(std::uint64_t bytes);
  bool at_end() const noexcept;

  /// An XLUnicodeString (u16 count, flags, characters), at most `max_bytes` in UTF-8.
  std::string unicode_string(std::size_t max_bytes);
  /// A ShortXLUnicodeString (u8 count, flags, characters).
  std::string short_unicode_string(std::size_t max_bytes);
  /// An XLUnicodeRichExtendedString (an SST entry): the text, its formatting runs and
  /// phonetic data skipped.
  std::string rich_extended_string(std::size_t max_bytes);

 private:
  std::string characters(std::size_t count, std::uint8_t flags, std::size_t max_bytes);
  [[noreturn]] void damaged() const;

  std::vector<std::string_view> segments_;
  std::size_t segment_ = 0;
  std::size_t offset_ = 0;
  const std::string& shown_;
};

}  // namespace caseledger::detail
