// What an office's own sheet has around its table: a title and 填报 lines above the
// header, a header of two rows under merged group cells, 合计 and 小计 rows among the
// records, notes and signature lines under them. None of it is a record; the flat sheet
// reads past it (noting what it skipped) and checks the totals against the rows.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <vector>

#include "caseledger/core/money.hpp"
#include "io/table/ledger_tables.hpp"
#include "io/table/table_reading.hpp"

namespace caseledger::detail {

/// How many rows above the header a sheet may have (titles, 填报 lines, blank rows).
inline constexpr std::size_t header_search_rows = 20;

/// A sheet's rows after its header: the rows read ahead while looking for the header,
/// then the rest of the sheet.
class rows_after_header final : public row_source {
 public:
  rows_after_header(std::deque<table_row> ahead, row_source& rest)
      : ahead_(std::move(ahead)), rest_(rest) {}

  bool next(table_row& row) override {
    if (ahead_.empty()) return rest_.next(row);
    row = std::move(ahead_.front());
    ahead_.pop_front();
    return true;
  }
  std::uint32_t declared_last_row() const override { return rest_.declared_last_row(); }

 private:
  std::deque<table_row> ahead_;
  row_source& rest_;
};

/// The header of a sheet and the rows read past it.
struct found_header {
  table_row header;  ///< one row, or two joined (the lower row's labels under merged cells)
  std::deque<table_row> ahead;
};

/// Finds the header among the first `header_search_rows` rows: the row (or pair of rows)
/// naming the most fields of `table`. Rows above it are noted as skipped. With no row
/// naming two fields, the first row is the header, so that the usual problems (unknown
/// columns, missing ones) are reported against it. nullopt for a sheet with no rows.
std::optional<found_header> find_header(const table_context& context, const table_spec& table,
                                        const std::string& file, row_source& rows);

/// The first non-blank cell of `row`, cut to a short quote for a note.
std::string first_text(const table_row& row);

/// What a row under the header is.
enum class row_role : std::uint8_t {
  record,    ///< a record (or a blank row)
  total,     ///< 合计, 总计, 共计: the sums of every record above
  subtotal,  ///< 小计: the sums of the records since the last subtotal
  note       ///< 备注：…, 说明：…, 注：…, 填表人：…: the table has ended
};

/// The role of `row` by its first cells (spaces inside them ignored: "合　计").
row_role role_of(const table_row& row);

/// The amount and count columns' sums, checked against the sheet's 合计 and 小计 rows. A
/// figure that differs is noted (the office's arithmetic may be wrong, which is worth
/// telling it), never refused.
class total_check {
 public:
  total_check(const table_context& context, const table_spec& table, const std::string& file,
              const std::vector<column_plan>& plan);

  /// Adds a record's value of `field` (an amount or a count column) to the sums.
  void add(std::size_t field, const cell_value& value);

  /// Compares a total (or subtotal) row's figures with the sums, noting every difference;
  /// a subtotal starts the next group's sums.
  void check(const table_row& row, row_role role);

 private:
  struct sums {
    std::vector<money> amounts;
    std::vector<std::int64_t> counts;
    bool overflowed = false;
  };

  const table_context& context_;
  const table_spec& table_;
  const std::string& file_;
  const std::vector<column_plan>& plan_;
  sums all_;
  sums group_;
};

}  // namespace caseledger::detail
