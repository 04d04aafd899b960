#include "caseledger/io/xlsx_report.hpp"

#include "caseledger/core/error.hpp"

namespace caseledger {

// Placeholder until the Excel writer lands (its own change replaces this file).
void write_xlsx_report(const report&, const ledger&, const std::filesystem::path&,
                       const xlsx_options&) {
  throw usage_error("the xlsx writer is not built yet");
}

}  // namespace caseledger
