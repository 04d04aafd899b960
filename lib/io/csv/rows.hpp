// RFC 4180 CSV read row by row from a file in UTF-8 (with or without a byte order mark)
// or GB18030/GBK, checking every byte against the encoding.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "caseledger/io/csv_ledger.hpp"
#include "caseledger/io/read_limits.hpp"
#include "caseledger/model/ledger.hpp"
#include "core/input_file.hpp"
#include "io/table/ledger_tables.hpp"

namespace caseledger::detail {

/// The rows of one CSV file. Cells come out in UTF-8 with the line and byte column (in the
/// file as it is) where each starts. Reading is chunked: only the current row is held.
///
/// An encoding error or a broken quote stops reading: the problem goes to `sink` and
/// `ledger_error` is thrown with every problem so far.
class csv_rows final : public halving_rows {
 public:
  /// Opens `path` (`file_error` if it cannot); `shown` names it in problems. With
  /// `automatic`, a UTF-8 byte order mark or a first 64 KiB that is valid UTF-8 means
  /// UTF-8, anything else GB18030. A cell longer than `limits.max_string_bytes` or a row
  /// of more than `limits.max_fields` cells stops reading. `from`: the byte a row starts at,
  /// to read from there on (its line is then 1), in a known encoding.
  csv_rows(const std::filesystem::path& path, std::string shown, text_encoding encoding,
           record_sink& sink, const read_limits& limits = {}, std::uint64_t from = 0);
  ~csv_rows() override;
  csv_rows(const csv_rows&) = delete;
  csv_rows& operator=(const csv_rows&) = delete;

  bool next(table_row& row) override;

  /// Files of 8 MiB or more are split (tens of thousands of rows a half at least).
  std::unique_ptr<row_source> split_in_half(record_sink& sink) override;
  std::optional<std::uint32_t> line_at_split() const override;
  void read_past_split() override { split_at_ = no_split; }

  /// The encoding in use (never `automatic`).
  text_encoding encoding() const noexcept { return encoding_; }

 private:
  int next_byte();
  std::size_t ordinary_run() const;
  void check_run(const char* bytes, std::size_t size);
  bool refill();
  bool check_byte(unsigned char byte);
  [[noreturn]] void stop(std::uint32_t line, std::uint32_t column, std::string reason);
  void decode(table_row& row);
  // The file's bytes before the next row (after the line end of the row before).
  std::uint64_t offset() const;

  std::filesystem::path path_;
  std::string shown_;
  record_sink& sink_;
  input_file file_;
  read_limits limits_;
  std::vector<char> buffer_;
  std::size_t position_ = 0;
  std::size_t filled_ = 0;
  std::uint64_t buffer_start_ = 0;  // the byte of the file buffer_ starts at
  static constexpr std::uint64_t no_split = static_cast<std::uint64_t>(-1);
  std::uint64_t split_at_ = no_split;  // the second half's first byte (split_in_half)
  bool ended_at_split_ = false;        // the rows ended right where the second half starts
  text_encoding encoding_;
  std::string decoded_;  // a GB18030 cell's UTF-8, swapped into the row

  std::uint32_t line_ = 1;
  std::uint32_t column_ = 0;  // of the last byte read
  bool after_cr_ = false;
  // The encoding check: bytes still expected in the current character and the range the
  // next one must fall in.
  int pending_ = 0;
  unsigned char low_ = 0;
  unsigned char high_ = 0;
  int gb_state_ = 0;
};

}  // namespace caseledger::detail
