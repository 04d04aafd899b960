#pragma once

#include <filesystem>
#include <string>

// Declarations only: a caller that uses the documents includes <nlohmann/json.hpp>.
#include <nlohmann/json_fwd.hpp>

#include "caseledger/metrics/report.hpp"

namespace caseledger {

/// The report as a `caseledger.report/1` document (docs/report-json.md): keys in a fixed
/// order, money as strings with two decimals, rates with num, den, value and display.
nlohmann::ordered_json report_to_json(const report& r);

/// The document as text: two-space indent, UTF-8 unescaped, a final newline. The same
/// report always gives the same bytes.
std::string to_json_text(const report& r);

/// Writes the document to `path` atomically (see `output_file`). Throws `file_error`.
void write_json_report(const report& r, const std::filesystem::path& path);

}  // namespace caseledger
