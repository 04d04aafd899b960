#include "io/ledger_file_format.hpp"

#include <algorithm>
#include <string>
#include <system_error>

#include "caseledger/core/error.hpp"
#include "caseledger/model/record_schema.hpp"
#include "core/input_file.hpp"

namespace caseledger::detail {
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

ledger_file_format ledger_file_format_of(const std::filesystem::path& path,
                                         const ledger_read_options& options) {
  std::error_code status_error;
  const bool folder = std::filesystem::is_directory(path, status_error);
  const std::string extension = lower_extension(path);
  const bool encoding_given = options.encoding != text_encoding::automatic;
  if (folder || extension == ".csv") {
    refuse_option(!options.sheet.empty(), "sheet", "a CSV ledger");
    return folder ? ledger_file_format::csv_folder : ledger_file_format::csv_sheet;
  }
  if (extension == ".xlsx") {
    refuse_option(encoding_given, "encoding", "an xlsx workbook (it is always UTF-8)");
    return ledger_file_format::xlsx;
  }
  if (extension == ".xls") {
    refuse_option(encoding_given, "encoding", "an xls workbook (its text is Unicode)");
    return ledger_file_format::xls;
  }
  if (extension == ".ods") {
    refuse_option(encoding_given, "encoding", "an ods spreadsheet (it is always UTF-8)");
    return ledger_file_format::ods;
  }
  if (extension == ".json" || is_standard_input(path)) {
    refuse_option(encoding_given, "encoding", "a JSON ledger (it is always UTF-8)");
    refuse_option(!options.sheet.empty(), "sheet", "a JSON ledger");
    refuse_option(!options.mapping.empty(), "mapping", "a JSON ledger");
    return ledger_file_format::json;
  }
  if (!std::filesystem::exists(path, status_error)) {
    throw file_error(path, "open", std::make_error_code(std::errc::no_such_file_or_directory));
  }
  throw usage_error("cannot tell the format of '" + path.string() +
                    "' (a folder of CSV files, a .csv flat sheet, an .xlsx or .xls workbook, an "
                    ".ods spreadsheet, a .json ledger, or - for a JSON ledger on standard input)");
}

std::vector<std::filesystem::path> files_to_describe(const std::filesystem::path& path,
                                                     ledger_file_format format) {
  std::error_code status_error;
  std::vector<std::filesystem::path> files;
  if (format == ledger_file_format::csv_folder) {
    for (std::size_t k = 0; k < record_kind_count; ++k) {
      std::filesystem::path table =
          path / (std::string(names_of(static_cast<record_kind>(k)).plural) + ".csv");
      if (std::filesystem::is_regular_file(table, status_error)) files.push_back(std::move(table));
    }
  } else if (!is_standard_input(path) && std::filesystem::is_regular_file(path, status_error)) {
    files.push_back(path);
  }
  return files;
}

std::vector<std::string> case_number_scopes(const std::vector<std::filesystem::path>& paths) {
  std::vector<std::string> scopes;
  scopes.reserve(paths.size());
  for (const auto& path : paths) scopes.push_back(path.stem().string());
  for (std::size_t i = 0; i < paths.size(); ++i) {
    if (std::count(scopes.begin(), scopes.end(), paths[i].stem().string()) > 1) {
      scopes[i] = (paths[i].parent_path() / paths[i].stem()).generic_string();
    }
  }
  return scopes;
}

}  // namespace caseledger::detail
