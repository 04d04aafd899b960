// The caseledger program's command line: what each command accepts and what it asks for.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "caseledger/core/error.hpp"
#include "caseledger/io/html_report.hpp"
#include "caseledger/io/read_ledger.hpp"
#include "caseledger/io/xlsx_report.hpp"
#include "caseledger/metrics/report.hpp"
#include "caseledger/text/messages.hpp"

namespace caseledger::cli {

/// `caseledger --help`, `caseledger <command> --help`: print `text` and succeed.
struct help_request {
  std::string text;
};

/// `caseledger --version`.
struct version_request {};

/// `caseledger report LEDGER… --from … --to … --json/--xlsx/--html …`.
struct report_request {
  std::vector<std::filesystem::path> ledgers;
  report_options options;
  ledger_read_options reading;  ///< keep_extras, encoding, sheet, mapping
  std::optional<std::filesystem::path> json;
  std::optional<std::filesystem::path> xlsx;
  xlsx_options workbook;  ///< --money-unit, --language, --no-listing, --rows-per-sheet
  std::optional<std::filesystem::path> html;
  html_options page;  ///< --language, --money-decimals (and a layout file's title)
  std::optional<std::filesystem::path> alerts_file;  ///< thresholds to add to options.alerts
  std::optional<std::filesystem::path> templates;    ///< headline templates replacing the built-in
  bool stream = false;           ///< --stream: accepted for compatibility, changes nothing
  unsigned threads = 2;          ///< --threads: the one-pass report's threads, 1 or 2
  std::optional<bool> progress;  ///< --progress, --quiet; not set: when stderr is a terminal
  message_language messages = message_language::en;  ///< --messages: problems' language
};

/// How `caseledger headline` prints its sentences.
enum class headline_format : std::uint8_t { text, markdown };

/// `caseledger headline LEDGER… --from … --to … [--format …] [--language …]`.
struct headline_request {
  report_request report;  ///< the report the sentences are read from (json, xlsx unset)
  headline_format format = headline_format::text;
  report_language language = report_language::zh_hans;
};

/// `caseledger validate LEDGER…`.
struct validate_request {
  std::vector<std::filesystem::path> ledgers;
  ledger_read_options reading;   ///< max_problems from --max-problems (default 100)
  std::optional<bool> progress;  ///< --progress, --quiet; not set: when stderr is a terminal
  message_language messages = message_language::en;  ///< --messages: problems' language
};

using request =
    std::variant<help_request, version_request, report_request, validate_request, headline_request>;

/// The problems of a file an option names (the --calendar file), found while the command
/// line is read, with the language it asks problems in.
struct option_file_problems {
  ledger_error problems;
  message_language messages = message_language::en;
};

/// What the command line asks for. Throws `usage_error` with a one-line message for an
/// unknown command or option, a missing argument, a bad date or number, or options that
/// make no sense together; `option_file_problems` when a file an option names breaks its
/// format's rules; `file_error` when it cannot be read.
request parse_command_line(int argc, const char* const argv[]);

}  // namespace caseledger::cli
