// Excel 97–2003 workbooks (.xls, BIFF), read through libfreexl into the rows the
// workbook ledger reads: the same rules and messages as .xlsx, positions as
// book.xls[sheet]:row:column.
#include <array>
#include <charconv>
#include <cstdint>
#include <memory>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include <freexl.h>

#include "caseledger/core/error.hpp"
#include "caseledger/io/xlsx_ledger.hpp"
#include "core/input_file.hpp"
#include "io/table/field_conversion.hpp"
#include "io/table/workbook_ledger.hpp"

namespace caseledger {
namespace {

[[noreturn]] void refuse(const std::string& shown, const std::string& reason) {
  problem found;
  found.file = shown;
  found.reason = reason;
  throw ledger_error({std::move(found)});
}

// A double as Excel shows it: its shortest round-trip text, rounded to 15 digits.
std::string shown_number(double value) {
  std::array<char, 32> text{};
  const auto written = std::to_chars(text.data(), text.data() + text.size(), value);
  return detail::number_as_shown(
      std::string_view(text.data(), static_cast<std::size_t>(written.ptr - text.data())));
}

// The rows of the active sheet, one at a time (freexl holds the sheet's cells; a row is
// built only when asked for).
class xls_rows final : public detail::row_source {
 public:
  xls_rows(const void* handle, std::string shown, std::uint32_t rows, std::uint16_t columns)
      : handle_(handle), shown_(std::move(shown)), rows_(rows), columns_(columns) {}

  bool next(detail::table_row& row) override {
    row.clear();
    if (next_row_ >= rows_) return false;
    const std::uint32_t r = next_row_++;
    for (std::uint16_t c = 0; c < columns_; ++c) {
      FreeXL_CellValue value{};
      if (freexl_get_cell_value(handle_, r, c, &value) != FREEXL_OK) {
        refuse(shown_, "cannot read the cell in row " + std::to_string(r + 1) + ", column " +
                           std::to_string(c + 1) + " (the workbook is damaged)");
      }
      detail::table_cell& cell = row.emplace_back();
      cell.line = r + 1;
      cell.column = static_cast<std::uint32_t>(c) + 1;
      cell.text = text_of(value);
    }
    return true;
  }

 private:
  static std::string text_of(const FreeXL_CellValue& value) {
    switch (value.type) {
      case FREEXL_CELL_INT:
        return std::to_string(value.value.int_value);
      case FREEXL_CELL_DOUBLE:
        return shown_number(value.value.double_value);
      case FREEXL_CELL_TEXT:
      case FREEXL_CELL_SST_TEXT:
      case FREEXL_CELL_TIME:
        return value.value.text_value != nullptr ? value.value.text_value : "";
      case FREEXL_CELL_DATE:
      case FREEXL_CELL_DATETIME:  // "YYYY-MM-DD HH:MM:SS": the day is what a ledger keeps
        return value.value.text_value != nullptr ? std::string(value.value.text_value, 10) : "";
      default:
        return {};
    }
  }

  const void* handle_;
  std::string shown_;
  std::uint32_t rows_;
  std::uint16_t columns_;
  std::uint32_t next_row_ = 0;
};

// An open .xls file. freexl reads the file by its path, so the path is opened first as an
// `input_file` and checked unchanged at the end: a file swapped in between is refused.
class xls_book final : public detail::sheet_book {
 public:
  xls_book(const std::filesystem::path& path, std::string shown, const read_limits& limits)
      : file_(path), shown_(std::move(shown)), limits_(limits) {
    std::error_code ignored;
    const auto size = std::filesystem::file_size(path, ignored);
    // freexl holds the whole workbook in memory: a file past the part limit is refused
    // before it is read.
    if (!ignored && size > limits_.max_part_bytes) {
      refuse(shown_, "the workbook is " + std::to_string(size) +
                         " bytes, more than the limit max_part_bytes (" +
                         std::to_string(limits_.max_part_bytes) + ")");
    }
    const int opened = freexl_open(path.c_str(), &handle_);
    if (opened != FREEXL_OK) {
      if (handle_ != nullptr) freexl_close(handle_);
      handle_ = nullptr;
      if (opened == FREEXL_FILE_NOT_FOUND) {
        throw file_error(path, "open", std::make_error_code(std::errc::no_such_file_or_directory));
      }
      refuse(shown_, "not an Excel 97-2003 workbook, or a damaged one (libfreexl error " +
                         std::to_string(opened) + ")");
    }
    unsigned int count = 0;
    if (freexl_get_info(handle_, FREEXL_BIFF_SHEET_COUNT, &count) != FREEXL_OK) count = 0;
    for (unsigned short i = 0; i < count; ++i) {
      const char* name = nullptr;
      if (freexl_get_worksheet_name(handle_, i, &name) != FREEXL_OK || name == nullptr) {
        refuse(shown_, "cannot read the name of sheet " + std::to_string(i + 1));
      }
      names_.emplace_back(name);
    }
  }
  ~xls_book() override {
    if (handle_ != nullptr) freexl_close(handle_);
  }
  xls_book(const xls_book&) = delete;
  xls_book& operator=(const xls_book&) = delete;

  const std::vector<std::string>& sheet_names() const noexcept override { return names_; }

  std::unique_ptr<detail::row_source> open_sheet(std::size_t index) override {
    const std::string shown = shown_ + "[" + names_.at(index) + "]";
    unsigned int rows = 0;
    unsigned short columns = 0;
    if (freexl_select_active_worksheet(handle_, static_cast<unsigned short>(index)) !=
            FREEXL_OK ||
        freexl_worksheet_dimensions(handle_, &rows, &columns) != FREEXL_OK) {
      refuse(shown, "cannot open the sheet (the workbook is damaged)");
    }
    if (columns > limits_.max_fields) {
      refuse(shown, "the sheet has " + std::to_string(columns) +
                        " columns, beyond the limit max_fields (" +
                        std::to_string(limits_.max_fields) + " cells in one row)");
    }
    return std::make_unique<xls_rows>(handle_, shown, rows, columns);
  }

  void check_unchanged() const override { file_.check_unchanged(); }

 private:
  detail::input_file file_;
  std::string shown_;
  read_limits limits_;
  const void* handle_ = nullptr;
  std::vector<std::string> names_;
};

}  // namespace

ledger read_xls_ledger(const std::filesystem::path& path, const xlsx_ledger_options& options) {
  const std::string source = path.string();
  xls_book workbook(path, source, options.common.limits);
  return detail::read_workbook_ledger(workbook, source, options);
}

}  // namespace caseledger
