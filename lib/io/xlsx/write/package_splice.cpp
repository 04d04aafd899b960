#include "io/xlsx/write/package_splice.hpp"

#include <unzip.h>
#include <zip.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <stdexcept>
#include <string_view>
#include <system_error>

#include "caseledger/core/error.hpp"

namespace caseledger::detail {
namespace {

constexpr std::size_t copy_bytes = std::size_t{1} << 20;

[[noreturn]] void fail(const std::filesystem::path& shown, int minizip_error) {
  const int reason = minizip_error == ZIP_ERRNO && errno != 0 ? errno : EIO;
  throw file_error(shown, "write workbook", std::error_code(reason, std::generic_category()));
}

class package_reader {
 public:
  package_reader(const std::filesystem::path& path, const std::filesystem::path& shown)
      : shown_(shown), handle_(unzOpen64(path.c_str())) {
    if (handle_ == nullptr) fail(shown_, ZIP_ERRNO);
  }
  ~package_reader() { unzClose(handle_); }
  package_reader(const package_reader&) = delete;
  package_reader& operator=(const package_reader&) = delete;

  unzFile handle() const { return handle_; }
  void check(int result) const {
    if (result != UNZ_OK) fail(shown_, result);
  }

  /// The current member's data: compressed as stored (`raw`), or inflated.
  template <class Sink>
  void read(bool raw, Sink&& sink) {
    int method = 0, level = 0;
    check(unzOpenCurrentFile2(handle_, &method, &level, raw ? 1 : 0));
    std::string buffer(copy_bytes, '\0');
    for (;;) {
      const int got = unzReadCurrentFile(handle_, buffer.data(), static_cast<unsigned>(copy_bytes));
      if (got < 0) fail(shown_, got);
      if (got == 0) break;
      sink(std::string_view(buffer.data(), static_cast<std::size_t>(got)));
    }
    check(unzCloseCurrentFile(handle_));
  }

 private:
  const std::filesystem::path& shown_;
  unzFile handle_;
};

class package_writer {
 public:
  package_writer(const std::filesystem::path& path, const std::filesystem::path& shown)
      : shown_(shown), handle_(zipOpen64(path.c_str(), APPEND_STATUS_CREATE)) {
    if (handle_ == nullptr) fail(shown_, ZIP_ERRNO);
  }
  ~package_writer() {
    if (handle_ != nullptr) zipClose(handle_, nullptr);
  }
  package_writer(const package_writer&) = delete;
  package_writer& operator=(const package_writer&) = delete;

  /// Starts a member whose data comes deflated already; dates and attributes as `like`'s.
  void open(const std::string& name, const unz_file_info64& like, bool zip64) {
    zip_fileinfo info{};
    info.tmz_date.tm_sec = like.tmu_date.tm_sec;
    info.tmz_date.tm_min = like.tmu_date.tm_min;
    info.tmz_date.tm_hour = like.tmu_date.tm_hour;
    info.tmz_date.tm_mday = like.tmu_date.tm_mday;
    info.tmz_date.tm_mon = like.tmu_date.tm_mon;
    info.tmz_date.tm_year = like.tmu_date.tm_year;
    info.dosDate = like.dosDate;
    info.internal_fa = like.internal_fa;
    info.external_fa = like.external_fa;
    check(zipOpenNewFileInZip4_64(handle_, name.c_str(), &info, nullptr, 0, nullptr, 0, nullptr,
                                  static_cast<int>(like.compression_method), Z_DEFAULT_COMPRESSION,
                                  1, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY, nullptr, 0, 0, 0,
                                  zip64 ? 1 : 0));
  }
  void write(std::string_view data) {
    while (!data.empty()) {
      const std::size_t part = std::min(data.size(), copy_bytes);
      check(zipWriteInFileInZip(handle_, data.data(), static_cast<unsigned>(part)));
      data.remove_prefix(part);
    }
  }
  void close_member(std::uint64_t original, std::uint32_t crc) {
    check(zipCloseFileInZipRaw64(handle_, original, crc));
  }
  void close() {
    zipFile handle = handle_;
    handle_ = nullptr;
    check(zipClose(handle, nullptr));
  }

 private:
  void check(int result) const {
    if (result != ZIP_OK) fail(shown_, result);
  }
  const std::filesystem::path& shown_;
  zipFile handle_;
};

/// Replaces the one `<dimension ref="…"/>` by `range` and splits the XML around its empty
/// sheetData (`<sheetData/>`, or `<sheetData></sheetData>` when the filter or a column's
/// format gave libxlsxwriter dimensions): what goes before the rows and what after.
std::pair<std::string, std::string> sheet_around_rows(std::string xml, const std::string& range) {
  constexpr std::string_view dimension = "<dimension ref=\"";
  const std::size_t at = xml.find(dimension);
  if (at == std::string::npos) throw std::logic_error("splice_sheets: the sheet has no dimension");
  const std::size_t ref = at + dimension.size();
  if (!range.empty()) xml.replace(ref, xml.find('"', ref) - ref, range);
  for (const std::string_view empty_data : {"<sheetData/>", "<sheetData></sheetData>"}) {
    const std::size_t rows = xml.find(empty_data);
    if (rows == std::string::npos) continue;
    return {xml.substr(0, rows) + "<sheetData>",
            "</sheetData>" + xml.substr(rows + empty_data.size())};
  }
  throw std::logic_error("splice_sheets: the sheet has no empty sheetData to fill");
}

}  // namespace

void splice_sheets(const std::filesystem::path& from, const std::filesystem::path& to,
                   const std::filesystem::path& shown, const std::vector<spliced_sheet>& sheets) {
  package_reader in(from, shown);
  package_writer out(to, shown);
  std::size_t filled = 0;
  for (int at = unzGoToFirstFile(in.handle()); at != UNZ_END_OF_LIST_OF_FILE;
       at = unzGoToNextFile(in.handle())) {
    in.check(at);
    unz_file_info64 info{};
    char name[512];
    in.check(
        unzGetCurrentFileInfo64(in.handle(), &info, name, sizeof name, nullptr, 0, nullptr, 0));
    const auto spliced = std::find_if(sheets.begin(), sheets.end(),
                                      [&](const spliced_sheet& s) { return s.member == name; });
    if (spliced == sheets.end()) {
      out.open(name, info, info.uncompressed_size >= 0xFFFF'FFFFu);
      in.read(true, [&](std::string_view data) { out.write(data); });
      out.close_member(info.uncompressed_size, static_cast<std::uint32_t>(info.crc));
      continue;
    }
    ++filled;
    std::string xml;
    in.read(false, [&](std::string_view data) { xml.append(data); });
    const auto [before, after] = sheet_around_rows(std::move(xml), spliced->rows->dimension());
    deflated_size head, tail;
    const std::string head_data = deflate_piece(before, false, head);
    const std::string tail_data = deflate_piece(after, true, tail);
    const deflated_size& rows = spliced->size;
    const std::uint64_t original = head.original + rows.original + tail.original;
    std::uint32_t crc = head.crc;
    crc = static_cast<std::uint32_t>(
        crc32_combine(crc, rows.crc, static_cast<z_off_t>(rows.original)));
    crc = static_cast<std::uint32_t>(
        crc32_combine(crc, tail.crc, static_cast<z_off_t>(tail.original)));
    info.compression_method = Z_DEFLATED;
    out.open(name, info, original >= 0xFFFF'FFFFu);
    out.write(head_data);
    spliced->rows->data().read([&](std::string_view data) { out.write(data); });
    out.write(tail_data);
    out.close_member(original, crc);
  }
  // Rows whose sheet is missing would be lost without a word.
  if (filled != sheets.size()) throw std::logic_error("splice_sheets: a streamed sheet is missing");
  out.close();
}

}  // namespace caseledger::detail
