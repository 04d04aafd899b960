#include "caseledger/io/xlsx_ledger.hpp"

#include <array>
#include <optional>
#include <utility>

#include "caseledger/core/error.hpp"
#include "io/table/ledger_tables.hpp"
#include "io/xlsx/read/rows.hpp"

namespace caseledger {

ledger read_xlsx_ledger(const std::filesystem::path& path, const xlsx_ledger_options& options) {
  const detail::field_mapping mapping = options.mapping.empty()
                                            ? detail::field_mapping{}
                                            : detail::read_field_mapping(options.mapping);
  const std::string source = path.string();
  detail::xlsx_book_reader workbook(path, source, options.common.limits);
  const auto& names = workbook.sheet_names();
  if (names.empty()) {
    problem found;
    found.file = source;
    found.reason = "the workbook has no sheet";
    throw ledger_error({std::move(found)});
  }

  // Which sheet holds which kind of record, when the workbook keeps a sheet per kind.
  std::array<std::optional<std::size_t>, 6> sheet_of_kind;
  if (options.sheet.empty()) {
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (const auto kind = detail::kind_of_table(names[i])) {
        auto& slot = sheet_of_kind[static_cast<std::size_t>(*kind)];
        if (!slot) slot = i;
      }
    }
  }
  const bool per_kind = sheet_of_kind[static_cast<std::size_t>(record_kind::case_)].has_value();

  ledger_builder builder(source, options.common.max_problems);
  const detail::table_context context{builder, mapping, options.common.keep_extras};
  if (!per_kind) {
    std::size_t index = 0;
    if (!options.sheet.empty()) {
      index = names.size();
      for (std::size_t i = 0; i < names.size(); ++i) {
        if (names[i] == options.sheet) index = i;
      }
      if (index == names.size()) {
        std::string known;
        for (const auto& name : names) known += (known.empty() ? "'" : ", '") + name + "'";
        throw usage_error("no sheet '" + options.sheet + "' in " + source +
                          " (its sheets: " + known + ")");
      }
    }
    const std::string shown = source + "[" + names[index] + "]";
    try {
      auto rows = workbook.open_sheet(index);
      detail::read_flat_sheet(context, shown, *rows);
      workbook.check_unchanged();
      return std::move(builder).build();
    } catch (const ledger_error& e) {
      std::array<std::string, 6> tables;
      tables.fill(shown);
      throw ledger_error(detail::locate_in_tables(e.problems(), source, tables));
    }
  }

  std::array<std::string, 6> tables;
  try {
    for (std::size_t k = 0; k < tables.size(); ++k) {
      if (!sheet_of_kind[k]) continue;
      tables[k] = source + "[" + names[*sheet_of_kind[k]] + "]";
      auto rows = workbook.open_sheet(*sheet_of_kind[k]);
      detail::read_record_table(context, static_cast<record_kind>(k), tables[k], *rows);
    }
    workbook.check_unchanged();
    return std::move(builder).build();
  } catch (const ledger_error& e) {
    throw ledger_error(detail::locate_in_tables(e.problems(), source, tables));
  }
}

}  // namespace caseledger
