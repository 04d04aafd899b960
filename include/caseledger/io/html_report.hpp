#pragma once

#include <filesystem>
#include <string>

#include "caseledger/core/language.hpp"
#include "caseledger/metrics/report.hpp"
#include "caseledger/model/ledger.hpp"

namespace caseledger {

/// How to write the HTML page (docs/html.md).
struct html_options {
  report_language language = report_language::zh_hans;
  std::string title{};     ///< "" for the report's title
  int money_decimals = 2;  ///< decimals of the amounts, shown in 万元 (0 to 6)
  friend bool operator==(const html_options&, const html_options&) = default;
};

/// The report as one self-contained HTML page: the headlines, the key figures with their
/// change against the comparison period, charts (inline SVG), the alerts and the group
/// table, for a phone, a desktop and A4 paper. It loads nothing (its Content-Security-Policy
/// forbids every request and every script) and the same report gives the same bytes.
///
/// `book` is the ledger the report was computed from: it names districts and teams and
/// gives the trend by month (by week for a window of at most 62 days). Throws
/// `usage_error` for bad options or when `book` does not hold the cases the report
/// coordinated.
///
///     std::string page = caseledger::to_html(r, book);
std::string to_html(const report& r, const ledger& book, const html_options& options = {});

/// The page's content without the document around it and without the print rules, its
/// styles scoped to it, for embedding (a notebook's cell). Without a ledger the groups are
/// named by the report's own labels and the trend chart is left out, as it is when `book`
/// does not hold the report's cases.
std::string to_html_fragment(const report& r, const ledger* book, const html_options& options = {});

class output_file;

/// Writes `to_html` at `path`, atomically. Throws what `to_html` throws, and `file_error`
/// naming the path and the reason if it cannot be written.
///
///     caseledger::write_html_report(r, book, "q1.html");
void write_html_report(const report& r, const ledger& book, const std::filesystem::path& path,
                       const html_options& options = {});

/// Writes the page into `out`'s temporary file without committing it, for a caller that
/// commits several outputs together.
void write_html_report(const report& r, const ledger& book, output_file& out,
                       const html_options& options = {});

}  // namespace caseledger
