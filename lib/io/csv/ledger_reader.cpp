#include "caseledger/io/csv_ledger.hpp"

#include <array>
#include <system_error>
#include <utility>

#include "caseledger/core/error.hpp"
#include "io/csv/records.hpp"
#include "io/csv/rows.hpp"
#include "io/table/ledger_tables.hpp"

namespace caseledger {
namespace {

ledger read_folder(const std::filesystem::path& folder, const detail::field_mapping& mapping,
                   const csv_ledger_options& options) {
  const std::string source = folder.string();
  ledger_builder builder(source, options.common.max_problems);
  if (options.common.workday_calendar) builder.use_calendar(*options.common.workday_calendar);
  detail::builder_record_sink into(builder);
  try {
    detail::read_csv_folder_records(folder, options, mapping, into);
    return std::move(builder).build();
  } catch (const ledger_error& e) {
    throw ledger_error(detail::locate_in_tables(e.problems(), source, detail::csv_tables(folder)));
  }
}

}  // namespace

ledger read_csv_ledger(const std::filesystem::path& path, const csv_ledger_options& options) {
  const detail::field_mapping mapping = options.mapping.empty()
                                            ? detail::field_mapping{}
                                            : detail::read_field_mapping(options.mapping);
  std::error_code status_error;
  if (std::filesystem::is_directory(path, status_error)) {
    return read_folder(path, mapping, options);
  }
  const std::string source = path.string();
  ledger_builder builder(source, options.common.max_problems);
  if (options.common.workday_calendar) builder.use_calendar(*options.common.workday_calendar);
  detail::builder_record_sink into(builder);
  detail::read_flat_csv_records(path, options, mapping, into);
  return std::move(builder).build();
}

std::array<std::string, record_kind_count> detail::csv_tables(const std::filesystem::path& folder) {
  std::array<std::string, record_kind_count> tables;
  std::error_code status_error;
  for (std::size_t k = 0; k < tables.size(); ++k) {
    const std::filesystem::path file =
        folder / (std::string(names_of(static_cast<record_kind>(k)).plural) + ".csv");
    if (std::filesystem::exists(file, status_error)) tables[k] = file.string();
  }
  return tables;
}

void detail::read_csv_folder_records(const std::filesystem::path& folder,
                                     const csv_ledger_options& options,
                                     const field_mapping& mapping, record_sink& sink) {
  const table_context context{sink, mapping, options.common.keep_extras.value_or(false)};
  // A file that is not one of the kinds' is most likely a misnamed one.
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    const std::filesystem::path& name = entry.path();
    if (name.extension() != ".csv") continue;
    if (!kind_of_table(name.stem().string()) ||
        name.stem().string() != names_of(*kind_of_table(name.stem().string())).plural) {
      problem found;
      found.file = name.string();
      found.reason =
          "unknown table " + name.filename().string() +
          " (districts.csv, enterprises.csv, projects.csv, teams.csv, units.csv, cases.csv, "
          "measures.csv)";
      sink.report(std::move(found));
    }
  }
  const std::array<std::string, record_kind_count> tables = csv_tables(folder);
  for (std::size_t k = 0; k < tables.size(); ++k) {
    const auto kind = static_cast<record_kind>(k);
    if (tables[k].empty()) {
      if (kind == record_kind::case_) {
        problem found;
        found.file = sink.source();
        found.reason = "no cases.csv in the folder (the cases table is required)";
        sink.report(std::move(found));
      }
      continue;
    }
    csv_rows rows(tables[k], tables[k], options.encoding, sink, options.common.limits);
    read_record_table(context, kind, tables[k], rows);
  }
}

void detail::read_flat_csv_records(const std::filesystem::path& path,
                                   const csv_ledger_options& options, const field_mapping& mapping,
                                   record_sink& sink, flat_sheet_pass* pass) {
  csv_rows rows(path, sink.source(), options.encoding, sink, options.common.limits);
  table_context context(sink, mapping, options.common.keep_extras.value_or(true));
  context.case_number_scope = options.case_number_scope;
  context.pass = pass;
  read_flat_sheet(context, sink.source(), rows);
}

}  // namespace caseledger
