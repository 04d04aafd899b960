#include "caseledger/io/read_ledger.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <optional>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include "caseledger/core/error.hpp"
#include "caseledger/io/csv_ledger.hpp"
#include "caseledger/io/json_ledger.hpp"
#include "caseledger/io/xlsx_ledger.hpp"
#include "caseledger/model/record_schema.hpp"
#include "core/content_digest.hpp"
#include "core/input_file.hpp"
#include "model/builder_access.hpp"

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

// The files a ledger at `path` is read from that can be read again to be described: the
// file itself, or a folder's tables; none for standard input or a pipe, which the JSON
// reader describes as it reads them.
std::vector<std::filesystem::path> files_to_describe(const std::filesystem::path& path) {
  std::error_code status_error;
  std::vector<std::filesystem::path> files;
  if (std::filesystem::is_directory(path, status_error)) {
    for (std::size_t k = 0; k < record_kind_count; ++k) {
      std::filesystem::path table =
          path / (std::string(names_of(static_cast<record_kind>(k)).plural) + ".csv");
      if (std::filesystem::is_regular_file(table, status_error)) files.push_back(std::move(table));
    }
  } else if (!detail::is_standard_input(path) &&
             std::filesystem::is_regular_file(path, status_error)) {
    files.push_back(path);
  }
  return files;
}

ledger read_by_format(const std::filesystem::path& path, const ledger_read_options& options) {
  std::error_code status_error;
  const bool folder = std::filesystem::is_directory(path, status_error);
  const std::string extension = lower_extension(path);
  const bool encoding_given = options.encoding != text_encoding::automatic;
  if (folder || extension == ".csv") {
    refuse_option(!options.sheet.empty(), "sheet", "a CSV ledger");
    return read_csv_ledger(path, {.encoding = options.encoding,
                                  .mapping = options.mapping,
                                  .case_number_scope = options.case_number_scope,
                                  .common = options.common});
  }
  if (extension == ".xlsx" || extension == ".ods" || extension == ".xls") {
    const bool ods = extension == ".ods";
    const bool xls = extension == ".xls";
    refuse_option(encoding_given, "encoding",
                  ods   ? "an ods spreadsheet (it is always UTF-8)"
                  : xls ? "an xls workbook (its text is Unicode)"
                        : "an xlsx workbook (it is always UTF-8)");
    const xlsx_ledger_options workbook{.sheet = options.sheet,
                                       .mapping = options.mapping,
                                       .case_number_scope = options.case_number_scope,
                                       .common = options.common};
    if (xls) return read_xls_ledger(path, workbook);
    return ods ? read_ods_ledger(path, workbook) : read_xlsx_ledger(path, workbook);
  }
  if (extension == ".json" || detail::is_standard_input(path)) {
    refuse_option(encoding_given, "encoding", "a JSON ledger (it is always UTF-8)");
    refuse_option(!options.sheet.empty(), "sheet", "a JSON ledger");
    refuse_option(!options.mapping.empty(), "mapping", "a JSON ledger");
    return read_json_ledger(path, options.common);
  }
  if (!std::filesystem::exists(path, status_error)) {
    throw file_error(path, "open", std::make_error_code(std::errc::no_such_file_or_directory));
  }
  throw usage_error("cannot tell the format of '" + path.string() +
                    "' (a folder of CSV files, a .csv flat sheet, an .xlsx or .xls workbook, an "
                    ".ods spreadsheet, a .json ledger, or - for a JSON ledger on standard input)");
}

// A ledger with its inputs described (size, SHA-256, hashed on another thread while it is
// read) and the records' origins kept for `read_ledgers`.
ledger read_described(const std::filesystem::path& path, const ledger_read_options& options) {
  detail::input_descriptions described(files_to_describe(path));
  ledger book = read_by_format(path, options);
  detail::ledger_builder_access::add_inputs(book, described.take());
  return book;
}

// The scope of each file's case numbers: its name without the extension, or its whole
// path without it where two files share a name (a/仓山区.xlsx, b/仓山区.xlsx).
std::vector<std::string> case_number_scopes(const std::vector<std::filesystem::path>& paths) {
  std::vector<std::string> scopes;
  for (const auto& path : paths) scopes.push_back(path.stem().string());
  for (std::size_t i = 0; i < paths.size(); ++i) {
    if (std::count(scopes.begin(), scopes.end(), paths[i].stem().string()) > 1) {
      scopes[i] = (paths[i].parent_path() / paths[i].stem()).generic_string();
    }
  }
  return scopes;
}

}  // namespace

ledger read_ledger(const std::filesystem::path& path, const ledger_read_options& options) {
  ledger book = read_described(path, options);
  detail::ledger_builder_access::forget_origins(book);
  return book;
}

ledger read_ledgers(const std::vector<std::filesystem::path>& paths,
                    const ledger_read_options& options) {
  if (paths.empty()) throw usage_error("no ledger to read");
  if (paths.size() == 1) return read_ledger(paths.front(), options);
  const std::vector<std::string> scopes = case_number_scopes(paths);
  std::vector<std::optional<ledger>> books(paths.size());
  std::vector<std::exception_ptr> failures(paths.size());
  std::atomic<std::size_t> next{0};
  const auto work = [&] {
    for (std::size_t i = next++; i < paths.size(); i = next++) {
      try {
        ledger_read_options own = options;
        own.case_number_scope = scopes[i];
        books[i] = read_described(paths[i], own);
      } catch (...) {
        failures[i] = std::current_exception();
      }
    }
  };
  {
    const std::size_t threads =
        std::min<std::size_t>(paths.size(), std::max(1U, std::thread::hardware_concurrency()));
    std::vector<std::jthread> workers;
    for (std::size_t t = 1; t < threads; ++t) workers.emplace_back(work);
    work();
  }
  // Every file's problems together, so that one run tells the clerk of every file to fix;
  // a file that cannot be read at all (or a wrong option) stops the run as it is.
  std::vector<problem> problems;
  for (const std::exception_ptr& failure : failures) {
    if (!failure) continue;
    try {
      std::rethrow_exception(failure);
    } catch (const ledger_error& e) {
      problems.insert(problems.end(), e.problems().begin(), e.problems().end());
    }
  }
  if (!problems.empty()) {
    if (problems.size() > options.common.max_problems) {
      problems.resize(std::max<std::size_t>(options.common.max_problems, 1));
    }
    throw ledger_error(std::move(problems));
  }
  ledger_builder builder({}, options.common.max_problems);
  if (options.common.workday_calendar) builder.use_calendar(*options.common.workday_calendar);
  for (std::size_t i = 0; i < paths.size(); ++i) {
    builder.add_ledger(std::move(*books[i]), paths[i].string());
    books[i].reset();
  }
  ledger book = std::move(builder).build();
  detail::ledger_builder_access::forget_origins(book);
  return book;
}

}  // namespace caseledger
