// OpenDocument spreadsheets (.ods, as LibreOffice and WPS save them): a zip package whose
// content.xml holds every sheet as a table:table. Read a chunk at a time like an xlsx
// sheet, into the rows the workbook ledger reads: the same rules and messages, positions
// as book.ods[sheet]:row:column.
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "caseledger/core/error.hpp"
#include "caseledger/io/xlsx_ledger.hpp"
#include "io/package/zip_xml.hpp"
#include "io/table/field_conversion.hpp"
#include "io/table/read_ahead.hpp"
#include "io/table/workbook_ledger.hpp"

namespace caseledger {
namespace {

constexpr const char* content_part = "content.xml";
// The most rows a spreadsheet holds (LibreOffice's largest sheets): a row with content past
// it is refused; empty rows, however many are repeated, are only counted.
constexpr std::uint64_t max_sheet_rows = std::uint64_t{1} << 24;

// A repeat count (number-rows-repeated, number-columns-repeated), 1 when absent.
std::uint64_t repeat_of(const std::string& shown, const XML_Char** attributes,
                        std::string_view name) {
  const XML_Char* text = detail::attribute(attributes, name);
  if (text == nullptr) return 1;
  const std::size_t count = detail::number_attribute(shown, name, text);
  return count == 0 ? 1 : count;
}

// The rows of one table of content.xml. Spreadsheets pad a sheet with repeated empty rows
// and columns (a million at the end is usual): empty ones are counted, never built, and a
// repeated row with content is handed out copy by copy, so no repeat count can make a
// table larger in memory than its XML.
class ods_rows final : public detail::row_source {
 public:
  ods_rows(unzFile zip, std::string shown, std::size_t table, const read_limits& limits)
      : xml_(zip, content_part, shown, limits), shown_(std::move(shown)), table_(table) {
    if (!xml_.open()) detail::refuse(shown_, "not an ods spreadsheet (no content.xml)");
    xml_.on_start_element = [this](std::string_view name, const XML_Char** attributes) {
      start(name, attributes);
    };
    xml_.on_end_element = [this](std::string_view name) { end(name); };
    xml_.on_characters = [this](std::string_view text) {
      if (paragraph_depth_ == 0) return;
      xml_.check_text(text_.size() + text.size(), "a cell");
      text_ += text;
    };
  }

  bool next(detail::table_row& row) override {
    row.clear();
    while (ready_.empty()) {
      if (done_ || !xml_.feed()) {
        if (ready_.empty()) return false;
      }
    }
    pending& front = ready_.front();
    row = front.cells;
    for (detail::table_cell& cell : row) cell.line = front.line;
    ++front.line;
    if (--front.copies == 0) ready_.pop_front();
    return true;
  }

 private:
  struct pending {
    detail::table_row cells;
    std::uint32_t line = 0;    // the first copy's row number
    std::uint64_t copies = 1;  // how many rows the XML repeats it for
  };

  void start(std::string_view name, const XML_Char** attributes) {
    if (name == "table") {
      in_table_ = tables_seen_++ == table_;
      return;
    }
    if (!in_table_) return;
    if (name == "table-row") {
      building_.clear();
      column_ = 0;
      rows_repeated_ = repeat_of(shown_, attributes, "number-rows-repeated");
    } else if (name == "table-cell" || name == "covered-table-cell") {
      columns_repeated_ = repeat_of(shown_, attributes, "number-columns-repeated");
      text_.clear();
      paragraphs_ = 0;
      const XML_Char* type = detail::attribute(attributes, "value-type");
      value_type_ = type != nullptr ? type : "";
      const XML_Char* value = nullptr;
      if (value_type_ == "float" || value_type_ == "percentage" || value_type_ == "currency") {
        value = detail::attribute(attributes, "value");
      } else if (value_type_ == "date") {
        value = detail::attribute(attributes, "date-value");
      } else if (value_type_ == "boolean") {
        value = detail::attribute(attributes, "boolean-value");
      }
      value_ = value != nullptr ? value : "";
    } else if (name == "annotation") {
      ++annotation_depth_;  // a comment on the cell, not its value
    } else if (name == "p" && annotation_depth_ == 0) {
      if (paragraphs_++ > 0) text_ += '\n';  // a cell's paragraphs are its lines
      ++paragraph_depth_;
    } else if (paragraph_depth_ > 0 && name == "s") {
      const XML_Char* count = detail::attribute(attributes, "c");
      const std::size_t spaces =
          count != nullptr ? detail::number_attribute(shown_, "c", count) : 1;
      xml_.check_text(text_.size() + spaces, "a cell");
      text_.append(spaces, ' ');
    } else if (paragraph_depth_ > 0 && name == "tab") {
      text_ += '\t';
    } else if (paragraph_depth_ > 0 && name == "line-break") {
      text_ += '\n';
    }
  }

  void end(std::string_view name) {
    if (name == "table" && in_table_) {
      in_table_ = false;
      done_ = true;  // the sheet is read; the rest of content.xml is other sheets
      xml_.pause();
      return;
    }
    if (!in_table_) return;
    if (name == "annotation") {
      --annotation_depth_;
    } else if (name == "p" && annotation_depth_ == 0) {
      --paragraph_depth_;
    } else if (name == "table-cell" || name == "covered-table-cell") {
      add_cells();
    } else if (name == "table-row") {
      const auto first = row_number_ + 1;
      row_number_ += rows_repeated_;
      if (!building_.empty()) {
        if (row_number_ > max_sheet_rows) {
          detail::refuse(shown_, "a row with content past row " + std::to_string(max_sheet_rows) +
                                     ", more than a spreadsheet holds");
        }
        ready_.push_back({std::move(building_), static_cast<std::uint32_t>(first), rows_repeated_});
        building_ = detail::table_row();
      }
      xml_.pause();  // one row at a time, however many the chunk holds
    }
  }

  // The cell just ended, as text (numbers as Excel shows them, dates as their day), once
  // per column it is repeated over; empty cells are only counted.
  void add_cells() {
    std::string text;
    if (value_type_ == "float" || value_type_ == "percentage" || value_type_ == "currency") {
      text = detail::number_as_shown(value_);
    } else if (value_type_ == "date") {
      text = value_.substr(0, 10);  // "2020-01-05T00:00:00": the day
    } else if (value_type_ == "boolean") {
      text = value_;
    } else {
      text = text_;
    }
    const std::uint64_t first = column_;
    column_ += columns_repeated_;
    if (detail::trim_cell(text).empty()) return;
    if (column_ > xml_.limits().max_fields) {
      detail::refuse(shown_, "row " + std::to_string(row_number_ + 1) + " has a cell in column " +
                                 std::to_string(column_) + ", beyond the limit max_fields (" +
                                 std::to_string(xml_.limits().max_fields) + " cells in one row)");
    }
    while (building_.size() < column_) {
      detail::table_cell& cell = building_.emplace_back();
      cell.column = static_cast<std::uint32_t>(building_.size());
      if (building_.size() > first) cell.text = text;
    }
  }

  detail::xml_part xml_;
  std::string shown_;
  std::size_t table_;
  std::size_t tables_seen_ = 0;
  bool in_table_ = false;
  bool done_ = false;
  std::deque<pending> ready_;
  detail::table_row building_;
  std::uint64_t row_number_ = 0;
  std::uint64_t rows_repeated_ = 1;
  std::uint64_t column_ = 0;
  std::uint64_t columns_repeated_ = 1;
  std::string value_type_;
  std::string value_;
  std::string text_;
  std::size_t paragraphs_ = 0;
  std::size_t paragraph_depth_ = 0;
  std::size_t annotation_depth_ = 0;
};

class ods_book final : public detail::sheet_book {
 public:
  ods_book(const std::filesystem::path& path, std::string shown, const read_limits& limits)
      : package_(path, shown, "an ods spreadsheet"), shown_(std::move(shown)), limits_(limits) {
    // The sheets' names are the tables' names, which only content.xml gives.
    detail::xml_part content(package_.handle(), content_part, shown_, limits_);
    if (!content.open()) detail::refuse(shown_, "not an ods spreadsheet (no content.xml)");
    content.on_start_element = [&](std::string_view name, const XML_Char** attributes) {
      if (name != "table") return;
      const XML_Char* sheet = detail::attribute(attributes, "name");
      names_.emplace_back(sheet != nullptr ? sheet : "");
    };
    content.parse_all();
  }

  const std::vector<std::string>& sheet_names() const noexcept override { return names_; }

  std::unique_ptr<detail::row_source> open_sheet(std::size_t index) override {
    return detail::read_ahead(std::make_unique<ods_rows>(
        package_.handle(), shown_ + "[" + names_.at(index) + "]", index, limits_));
  }

  void check_unchanged() const override { package_.check_unchanged(); }

 private:
  detail::zip_package package_;
  std::string shown_;
  read_limits limits_;
  std::vector<std::string> names_;
};

}  // namespace

std::unique_ptr<detail::sheet_book> detail::open_ods_book(const std::filesystem::path& path,
                                                          const std::string& shown,
                                                          const read_limits& limits) {
  return std::make_unique<ods_book>(path, shown, limits);
}

ledger read_ods_ledger(const std::filesystem::path& path, const xlsx_ledger_options& options) {
  const std::string source = path.string();
  return detail::read_workbook_ledger(*detail::open_ods_book(path, source, options.common.limits),
                                      source, options);
}

}  // namespace caseledger
