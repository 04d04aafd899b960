#include "caseledger/io/xlsx_ledger.hpp"

#include "io/table/workbook_ledger.hpp"
#include "io/xlsx/read/rows.hpp"

namespace caseledger {

ledger read_xlsx_ledger(const std::filesystem::path& path, const xlsx_ledger_options& options) {
  const std::string source = path.string();
  detail::xlsx_book_reader workbook(path, source, options.common.limits);
  return detail::read_workbook_ledger(workbook, source, options);
}

}  // namespace caseledger
