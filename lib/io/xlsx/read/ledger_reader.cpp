#include "caseledger/io/xlsx_ledger.hpp"

#include "io/table/workbook_ledger.hpp"
#include "io/xlsx/read/rows.hpp"

namespace caseledger {

std::unique_ptr<detail::sheet_book> detail::open_xlsx_book(const std::filesystem::path& path,
                                                           const std::string& shown,
                                                           const read_limits& limits) {
  return std::make_unique<xlsx_book_reader>(path, shown, limits);
}

ledger read_xlsx_ledger(const std::filesystem::path& path, const xlsx_ledger_options& options) {
  const std::string source = path.string();
  return detail::read_workbook_ledger(*detail::open_xlsx_book(path, source, options.common.limits),
                                      source, options);
}

}  // namespace caseledger
