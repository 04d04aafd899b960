// Excel 97-2003 workbooks (.xls): the compound file read whole within max_part_bytes, its
// Workbook stream (BIFF8) read by our own strict reader, each sheet's cells handed to the
// workbook ledger as rows of text cells: the same rules and messages as .xlsx, positions
// as book.xls[sheet]:row:column.
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "caseledger/io/xlsx_ledger.hpp"
#include "core/input_file.hpp"
#include "io/refuse.hpp"
#include "io/table/workbook_ledger.hpp"
#include "io/xls/biff_records.hpp"
#include "io/xls/compound_file.hpp"
#include "io/xls/workbook_stream.hpp"

namespace caseledger {
namespace {

// The Workbook stream of the compound file `file` holds; the file's bytes are let go once
// it is found.
std::string workbook_stream(detail::input_file& file, const std::string& shown,
                            const read_limits& limits) {
  std::string bytes;
  char buffer[1 << 16];
  while (const std::size_t got = file.read(buffer, sizeof buffer)) {
    if (bytes.size() + got > limits.max_part_bytes) {
      detail::refuse(shown, "the workbook is more than " + std::to_string(limits.max_part_bytes) +
                                " bytes, the limit max_part_bytes");
    }
    bytes.append(buffer, got);
  }
  const detail::compound_file compound(bytes, shown);
  if (auto stream = compound.stream("Workbook", limits.max_part_bytes)) return std::move(*stream);
  if (compound.stream("Book", limits.max_part_bytes)) {
    detail::refuse(shown, "saved in an Excel 5/95 format; save it as .xls (97-2003) or .xlsx");
  }
  detail::refuse(shown,
                 "not an Excel workbook: the compound file has no Workbook stream (another "
                 "Office document named .xls?)");
}

// A sheet's cells, sorted, handed out a row at a time; the columns a row skips are empty
// cells, as the xlsx reader gives them.
class xls_rows final : public detail::row_source {
 public:
  xls_rows(const detail::biff_workbook& book, std::vector<detail::xls_cell> cells)
      : book_(book), cells_(std::move(cells)) {}

  bool next(detail::table_row& row) override {
    row.clear();
    if (next_ >= cells_.size()) return false;
    const std::uint32_t number = cells_[next_].row;
    for (; next_ < cells_.size() && cells_[next_].row == number; ++next_) {
      const detail::xls_cell& cell = cells_[next_];
      while (row.size() <= cell.column) {
        detail::table_cell& gap = row.emplace_back();
        gap.line = number + 1;
        gap.column = static_cast<std::uint32_t>(row.size());
      }
      row.back().text = book_.text_of(cell);
    }
    return true;
  }

 private:
  const detail::biff_workbook& book_;
  std::vector<detail::xls_cell> cells_;
  std::size_t next_ = 0;
};

class xls_book final : public detail::sheet_book {
 public:
  xls_book(const std::filesystem::path& path, std::string shown, const read_limits& limits)
      : file_(path),
        shown_(std::move(shown)),
        stream_(workbook_stream(file_, shown_, limits)),
        workbook_(stream_, shown_, limits) {}

  const std::vector<std::string>& sheet_names() const noexcept override {
    return workbook_.sheet_names();
  }

  std::unique_ptr<detail::row_source> open_sheet(std::size_t index) override {
    const std::string shown = shown_ + "[" + workbook_.sheet_names().at(index) + "]";
    return std::make_unique<xls_rows>(workbook_, workbook_.sheet_cells(index, shown));
  }

  void check_unchanged() const override { file_.check_unchanged(); }

 private:
  detail::input_file file_;
  std::string shown_;
  std::string stream_;
  detail::biff_workbook workbook_;
};

}  // namespace

std::unique_ptr<detail::sheet_book> detail::open_xls_book(const std::filesystem::path& path,
                                                          const std::string& shown,
                                                          const read_limits& limits) {
  return std::make_unique<xls_book>(path, shown, limits);
}

ledger read_xls_ledger(const std::filesystem::path& path, const xlsx_ledger_options& options) {
  const std::string source = path.string();
  return detail::read_workbook_ledger(*detail::open_xls_book(path, source, options.common.limits),
                                      source, options);
}

}  // namespace caseledger
