#include "caseledger/io/read_ledger.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "caseledger/core/error.hpp"
#include "caseledger/io/csv_ledger.hpp"
#include "caseledger/io/json_ledger.hpp"
#include "caseledger/io/xlsx_ledger.hpp"
#include "caseledger/model/record_schema.hpp"
#include "core/content_digest.hpp"
#include "core/input_file.hpp"
#include "io/ledger_file_format.hpp"
#include "model/builder_access.hpp"

namespace caseledger {
namespace {

ledger read_by_format(const std::filesystem::path& path, detail::ledger_file_format format,
                      const ledger_read_options& options) {
  if (format == detail::ledger_file_format::json) return read_json_ledger(path, options.common);
  if (!detail::is_workbook(format)) {
    return read_csv_ledger(path, {.encoding = options.encoding,
                                  .mapping = options.mapping,
                                  .case_number_scope = options.case_number_scope,
                                  .common = options.common});
  }
  const xlsx_ledger_options workbook{.sheet = options.sheet,
                                     .mapping = options.mapping,
                                     .case_number_scope = options.case_number_scope,
                                     .common = options.common};
  if (format == detail::ledger_file_format::xls) return read_xls_ledger(path, workbook);
  if (format == detail::ledger_file_format::ods) return read_ods_ledger(path, workbook);
  return read_xlsx_ledger(path, workbook);
}

// A ledger with its inputs described (size, SHA-256, hashed on another thread while it is
// read) and the records' origins kept for `read_ledgers`.
ledger read_described(const std::filesystem::path& path, const ledger_read_options& options) {
  const detail::ledger_file_format format = detail::ledger_file_format_of(path, options);
  detail::input_descriptions described(detail::files_to_describe(path, format));
  ledger book = read_by_format(path, format, options);
  detail::ledger_builder_access::add_inputs(book, described.take());
  return book;
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
  const std::vector<std::string> scopes = detail::case_number_scopes(paths);
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
