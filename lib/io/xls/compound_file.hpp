// The Compound File Binary format (MS-CFB) that an .xls workbook is stored in: a small FAT
// file system inside one file. Only reading one stream by name, strictly: every sector
// index is checked against the file, every chain walk is bounded (a loop is refused), and a
// stream must have the sectors its size claims.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace caseledger::detail {

/// A compound file held in memory (`bytes` must outlive it). Problems name it `shown`.
class compound_file {
 public:
  /// Checks the header and reads the allocation tables and the directory. Throws
  /// `ledger_error` when `bytes` is not a compound file or a damaged one.
  compound_file(std::string_view bytes, std::string shown);

  /// The content of the stream called `name` (ASCII, compared without case) among the
  /// root storage's children; nullopt when there is none. A stream larger than
  /// `max_bytes` is refused (`ledger_error`), before it is read.
  std::optional<std::string> stream(std::string_view name, std::uint64_t max_bytes) const;

 private:
  struct entry {
    std::u16string name;
    std::uint8_t type = 0;  // 1 storage, 2 stream, 5 root
    std::uint32_t left = 0;
    std::uint32_t right = 0;
    std::uint32_t child = 0;
    std::uint32_t start = 0;
    std::uint64_t size = 0;
  };

  [[noreturn]] void refuse(const std::string& reason) const;
  std::string_view sector(std::uint32_t index) const;
  std::vector<std::uint32_t> chain(std::uint32_t start, const std::vector<std::uint32_t>& table,
                                   std::uint64_t sectors, const char* what) const;
  std::string read_chain(std::uint32_t start, std::uint64_t size, const char* what) const;
  std::vector<std::uint32_t> read_table(const std::vector<std::uint32_t>& sectors) const;
  std::vector<std::uint32_t> root_streams() const;

  std::string_view bytes_;
  std::string shown_;
  std::uint32_t sector_size_ = 512;
  std::uint64_t sector_count_ = 0;  // whole or partial sectors after the header
  std::uint32_t mini_cutoff_ = 4096;
  std::vector<std::uint32_t> fat_;
  std::vector<std::uint32_t> mini_fat_;
  std::vector<entry> entries_;
  std::string mini_stream_;
};

}  // namespace caseledger::detail
