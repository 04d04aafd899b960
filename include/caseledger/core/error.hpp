#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

namespace caseledger {

/// The base of every exception caseledger throws for bad input or bad use, beside its
/// standard class (std::invalid_argument, std::system_error, std::overflow_error, which
/// pybind11 maps to ValueError, OSError, OverflowError): `catch (const caseledger::error& e)`
/// catches them all, and `e.what()` is the message. (A std::logic_error is a bug in
/// caseledger, never the input's fault.)
///
///     try {
///       auto book = caseledger::read_ledger(path);
///     } catch (const caseledger::error& e) {
///       std::cerr << e.what() << '\n';
///     }
class error {
 public:
  virtual ~error() = default;
  /// The message.
  virtual const char* what() const noexcept = 0;

 protected:
  error() = default;
  error(const error&) = default;
  error& operator=(const error&) = default;
};

/// One thing wrong with an input ledger, located as precisely as the input allows.
///
/// `to_string()` gives the one-line form every tool prints:
///
///     ledger.json:57:31: /cases/17/resolved_on (case cs-0017): resolved_on 2020-01-02 is
///     before reported_on 2020-01-05
///
/// A problem in a spreadsheet's sheet names its cell as Excel shows it, the column a letter:
///
///     book.xlsx[问题台账]:C17: /cases/15/reported_on (case 16): column '反映日期': …
struct problem {
  std::string file;        ///< the input file as the user named it ("" when built in memory)
  std::size_t line = 0;    ///< 1-based line (a sheet's row number), 0 when unknown
  std::size_t column = 0;  ///< 1-based column (bytes; a sheet's column number), 0 when unknown
  /// Whether line and column are a sheet's row and column (xlsx, ods), shown as a cell
  /// ("C17"), rather than a text file's line and byte column (JSON, CSV).
  bool sheet_cell{};
  std::string pointer;      ///< JSON pointer of the field or record, e.g. "/cases/17/resolved_on"
  std::string record_kind;  ///< "case", "measure", … ("" for the document itself)
  std::string record_id;    ///< the record's id where it is known
  std::string field;        ///< the field's name, e.g. "resolved_on" ("" for the whole record)
  std::string reason;       ///< what is wrong, e.g. "unknown district 'gulou'"

  /// "file:line:column: pointer (kind id): reason" ("file:C17: …" for a sheet's cell),
  /// leaving out the parts that are unknown.
  std::string to_string() const;

  /// "file:line:column" as problems and reading notes start, "file:C17" for a sheet's cell
  /// (`sheet_cell`): the unknown parts (0) left out, so a whole row is "file:17";
  /// `<ledger>` for records built in memory (no file).
  static std::string position(const std::string& file, std::size_t line, std::size_t column,
                              bool sheet_cell = false);

  /// A sheet's column number as Excel writes it: 1 is "A", 26 "Z", 27 "AA", 16384 "XFD".
  static std::string column_letters(std::size_t column);

  friend bool operator==(const problem&, const problem&) = default;
};

/// A ledger that breaks the rules of the domain (bad syntax, a bad value, a broken
/// reference). Carries every problem found, up to the reader's limit; `what()` is the
/// first problem's line, with a count of the others.
class ledger_error : public std::invalid_argument, public error {
 public:
  explicit ledger_error(std::vector<problem> problems);
  const std::vector<problem>& problems() const noexcept { return problems_; }
  const char* what() const noexcept override { return std::invalid_argument::what(); }

 private:
  std::vector<problem> problems_;
};

/// A file that could not be opened, read, written or renamed. `what()` names the path, the
/// operation and the operating system's reason.
class file_error : public std::system_error, public error {
 public:
  file_error(std::filesystem::path path, const std::string& operation, std::error_code reason);
  const std::filesystem::path& path() const noexcept { return path_; }
  const char* what() const noexcept override { return std::system_error::what(); }

 private:
  std::filesystem::path path_;
};

/// Options that make no sense together (a window that ends before it starts, an unknown
/// grouping key, …): the caller's mistake rather than the ledger's.
class usage_error : public std::invalid_argument, public error {
 public:
  using std::invalid_argument::invalid_argument;
  const char* what() const noexcept override { return std::invalid_argument::what(); }
};

/// A value that is not what it should be: text that is no date of the form YYYY-MM-DD, an
/// amount with more than two decimals (`date::parse`, `money::parse`). `reason()` says
/// which kind of problem it is, for a caller that words the message its own way.
class value_error : public std::invalid_argument, public error {
 public:
  enum class kind : std::uint8_t {
    malformed,   ///< not a value of the type at all
    too_precise  ///< an amount with more than two decimals
  };
  value_error(kind reason, const std::string& message)
      : std::invalid_argument(message), reason_(reason) {}
  kind reason() const noexcept { return reason_; }
  const char* what() const noexcept override { return std::invalid_argument::what(); }

 private:
  kind reason_;
};

/// A sum of money or a count that does not fit its 64-bit integer. Never silently wrapped.
class overflow_error : public std::overflow_error, public error {
 public:
  using std::overflow_error::overflow_error;
  const char* what() const noexcept override { return std::overflow_error::what(); }
};

}  // namespace caseledger
