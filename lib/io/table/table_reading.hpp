// Reading a table's rows against a table's columns: what CSV and xlsx ledgers share, for
// the per-kind record tables (record_table.cpp) and the flat case sheet (flat_sheet.cpp).
// Which header names which field, how a cell becomes a field's value, and the problems of
// one row, located at its cells.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "caseledger/core/error.hpp"
#include "caseledger/model/record_schema.hpp"
#include "io/table/ledger_tables.hpp"
#include "model/builder_access.hpp"

namespace caseledger::detail {

/// How a cell is read.
enum class field_type : std::uint8_t {
  text,
  flag,
  day,
  amount,
  count,
  category,
  channel,
  status,
  measure_kind,
  mode,
  origin,
  team_kind,
  satisfaction,
  workdays  ///< a count not summed by a sheet's totals (a deadline in working days)
};

/// A column a table may have: the field's ledger name, how its cells are read, and the
/// headers that name it besides the ledger name ("|"-separated).
struct field_spec {
  std::string_view name;
  field_type type;
  std::string_view aliases;
};

/// The columns of a table of `kind`; the first `required` fields must have a column.
struct table_spec {
  record_kind kind;
  std::span<const field_spec> fields;
  std::size_t required;
  /// The first field (the id) may have no column: rows are then numbered from 1.
  bool numbered_without_id = false;
};

/// `text` in single quotes, for messages.
std::string in_quotes(std::string_view text);

/// Whether `name` is one of the "|"-separated `list`.
bool in_alias_list(std::string_view list, std::string_view name);

/// A header as written, reduced to what names the field: "*金额（万元）" is "金额" with
/// amounts in 万 (10^4 yuan).
struct header_key {
  std::string name;
  int amount_exponent = 0;
};

header_key normalize_header(std::string_view text);

/// No field: a column the table does not define.
inline constexpr std::size_t no_field = static_cast<std::size_t>(-1);

/// The field of `table` a header names (`original` as written, `header` normalised),
/// through the mapping file first, then the field names, then the aliases; `no_field`.
std::size_t field_for_header(const table_spec& table, const header_key& header,
                             std::string_view original, const field_mapping& mapping);

/// What to do with the cells of one column.
struct column_plan {
  std::size_t field = no_field;  ///< no_field: an extra (kept) or a blank-headed column
  bool extra = false;
  std::string header;  ///< as written, for problems
  int amount_exponent = 0;
};

/// Maps each header cell to a field; reports unknown, repeated and missing columns.
/// Returns nullopt when the table cannot be read (a required column is missing).
std::optional<std::vector<column_plan>> plan_columns(const table_context& context,
                                                     const table_spec& table,
                                                     const std::string& file,
                                                     const table_row& header);

/// A cell read as its field's type; only the member of that type is set.
struct cell_value {
  std::string text;
  bool flag = false;
  date day;
  money amount;
  std::int64_t count = 0;
  std::uint8_t choice = 0;  ///< an enum's index
};

/// The enum value a choice cell holds.
template <class Enum>
Enum as(const cell_value& value) {
  return static_cast<Enum>(value.choice);
}

/// Whether every cell of `row` is blank.
bool row_is_blank(const table_row& row);

/// Where the `index`-th record of a table, at `row`, stood (in the context's part).
record_origin origin_of(const table_context& context, const table_row& row, std::size_t index);

/// Reads `cell_text` (trimmed, not empty) as `spec` says; the reason when it cannot.
std::optional<std::string> convert(const field_spec& spec, std::string_view cell_text,
                                   int amount_exponent, const value_aliases& values,
                                   cell_value& out);

/// A cell naming several units ("人社局、税务局"): its items, split at 、，,;；/ and
/// trimmed, empty ones left out.
std::vector<std::string> split_list(std::string_view text);

/// `text` as a JSON string, the form extras keep their values in.
std::string json_string(std::string_view text);

/// A problem located in one table (at a sheet's cell when the context's table is a sheet).
problem table_problem(const table_context& context, const std::string& file, std::uint32_t line,
                      std::uint32_t column, std::string pointer, std::string field,
                      std::string reason);

/// Reads the cells of one row against the plan: each field's value, or the problems.
class row_fields {
 public:
  row_fields(const table_context& context, const table_spec& table, const std::string& file,
             const std::vector<column_plan>& plan)
      : context_(context), table_(table), file_(file), plan_(plan) {}

  // Reads only the cells of the fields `wanted` holds true (by field index), and no
  // extras, from now on.
  void read_only(const std::vector<bool>& wanted) { wanted_ = &wanted; }

  // Reads `row`, the `index`-th record of the table; calls `set(field, value)` for each
  // non-empty known cell and `keep(header, text)` for each extra.
  template <class Set, class Keep>
  void read(const table_row& row, std::size_t index, Set&& set, Keep&& keep) {
    failures_.clear();
    present_.assign(table_.fields.size(), false);
    refused_.assign(table_.fields.size(), false);
    index_ = index;
    for (std::size_t c = 0; c < row.size(); ++c) {
      const table_cell& cell = row[c];
      const std::string_view text = trim_cell(cell.text);
      if (text.empty()) continue;
      if (c >= plan_.size() || (plan_[c].field == no_field && !plan_[c].extra)) {
        if (c < plan_.size() && !plan_[c].header.empty()) continue;  // reported at the header
        fail(cell, "", "value " + in_quotes(text) + " in a column without a header");
        continue;
      }
      const column_plan& column = plan_[c];
      if (wanted_ != nullptr && (column.extra || !(*wanted_)[column.field])) continue;
      if (column.extra) {
        keep(column.header, json_string(text));
        continue;
      }
      const field_spec& spec = table_.fields[column.field];
      if (const auto reason =
              convert(spec, text, column.amount_exponent, context_.mapping.values, value_)) {
        fail(cell, std::string(spec.name), column_reason(column, *reason));
        refused_[column.field] = true;
        continue;
      }
      present_[column.field] = true;
      set(column.field, value_);
    }
  }

  bool present(std::size_t field) const { return present_[field]; }
  std::vector<problem>& failures() noexcept { return failures_; }

  // A problem with the row as a whole (a missing value), at its first cell.
  void fail_row(const table_row& row, std::string field, std::string reason) {
    const std::uint32_t line = row.empty() ? 0 : row.front().line;
    failures_.push_back(table_problem(context_, file_, line, row.empty() ? 0 : row.front().column,
                                      pointer(), std::move(field), std::move(reason)));
  }

  // "missing required field 'reported_on' (column '反映日期')" for each required field
  // the row leaves empty (one whose value was refused is reported already).
  void require(const table_row& row, std::size_t from, std::size_t to) {
    for (std::size_t f = from; f < to; ++f) {
      if (present_[f] || refused_[f]) continue;
      std::string header;
      for (const column_plan& column : plan_) {
        if (column.field == f) header = column.header;
      }
      const std::string_view name = table_.fields[f].name;
      fail_row(row, std::string(name),
               "missing required field " + in_quotes(name) +
                   (header.empty() || header == name ? "" : " (column " + in_quotes(header) + ")"));
    }
  }

  // Reports the row's problems against the record `kind id`, refusing it.
  void flush(std::string_view id) {
    if (!id.empty()) {
      context_.sink.refuse(names_of(table_.kind).singular, id);
    }
    for (problem& found : failures_) {
      found.record_kind = std::string(names_of(table_.kind).singular);
      found.record_id = std::string(id);
      context_.sink.report(std::move(found));
    }
    failures_.clear();
  }

 private:
  // The record's JSON pointer ("/cases/3"), made only for a problem: most rows have none.
  std::string pointer() const {
    return "/" + std::string(names_of(table_.kind).plural) + "/" + std::to_string(index_);
  }

  static std::string column_reason(const column_plan& column, const std::string& reason) {
    return "column " + in_quotes(column.header) + ": " + reason;
  }

  void fail(const table_cell& cell, std::string field, std::string reason) {
    std::string at = pointer();
    if (!field.empty()) at += "/" + field;
    failures_.push_back(table_problem(context_, file_, cell.line, cell.column, std::move(at),
                                      std::move(field), std::move(reason)));
  }

  const table_context& context_;
  const table_spec& table_;
  const std::string& file_;
  const std::vector<column_plan>& plan_;
  const std::vector<bool>* wanted_ = nullptr;  // see read_only
  cell_value value_;
  std::vector<bool> present_;
  std::vector<bool> refused_;
  std::size_t index_ = 0;  // the record's place in its table
  std::vector<problem> failures_;
};

}  // namespace caseledger::detail
