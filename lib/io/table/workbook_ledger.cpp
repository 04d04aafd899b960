#include "io/table/workbook_ledger.hpp"

#include <array>
#include <optional>
#include <utility>
#include <vector>

#include "caseledger/core/error.hpp"
#include "io/table/ledger_tables.hpp"

namespace caseledger::detail {
namespace {

// The flat sheets to read: the one `sheet` names; every sheet holding a table of cases
// for "all"; by default the first sheet holding one and every later one whose header
// names the same columns (a workbook of one sheet per district), past an instruction
// sheet (说明) or a summary in front. With no table anywhere, the first sheet, whose
// problems then say what is missing.
std::vector<std::size_t> flat_sheets(sheet_book& workbook, const field_mapping& mapping,
                                     const std::string& source, const std::string& sheet) {
  const auto& names = workbook.sheet_names();
  if (!sheet.empty() && sheet != "all") {
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (names[i] == sheet) return {i};
    }
    std::string known;
    for (const auto& name : names) known += (known.empty() ? "'" : ", '") + name + "'";
    throw usage_error("no sheet '" + sheet + "' in " + source + " (its sheets: " + known +
                      "; or 'all')");
  }
  std::vector<std::size_t> chosen;
  std::vector<std::size_t> first_fields;
  for (std::size_t i = 0; i < names.size(); ++i) {
    auto rows = workbook.open_sheet(i);
    const std::vector<std::size_t> fields = flat_sheet_fields(mapping, *rows);
    if (fields.empty()) continue;
    if (chosen.empty()) first_fields = fields;
    if (sheet == "all" || fields == first_fields) chosen.push_back(i);
  }
  if (chosen.empty()) chosen.push_back(0);
  return chosen;
}

std::string sheet_shown(const sheet_book& book, const std::string& source, std::size_t index) {
  return source + "[" + book.sheet_names()[index] + "]";
}

}  // namespace

workbook_layout plan_workbook(sheet_book& book, const std::string& source,
                              const field_mapping& mapping, const std::string& sheet) {
  const auto& names = book.sheet_names();
  if (names.empty()) {
    problem found;
    found.file = source;
    found.reason = "the workbook has no sheet";
    throw ledger_error({std::move(found)});
  }
  // A sheet per kind of record when the workbook has a sheet of cases and one of districts
  // (which the cases' ids refer to). A lone sheet called 问题台账 holds names, not ids: a
  // flat sheet.
  workbook_layout layout;
  if (sheet.empty()) {
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (const auto kind = kind_of_table(names[i])) {
        auto& slot = layout.sheet_of_kind[static_cast<std::size_t>(*kind)];
        if (!slot) slot = i;
      }
    }
  }
  if (layout.sheet_of_kind[static_cast<std::size_t>(record_kind::case_)] &&
      layout.sheet_of_kind[static_cast<std::size_t>(record_kind::district)]) {
    return layout;
  }
  layout.sheet_of_kind = {};
  layout.flat_sheets = flat_sheets(book, mapping, source, sheet);
  return layout;
}

std::array<std::string, record_kind_count> workbook_tables(const sheet_book& book,
                                                           const std::string& source,
                                                           const workbook_layout& layout) {
  std::array<std::string, record_kind_count> tables;
  if (layout.flat_sheets.size() == 1) {
    tables.fill(sheet_shown(book, source, layout.flat_sheets.front()));
  }
  for (std::size_t k = 0; k < tables.size(); ++k) {
    if (layout.sheet_of_kind[k]) tables[k] = sheet_shown(book, source, *layout.sheet_of_kind[k]);
  }
  return tables;  // several flat sheets: their problems name their sheets already
}

void read_workbook_records(sheet_book& book, const workbook_layout& layout,
                           const workbook_reading& reading, record_sink& sink,
                           flat_sheet_pass* pass) {
  const std::string& source = sink.source();
  if (layout.per_kind()) {
    table_context context{sink, reading.mapping, reading.common.keep_extras.value_or(false)};
    context.sheet_cells = true;
    for (std::size_t k = 0; k < layout.sheet_of_kind.size(); ++k) {
      if (!layout.sheet_of_kind[k]) continue;
      auto rows = book.open_sheet(*layout.sheet_of_kind[k]);
      read_record_table(context, static_cast<record_kind>(k),
                        sheet_shown(book, source, *layout.sheet_of_kind[k]), *rows);
    }
    book.check_unchanged();
    return;
  }
  const std::vector<std::size_t>& sheets = layout.flat_sheets;
  const auto& names = book.sheet_names();
  for (const std::size_t index : sheets) {
    const std::string shown = sheet_shown(book, source, index);
    table_context context{sink, reading.mapping, reading.common.keep_extras.value_or(true)};
    context.sheet_cells = true;
    context.case_number_scope = reading.case_number_scope;
    context.pass = pass;
    if (sheets.size() > 1) {
      context.part = sink.add_part(shown);
      context.case_number_scope += (context.case_number_scope.empty() ? "" : "/") + names[index];
    }
    auto rows = book.open_sheet(index);
    read_flat_sheet(context, shown, *rows);
  }
  if (sheets.size() > 1) {
    std::string read;
    for (const std::size_t index : sheets)
      read += (read.empty() ? "'" : ", '") + names[index] + "'";
    sink.note({.what = reading_note::kind::sheets_read,
               .file = source,
               .line = 0,
               .column = 0,
               .text = "read " + std::to_string(sheets.size()) +
                       " sheets of cases as one ledger: " + read});
  }
  book.check_unchanged();
}

ledger read_workbook_ledger(sheet_book& book, const workbook_layout& layout,
                            const workbook_reading& reading, const std::string& source) {
  const read_options& common = reading.common;
  ledger_builder builder(source, common.max_problems);
  if (common.workday_calendar) builder.use_calendar(*common.workday_calendar);
  builder_record_sink into(builder);
  try {
    read_workbook_records(book, layout, reading, into);
    return std::move(builder).build();
  } catch (const ledger_error& e) {
    throw ledger_error(
        locate_in_tables(e.problems(), source, workbook_tables(book, source, layout)));
  }
}

ledger read_workbook_ledger(sheet_book& book, const std::string& source,
                            const xlsx_ledger_options& options) {
  const field_mapping mapping =
      options.mapping.empty() ? field_mapping{} : read_field_mapping(options.mapping);
  const workbook_layout layout = plan_workbook(book, source, mapping, options.sheet);
  return read_workbook_ledger(book, layout, {mapping, options.common, options.case_number_scope},
                              source);
}

}  // namespace caseledger::detail
