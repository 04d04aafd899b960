#include "io/xlsx/read/rows.hpp"

#include <algorithm>
#include <cstdint>
#include <deque>
#include <map>
#include <string_view>
#include <utility>

#include <expat.h>
#include <unzip.h>

#include "caseledger/core/date.hpp"
#include "caseledger/core/error.hpp"
#include "io/package/zip_xml.hpp"
#include "io/table/date_formats.hpp"
#include "io/table/field_conversion.hpp"
#include "io/table/read_ahead.hpp"

namespace caseledger::detail {

struct xlsx_book_reader::archive : zip_package {
  using zip_package::zip_package;
};

namespace {

// "BC12" → 55 (1-based column), 0 when it has no letters; past XFD (16384) 16385, so that
// a long run of letters cannot wrap around to a column that exists.
std::uint32_t column_number(std::string_view reference) {
  std::uint32_t column = 0;
  for (const char c : reference) {
    if (c < 'A' || c > 'Z') break;
    column = column * 26 + static_cast<std::uint32_t>(c - 'A' + 1);
    if (column > 16384) return 16385;
  }
  return column;
}

std::string join_part(std::string_view target) {
  if (target.starts_with('/')) return std::string(target.substr(1));
  return "xl/" + std::string(target);
}

// What a cell's `t` attribute says it holds, as far as reading it as text goes.
enum class cell_type { number, shared, boolean, other };

cell_type type_of(const XML_Char* t) {
  if (t == nullptr) return cell_type::number;  // the default
  const std::string_view type(t);
  if (type == "n") return cell_type::number;
  if (type == "s") return cell_type::shared;
  if (type == "b") return cell_type::boolean;
  return cell_type::other;  // inline and formula strings, ISO dates ("d"), errors
}

// The rows of one sheet, parsed a chunk at a time into a short queue.
class sheet_rows final : public row_source {
 public:
  sheet_rows(unzFile zip, const std::string& part, const std::string& shown,
             const std::vector<std::string>& shared_strings, const std::vector<bool>& date_styles,
             const read_limits& limits)
      : xml_(zip, part, shown, limits),
        shared_strings_(shared_strings),
        date_styles_(date_styles),
        shown_(shown) {
    if (!xml_.open()) refuse(shown, "the workbook has no part " + part);
    xml_.on_start_element = [this](std::string_view name, const XML_Char** attributes) {
      start(name, attributes);
    };
    xml_.on_end_element = [this](std::string_view name) { end(name); };
    xml_.on_characters = [this](std::string_view text) {
      if (!in_value_) return;
      xml_.check_text(value_.size() + text.size(), "a cell");
      value_ += text;
    };
  }

  bool next(table_row& row) override {
    row.clear();
    while (ready_.empty()) {
      if (!xml_.feed() && ready_.empty()) return false;
    }
    row = std::move(ready_.front());
    ready_.pop_front();
    return true;
  }

  std::uint32_t declared_last_row() const override { return declared_last_row_; }

 private:
  // The last row of a sheet's dimension ("A1:J200006"), believed up to a row per 32 bytes
  // of the sheet's XML (a row with a cell takes more), so that a false one costs little.
  void declare_rows(std::string_view reference) {
    const std::string_view last = reference.substr(reference.find(':') + 1);
    std::uint64_t row = 0;
    for (const char c : last) {
      if (c >= '0' && c <= '9')
        row = std::min<std::uint64_t>(row * 10 + static_cast<std::uint64_t>(c - '0'), 1u << 31);
    }
    declared_last_row_ = static_cast<std::uint32_t>(std::min(row, xml_.declared_bytes() / 32));
  }

  void start(std::string_view name, const XML_Char** attributes) {
    if (name == "dimension") {
      const XML_Char* reference = attribute(attributes, "ref");
      if (reference != nullptr) declare_rows(reference);
    } else if (name == "row") {
      building_.clear();
      const XML_Char* number = attribute(attributes, "r");
      row_number_ = number != nullptr
                        ? static_cast<std::uint32_t>(number_attribute(shown_, "r", number))
                        : row_number_ + 1;
      last_column_ = 0;
    } else if (name == "c") {
      // The attributes looked at in one pass, not one per attribute: a sheet has millions
      // of cells. The first of a name counts, as with `attribute`.
      const XML_Char* reference = nullptr;
      const XML_Char* type = nullptr;
      const XML_Char* style = nullptr;
      for (const XML_Char** at = attributes; *at != nullptr; at += 2) {
        const std::string_view attribute_name = local_name(at[0]);
        if (attribute_name == "r" && reference == nullptr) reference = at[1];
        if (attribute_name == "t" && type == nullptr) type = at[1];
        if (attribute_name == "s" && style == nullptr) style = at[1];
      }
      column_ = reference != nullptr ? column_number(reference) : 0;
      if (column_ == 0) column_ = last_column_ + 1;
      last_column_ = column_;
      type_ = type_of(type);
      style_ = style != nullptr ? number_attribute(shown_, "s", style) : 0;
      value_.clear();
      in_inline_ = false;
    } else if (name == "v") {
      in_value_ = true;
    } else if (name == "is") {
      in_inline_ = true;
    } else if (name == "t" && in_inline_ && !in_phonetic_) {
      in_value_ = true;
    } else if (name == "rPh") {
      in_phonetic_ = true;  // furigana runs are not part of the text
    }
  }

  void end(std::string_view name) {
    if (name == "v" || (name == "t" && in_inline_ && !in_phonetic_)) {
      in_value_ = false;
    } else if (name == "rPh") {
      in_phonetic_ = false;
    } else if (name == "c") {
      add_cell();
    } else if (name == "row") {
      const std::size_t width = building_.size();
      ready_.push_back(std::move(building_));
      building_ = table_row();
      building_.reserve(width);  // rows are mostly as wide: one allocation, not one per doubling
      xml_.pause();              // one row at a time, however many the chunk holds
    }
  }

  void add_cell() {
    in_value_ = false;
    if (column_ > 16384) refuse(shown_, "a cell beyond column XFD");
    if (column_ > xml_.limits().max_fields) {
      refuse(shown_, "row " + std::to_string(row_number_) + " has a cell in column " +
                         std::to_string(column_) + ", beyond the limit max_fields (" +
                         std::to_string(xml_.limits().max_fields) + " cells in one row)");
    }
    while (building_.size() < column_) {
      table_cell& gap = building_.emplace_back();
      gap.line = row_number_;
      gap.column = static_cast<std::uint32_t>(building_.size());
    }
    table_cell& cell = building_[column_ - 1];
    if (type_ == cell_type::shared) {
      std::size_t index = 0;
      try {
        index = std::stoul(value_);
      } catch (const std::exception&) {
        index = shared_strings_.size();
      }
      if (index >= shared_strings_.size()) {
        refuse(shown_, "cell in row " + std::to_string(row_number_) +
                           " names a shared string that does not exist");
      }
      cell.text = shared_strings_[index];
    } else if (type_ == cell_type::boolean) {
      cell.text = value_ == "1" ? "true" : "false";
    } else if (type_ == cell_type::number && style_ < date_styles_.size() && date_styles_[style_]) {
      cell.text = serial_as_date(value_);
    } else if (type_ == cell_type::number) {
      cell.text = number_as_shown(value_);
    } else {
      cell.text = std::move(value_);  // inline and formula strings, ISO dates ("d")
    }
    value_.clear();
  }

  xml_part xml_;
  const std::vector<std::string>& shared_strings_;
  const std::vector<bool>& date_styles_;
  std::string shown_;
  std::deque<table_row> ready_;
  table_row building_;
  std::uint32_t row_number_ = 0;
  std::uint32_t column_ = 0;
  std::uint32_t last_column_ = 0;
  std::uint32_t declared_last_row_ = 0;
  cell_type type_ = cell_type::number;
  std::size_t style_ = 0;
  std::string value_;
  bool in_value_ = false;
  bool in_inline_ = false;
  bool in_phonetic_ = false;
};

}  // namespace

xlsx_book_reader::xlsx_book_reader(const std::filesystem::path& path, std::string shown,
                                   const read_limits& limits)
    : shown_(std::move(shown)),
      limits_(limits),
      archive_(std::make_unique<archive>(path, shown_, "an xlsx workbook")) {
  unzFile zip = archive_->handle();

  // Sheet names and relationship ids, then where each relationship points.
  std::vector<std::string> sheet_ids;
  {
    xml_part workbook(zip, "xl/workbook.xml", shown_, limits_);
    if (!workbook.open()) refuse(shown_, "not an xlsx workbook (no xl/workbook.xml)");
    workbook.on_start_element = [&](std::string_view name, const XML_Char** attributes) {
      if (name != "sheet") return;
      const XML_Char* sheet_name = attribute(attributes, "name");
      const XML_Char* id = attribute(attributes, "id");
      sheet_names_.emplace_back(sheet_name != nullptr ? sheet_name : "");
      sheet_ids.emplace_back(id != nullptr ? id : "");
    };
    workbook.parse_all();
  }
  std::map<std::string, std::string> targets;
  {
    xml_part relations(zip, "xl/_rels/workbook.xml.rels", shown_, limits_);
    if (!relations.open()) refuse(shown_, "not an xlsx workbook (no xl/_rels/workbook.xml.rels)");
    relations.on_start_element = [&](std::string_view name, const XML_Char** attributes) {
      if (name != "Relationship") return;
      const XML_Char* id = attribute(attributes, "Id");
      const XML_Char* target = attribute(attributes, "Target");
      if (id != nullptr && target != nullptr) targets[id] = join_part(target);
    };
    relations.parse_all();
  }
  for (std::size_t i = 0; i < sheet_ids.size(); ++i) {
    const auto target = targets.find(sheet_ids[i]);
    if (target == targets.end()) {
      refuse(shown_, "sheet '" + sheet_names_[i] + "' has no part in the workbook");
    }
    sheet_parts_.push_back(target->second);
  }

  {
    xml_part strings(zip, "xl/sharedStrings.xml", shown_, limits_);
    if (strings.open()) {
      bool in_text = false;
      bool in_phonetic = false;
      std::uint64_t total_bytes = 0;
      strings.on_start_element = [&](std::string_view name, const XML_Char**) {
        if (name == "si") {
          if (shared_strings_.size() >= limits_.max_shared_strings) {
            refuse(shown_, "more than " + std::to_string(limits_.max_shared_strings) +
                               " shared strings (the limit max_shared_strings)");
          }
          shared_strings_.emplace_back();
        }
        if (name == "rPh") in_phonetic = true;
        if (name == "t" && !in_phonetic) in_text = true;
      };
      strings.on_end_element = [&](std::string_view name) {
        if (name == "t") in_text = false;
        if (name == "rPh") in_phonetic = false;
      };
      strings.on_characters = [&](std::string_view text) {
        if (!in_text || shared_strings_.empty()) return;
        std::string& entry = shared_strings_.back();
        strings.check_text(entry.size() + text.size(), "a shared string");
        total_bytes += text.size();
        if (total_bytes > limits_.max_shared_string_bytes) {
          refuse(shown_, "shared strings of more than " +
                             std::to_string(limits_.max_shared_string_bytes) +
                             " bytes in all (the limit max_shared_string_bytes)");
        }
        entry += text;
      };
      strings.parse_all();
    }
  }

  {
    xml_part styles(zip, "xl/styles.xml", shown_, limits_);
    if (styles.open()) {
      std::map<std::size_t, bool> custom_dates;
      bool in_cell_formats = false;
      styles.on_start_element = [&](std::string_view name, const XML_Char** attributes) {
        if (name == "numFmt") {
          const XML_Char* id = attribute(attributes, "numFmtId");
          const XML_Char* code = attribute(attributes, "formatCode");
          if (id != nullptr && code != nullptr) {
            custom_dates[number_attribute(shown_, "numFmtId", id)] = custom_date_format(code);
          }
        } else if (name == "cellXfs") {
          in_cell_formats = true;
        } else if (name == "xf" && in_cell_formats) {
          const XML_Char* id = attribute(attributes, "numFmtId");
          const std::size_t format = id != nullptr ? number_attribute(shown_, "numFmtId", id) : 0;
          const auto custom = custom_dates.find(format);
          date_styles_.push_back(custom != custom_dates.end() ? custom->second
                                                              : builtin_date_format(format));
        }
      };
      styles.on_end_element = [&](std::string_view name) {
        if (name == "cellXfs") in_cell_formats = false;
      };
      styles.parse_all();
    }
  }
}

xlsx_book_reader::~xlsx_book_reader() = default;

std::unique_ptr<row_source> xlsx_book_reader::open_sheet(std::size_t index) {
  return read_ahead(std::make_unique<sheet_rows>(archive_->handle(), sheet_parts_.at(index),
                                                 shown_ + "[" + sheet_names_.at(index) + "]",
                                                 shared_strings_, date_styles_, limits_));
}

void xlsx_book_reader::check_unchanged() const { archive_->check_unchanged(); }

}  // namespace caseledger::detail
