#include "io/stream/ledger_passes.hpp"

#include "caseledger/io/csv_ledger.hpp"
#include "io/csv/records.hpp"
#include "io/json/records.hpp"

namespace caseledger::detail {
namespace {

// Reads `path` of `format` into `sink`. `names_only`: a flat sheet's reader reads only what
// names the districts, enterprises, projects, teams and units.
void read_ledger_records(ledger_format format, const std::filesystem::path& path,
                         const ledger_reading& reading, record_sink& sink, input_source* piped,
                         bool names_only) {
  csv_ledger_options csv;
  csv.encoding = reading.encoding;
  csv.common = reading.common;
  switch (format) {
    case ledger_format::json:
      return read_json_records(path, reading.common, sink, piped);
    case ledger_format::flat_csv:
      return read_flat_csv_records(path, csv, reading.mapping, sink, names_only);
    case ledger_format::csv_folder:
      return read_csv_folder_records(path, csv, reading.mapping, sink);
  }
}

}  // namespace

pass_plan kinds_of(std::initializer_list<record_kind> wanted) {
  pass_plan plan;
  for (const record_kind kind : wanted) plan.kinds[static_cast<std::size_t>(kind)] = true;
  return plan;
}

void read_records(ledger_format format, const std::filesystem::path& path,
                  const ledger_reading& reading, record_sink& sink, pass_plan* plan,
                  input_source* piped) {
  if (plan == nullptr) {
    read_ledger_records(format, path, reading, sink, piped, false);
  } else {
    pass_sink pass(sink, *plan);
    read_ledger_records(format, path, reading, pass, piped, plan->names_only);
  }
}

}  // namespace caseledger::detail
