#include "caseledger/core/error.hpp"

namespace caseledger {
namespace {

std::string first_problem_text(const std::vector<problem>& problems) {
  if (problems.empty()) return "invalid ledger";
  std::string text = problems.front().to_string();
  if (problems.size() > 1) {
    text += " (and " + std::to_string(problems.size() - 1) + " more problem" +
            (problems.size() > 2 ? "s" : "") + ")";
  }
  return text;
}

}  // namespace

std::string problem::column_letters(std::size_t column) {
  std::string letters;
  for (; column > 0; column = (column - 1) / 26) {
    letters.insert(letters.begin(), static_cast<char>('A' + (column - 1) % 26));
  }
  return letters;
}

std::string problem::position(const std::string& file, std::size_t line, std::size_t column,
                              bool sheet_cell) {
  std::string text = file.empty() ? std::string("<ledger>") : file;
  if (line > 0) {
    if (sheet_cell && column > 0) return text + ":" + column_letters(column) + std::to_string(line);
    text += ":" + std::to_string(line);
    if (column > 0) text += ":" + std::to_string(column);
  }
  return text;
}

std::string problem::to_string() const {
  std::string text = position(file, line, column, sheet_cell) + ": ";
  std::string where = pointer.empty() ? field : pointer;
  if (!record_kind.empty()) {
    const std::string record = record_id.empty() ? record_kind : record_kind + " " + record_id;
    where += where.empty() ? record : " (" + record + ")";
  }
  if (!where.empty()) text += where + ": ";
  return text + reason;
}

ledger_error::ledger_error(std::vector<problem> problems)
    : std::invalid_argument(first_problem_text(problems)), problems_(std::move(problems)) {}

file_error::file_error(std::filesystem::path path, const std::string& operation,
                       std::error_code reason)
    : std::system_error(reason, "cannot " + operation + " '" + path.string() + "'"),
      path_(std::move(path)) {}

}  // namespace caseledger
