#include "io/table/office_sheet.hpp"

#include <array>
#include <optional>
#include <string_view>
#include <utility>

#include "caseledger/core/error.hpp"
#include "io/table/field_conversion.hpp"

namespace caseledger::detail {
namespace {

// The fields of `table` a row's cells name, each counted once.
std::size_t fields_named(const table_context& context, const table_spec& table,
                         const table_row& row) {
  std::vector<bool> named(table.fields.size(), false);
  std::size_t count = 0;
  for (const table_cell& cell : row) {
    if (trim_cell(cell.text).empty()) continue;
    const std::size_t field =
        field_for_header(table, normalize_header(cell.text), cell.text, context.mapping);
    if (field != no_field && !named[field]) {
      named[field] = true;
      ++count;
    }
  }
  return count;
}

// A header of two rows: each column's label is the lower row's where it has one (a
// merged group cell such as 帮扶情况 above 补助金额 holds its text only in its first
// column), else the upper row's (a cell merged down over both rows).
table_row joined_header(const table_context& context, const table_spec& table,
                        const table_row& upper, const table_row& lower) {
  table_row joined;
  const std::size_t width = std::max(upper.size(), lower.size());
  for (std::size_t c = 0; c < width; ++c) {
    const table_cell* top = c < upper.size() ? &upper[c] : nullptr;
    const table_cell* below = c < lower.size() ? &lower[c] : nullptr;
    const bool below_given = below != nullptr && !trim_cell(below->text).empty();
    if (!below_given) {
      joined.push_back(top != nullptr ? *top : *below);
      continue;
    }
    const bool below_known = field_for_header(table, normalize_header(below->text), below->text,
                                              context.mapping) != no_field;
    const bool top_given = top != nullptr && !trim_cell(top->text).empty();
    table_cell cell = *below;
    // An unknown lower label under a group keeps the group's name in front: 帮扶情况补助.
    if (!below_known && top_given) cell.text = std::string(trim_cell(top->text)) + cell.text;
    joined.push_back(std::move(cell));
  }
  return joined;
}

// A figure as the column shows it: yuan, or 万元 when its header says so.
std::string in_column_unit(money amount, int amount_exponent) {
  if (amount_exponent != 4) return amount.to_string() + " 元";
  const std::int64_t fen = amount.fen();
  const std::uint64_t magnitude =
      fen < 0 ? static_cast<std::uint64_t>(-(fen + 1)) + 1 : static_cast<std::uint64_t>(fen);
  std::string shown = (fen < 0 ? "-" : "") + std::to_string(magnitude / 1'000'000);
  std::string fraction = std::to_string(1'000'000 + magnitude % 1'000'000).substr(1);
  while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
  if (!fraction.empty()) shown += "." + fraction;
  return shown + " 万元";
}

}  // namespace

std::string first_text(const table_row& row) {
  constexpr std::size_t longest = 120;  // bytes (40 Chinese characters): a title, not a paragraph
  for (const table_cell& cell : row) {
    std::string_view text = trim_cell(cell.text);
    if (text.empty()) continue;
    if (text.size() <= longest) return std::string(text);
    std::size_t cut = longest;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    return std::string(text.substr(0, cut)) + "…";
  }
  return {};
}

std::optional<found_header> find_header(const table_context& context, const table_spec& table,
                                        const std::string& file, row_source& rows) {
  std::vector<table_row> first;
  table_row row;
  while (first.size() < header_search_rows && rows.next(row)) first.push_back(row);
  if (first.empty()) return std::nullopt;

  // The best candidate: (first row, rows it spans), by fields named, the earliest first.
  constexpr std::size_t least_named = 2;
  std::size_t best_named = 0;
  std::size_t best_row = 0;
  std::size_t best_span = 1;
  std::vector<std::size_t> named(first.size());
  for (std::size_t i = 0; i < first.size(); ++i) named[i] = fields_named(context, table, first[i]);
  for (std::size_t i = 0; i < first.size(); ++i) {
    if (named[i] > best_named) {
      best_named = named[i];
      best_row = i;
      best_span = 1;
    }
    if (i + 1 < first.size() && named[i] > 0) {
      const std::size_t both =
          fields_named(context, table, joined_header(context, table, first[i], first[i + 1]));
      if (both > best_named && both > named[i] && both > named[i + 1]) {
        best_named = both;
        best_row = i;
        best_span = 2;
      }
    }
  }
  if (best_named < least_named) {
    best_row = 0;
    best_span = 1;
  }

  found_header found;
  found.header = best_span == 2
                     ? joined_header(context, table, first[best_row], first[best_row + 1])
                     : first[best_row];
  found.ahead.assign(
      std::make_move_iterator(first.begin() + static_cast<std::ptrdiff_t>(best_row + best_span)),
      std::make_move_iterator(first.end()));
  std::size_t skipped = 0;
  const table_row* title = nullptr;
  for (std::size_t i = 0; i < best_row; ++i) {
    if (row_is_blank(first[i])) continue;
    ++skipped;
    if (title == nullptr) title = &first[i];
  }
  if (title != nullptr) {
    const std::uint32_t header_line = found.header.empty() ? 0 : found.header.front().line;
    context.sink.note({.what = reading_note::kind::skipped_rows,
                       .file = file,
                       .line = title->front().line,
                       .column = 0,
                       .text = "skipped " + std::to_string(skipped) +
                               (skipped == 1 ? " row" : " rows") + " above the header at row " +
                               std::to_string(header_line) + " (" + in_quotes(first_text(*title)) +
                               ")",
                       .sheet_cell = context.sheet_cells});
  }
  return found;
}

namespace {

// `text` from its first character that is not a space (ASCII, ideographic U+3000,
// no-break U+00A0).
std::string_view after_spaces(std::string_view text) {
  using namespace std::string_view_literals;
  while (!text.empty()) {
    if (text.front() == ' ' || text.front() == '\t') {
      text.remove_prefix(1);
    } else if (text.starts_with("\u3000"sv)) {
      text.remove_prefix(3);
    } else if (text.starts_with("\u00a0"sv)) {
      text.remove_prefix(2);
    } else {
      break;
    }
  }
  return text;
}

// Whether `text` starts with `label` when its spaces are left out, so that a label spaced
// out to fill its cell ("合　计", "备 注") reads as written together; `rest` is what
// follows the label, from its first character that is not a space. Matched in place:
// every row of a sheet is asked.
bool starts_with_packed(std::string_view text, std::string_view label, std::string_view& rest) {
  for (const char c : label) {
    text = after_spaces(text);
    if (text.empty() || text.front() != c) return false;
    text.remove_prefix(1);
  }
  rest = after_spaces(text);
  return true;
}

}  // namespace

row_role role_of(const table_row& row) {
  using namespace std::string_view_literals;
  static constexpr std::array note_labels = {"备注"sv,   "说明"sv,       "注"sv,
                                             "填表人"sv, "填报人"sv,     "审核人"sv,
                                             "负责人"sv, "单位负责人"sv, "制表人"sv};
  static constexpr std::array total_labels = {"合计"sv, "总计"sv, "共计"sv};
  std::size_t looked = 0;
  std::string_view rest;
  for (const table_cell& cell : row) {
    const std::string_view text = after_spaces(trim_cell(cell.text));
    if (text.empty()) continue;
    if (looked == 0) {
      for (const std::string_view label : note_labels) {
        if (starts_with_packed(text, label, rest) &&
            (rest.starts_with("："sv) || rest.starts_with(":"sv))) {
          return row_role::note;
        }
      }
    }
    for (const std::string_view label : total_labels) {
      if (starts_with_packed(text, label, rest)) return row_role::total;
    }
    if (starts_with_packed(text, "小计"sv, rest)) return row_role::subtotal;
    if (++looked == 3) break;
  }
  return row_role::record;
}

total_check::total_check(const table_context& context, const table_spec& table,
                         const std::string& file, const std::vector<column_plan>& plan)
    : context_(context), table_(table), file_(file), plan_(plan) {
  all_.amounts.assign(table.fields.size(), money());
  all_.counts.assign(table.fields.size(), 0);
  group_ = all_;
}

void total_check::add(std::size_t field, const cell_value& value) {
  for (sums* s : {&all_, &group_}) {
    if (s->overflowed) continue;
    try {
      if (table_.fields[field].type == field_type::amount) {
        s->amounts[field] += value.amount;
      } else if (table_.fields[field].type == field_type::count &&
                 __builtin_add_overflow(s->counts[field], value.count, &s->counts[field])) {
        s->overflowed = true;
      }
    } catch (const overflow_error&) {
      s->overflowed = true;
    }
  }
}

void total_check::check(const table_row& row, row_role role) {
  const sums& expected = role == row_role::subtotal ? group_ : all_;
  const std::string label = role == row_role::subtotal ? "小计" : "合计";
  const std::string rows_above =
      role == row_role::subtotal ? "the rows since the last 小计" : "the rows above";
  cell_value given;
  for (std::size_t c = 0; c < row.size() && c < plan_.size(); ++c) {
    const column_plan& column = plan_[c];
    if (column.field == no_field || expected.overflowed) continue;
    const field_spec& spec = table_.fields[column.field];
    if (spec.type != field_type::amount && spec.type != field_type::count) continue;
    const std::string_view text = trim_cell(row[c].text);
    // Text such as 办结106个 is the office's own summary, not a figure to check.
    if (text.empty() ||
        convert(spec, text, column.amount_exponent, context_.mapping.values, given)) {
      continue;
    }
    std::string stated;
    std::string summed;
    if (spec.type == field_type::amount && given.amount != expected.amounts[column.field]) {
      stated = in_column_unit(given.amount, column.amount_exponent);
      summed = in_column_unit(expected.amounts[column.field], column.amount_exponent);
    } else if (spec.type == field_type::count && given.count != expected.counts[column.field]) {
      stated = std::to_string(given.count);
      summed = std::to_string(expected.counts[column.field]);
    } else {
      continue;
    }
    context_.sink.note({.what = reading_note::kind::total_mismatch,
                        .file = file_,
                        .line = row[c].line,
                        .column = row[c].column,
                        .text = "the " + label + " row gives " + stated + " in column " +
                                in_quotes(column.header) + ", but " + rows_above + " sum to " +
                                summed,
                        .sheet_cell = context_.sheet_cells});
  }
  if (role == row_role::subtotal) {
    group_.amounts.assign(table_.fields.size(), money());
    group_.counts.assign(table_.fields.size(), 0);
    group_.overflowed = false;
  }
}

}  // namespace caseledger::detail
