#include "caseledger/io/read_ledger.hpp"

#include <string>
#include <system_error>

#include "caseledger/core/error.hpp"
#include "caseledger/io/csv_ledger.hpp"
#include "caseledger/io/json_ledger.hpp"
#include "caseledger/io/xlsx_ledger.hpp"

namespace caseledger {
namespace {

std::string lower_extension(const std::filesystem::path& path) {
  std::string extension = path.extension().string();
  for (char& c : extension) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return extension;
}

// An option the chosen format does not take is a mistake, not something to ignore.
void refuse_option(bool given, const std::string& option, const std::string& format) {
  if (given) throw usage_error("the " + option + " option does not apply to " + format);
}

}  // namespace

ledger read_ledger(const std::filesystem::path& path, const ledger_read_options& options) {
  std::error_code status_error;
  const bool folder = std::filesystem::is_directory(path, status_error);
  const std::string extension = lower_extension(path);
  const bool encoding_given = options.encoding != text_encoding::automatic;
  if (folder || extension == ".csv") {
    refuse_option(!options.sheet.empty(), "sheet", "a CSV ledger");
    return read_csv_ledger(
        path, {.encoding = options.encoding, .mapping = options.mapping, .common = options.common});
  }
  if (extension == ".xlsx") {
    refuse_option(encoding_given, "encoding", "an xlsx workbook (it is always UTF-8)");
    return read_xlsx_ledger(
        path, {.sheet = options.sheet, .mapping = options.mapping, .common = options.common});
  }
  if (extension == ".json") {
    refuse_option(encoding_given, "encoding", "a JSON ledger (it is always UTF-8)");
    refuse_option(!options.sheet.empty(), "sheet", "a JSON ledger");
    refuse_option(!options.mapping.empty(), "mapping", "a JSON ledger");
    return read_json_ledger(path, options.common);
  }
  if (!std::filesystem::exists(path, status_error)) {
    throw file_error(path, "open", std::make_error_code(std::errc::no_such_file_or_directory));
  }
  throw usage_error("cannot tell the format of '" + path.string() +
                    "' (a folder of CSV files, a .csv flat sheet, an .xlsx workbook or a .json "
                    "ledger)");
}

}  // namespace caseledger
