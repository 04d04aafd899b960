#include "io/stream/ledger_passes.hpp"

#include <cstdint>
#include <stdexcept>
#include <utility>

#include "caseledger/io/csv_ledger.hpp"
#include "io/csv/records.hpp"
#include "io/json/records.hpp"

namespace caseledger::detail {
namespace {

// Hands every record of `book`, a ledger that broke no rule, to `sink` in the one pass's
// order, after its notes and extra columns; each record's origin is its place in its kind.
void hand_on(const ledger& book, record_sink& sink) {
  for (const reading_note& noticed : book.notes()) sink.note(noticed);
  for (const std::string& column : book.case_extra_columns())
    sink.declare_case_extra_column(column);
  const auto each = [&](const auto& records) {
    for (std::size_t i = 0; i < records.size(); ++i) {
      auto record = records[i];
      sink.add(record, record_origin{.index = static_cast<std::uint32_t>(i)});
    }
  };
  each(book.districts());
  each(book.enterprises());
  each(book.projects());
  each(book.teams());
  each(book.units());
  each(book.cases());
  each(book.measures());
}

}  // namespace

pass_plan kinds_of(std::initializer_list<record_kind> wanted) {
  pass_plan plan;
  for (const record_kind kind : wanted) plan.kinds[static_cast<std::size_t>(kind)] = true;
  return plan;
}

ledger_input::ledger_input(std::filesystem::path path, ledger_file_format format,
                           std::string source, const ledger_reading& reading)
    : path_(std::move(path)), format_(format), source_(std::move(source)), reading_(reading) {
  switch (format_) {
    case ledger_file_format::json:
      shape_ = ledger_shape::any_order;
      return;
    case ledger_file_format::csv_sheet:
      shape_ = ledger_shape::flat_sheet;
      return;
    case ledger_file_format::csv_folder:
      shape_ = ledger_shape::tables;
      return;
    case ledger_file_format::xlsx:
      book_ = open_xlsx_book(path_, source_, reading_.common.limits);
      break;
    case ledger_file_format::xls:
      book_ = open_xls_book(path_, source_, reading_.common.limits);
      break;
    case ledger_file_format::ods:
      book_ = open_ods_book(path_, source_, reading_.common.limits);
      break;
  }
  layout_ = plan_workbook(*book_, source_, reading_.mapping, reading_.sheet);
  shape_ = layout_.per_kind()                ? ledger_shape::tables
           : layout_.flat_sheets.size() == 1 ? ledger_shape::flat_sheet
                                             : ledger_shape::sheets_of_cases;
  // A flat sheet is read twice: its rows are parsed once.
  if (shape_ == ledger_shape::flat_sheet) {
    auto recorded = std::make_unique<recorded_book>(std::move(book_));
    recorded_ = recorded.get();
    book_ = std::move(recorded);
  }
}

ledger_input::~ledger_input() = default;

std::array<std::string, record_kind_count> ledger_input::tables() const {
  if (book_) return workbook_tables(*book_, source_, layout_);
  if (format_ != ledger_file_format::csv_folder) return {};
  return csv_tables(path_);
}

void ledger_input::read_all(record_sink& sink, flat_sheet_pass* flat, input_source* piped) const {
  csv_ledger_options csv;
  csv.encoding = reading_.encoding;
  csv.common = reading_.common;
  csv.case_number_scope = reading_.case_number_scope;
  switch (format_) {
    case ledger_file_format::json:
      return read_json_records(path_, reading_.common, sink, piped);
    case ledger_file_format::csv_sheet:
      return read_flat_csv_records(path_, csv, reading_.mapping, sink, flat);
    case ledger_file_format::csv_folder:
      return read_csv_folder_records(path_, csv, reading_.mapping, sink);
    case ledger_file_format::xlsx:
    case ledger_file_format::xls:
    case ledger_file_format::ods:
      if (shape_ == ledger_shape::sheets_of_cases) {
        return hand_on(
            read_workbook_ledger(*book_, layout_,
                                 {reading_.mapping, reading_.common, reading_.case_number_scope},
                                 source_),
            sink);
      }
      return read_workbook_records(*book_, layout_,
                                   {reading_.mapping, reading_.common, reading_.case_number_scope},
                                   sink, flat);
  }
}

void ledger_input::read(record_sink& sink, pass_plan* plan, input_source* piped) const {
  if (is_workbook(format_) && !book_) {
    throw std::logic_error("caseledger: " + source_ + " read after it was closed");
  }
  if (plan == nullptr) return read_all(sink, nullptr, piped);
  pass_sink pass(sink, *plan);
  read_all(pass, &plan->flat, piped);
}

}  // namespace caseledger::detail
