// A workbook whose sheet of cases is read twice (the streaming report's two passes over a
// flat sheet) parses the sheet once: the first read records its rows compactly, the second
// hands them out again. A sheet's XML (or BIFF records) is most of the cost of reading it,
// and several times the size of the cell texts kept here.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "io/table/ledger_tables.hpp"
#include "io/table/workbook_ledger.hpp"

namespace caseledger::detail {

/// `book`, its sheets' rows recorded as they are read: a sheet read to its end is handed
/// out again from the recording when opened again (until another sheet is read), the same
/// rows, cells, positions and declared last row. A read that stopped early (a problem, a
/// header only) records nothing. Memory: the sheet's cell texts, plus about two bytes a
/// cell.
class recorded_book final : public sheet_book {
 public:
  explicit recorded_book(std::unique_ptr<sheet_book> book);
  ~recorded_book() override;

  const std::vector<std::string>& sheet_names() const noexcept override {
    return book_->sheet_names();
  }
  std::unique_ptr<row_source> open_sheet(std::size_t index) override;
  void check_unchanged() const override { book_->check_unchanged(); }

  /// How many times a sheet was read from the book itself rather than replayed.
  std::size_t sheets_read() const noexcept { return sheets_read_; }

  /// The next sheet opened is read from the book without being recorded: it will not be
  /// read again.
  void read_next_unrecorded() noexcept { record_next_ = false; }

 private:
  class recorder;
  class replayer;

  std::unique_ptr<sheet_book> book_;
  std::optional<std::size_t> recorded_sheet_;  // set once a sheet was read to its end
  std::uint32_t declared_last_row_ = 0;
  std::size_t sheets_read_ = 0;
  bool record_next_ = true;
  std::vector<std::string> recording_;  // blocks of whole rows
};

}  // namespace caseledger::detail
