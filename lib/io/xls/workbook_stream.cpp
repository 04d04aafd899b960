#include "io/xls/workbook_stream.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <charconv>
#include <cmath>
#include <map>
#include <utility>

#include "io/refuse.hpp"
#include "io/table/date_formats.hpp"
#include "io/table/field_conversion.hpp"

namespace caseledger::detail {
namespace {

constexpr std::uint16_t worksheet_type = 0x0000;        // BOUNDSHEET dt: a worksheet
constexpr std::uint16_t biff5_version = 0x0500;         // BOF vers of Excel 5.0 and 95
constexpr std::uint32_t days_1900_to_1904 = 1462;       // the 1904 system's day 0 in the 1900 one
constexpr std::uint64_t max_sheet_cells = 65536 * 256;  // what a BIFF8 sheet can hold

constexpr const char* biff5_reason =
    "saved in an Excel 5/95 format; save it as .xls (97-2003) or .xlsx";

// An RK number (MS-XLS 2.5.217): a 30-bit integer or the high 30 bits of a double, maybe
// to be divided by 100.
double rk_value(std::uint32_t rk) {
  const bool times_100 = (rk & 0x1) != 0;
  const bool integer = (rk & 0x2) != 0;
  const double value =
      integer ? static_cast<double>(static_cast<std::int32_t>(rk) >> 2)
              : std::bit_cast<double>(static_cast<std::uint64_t>(rk & 0xFFFFFFFC) << 32);
  return times_100 ? value / 100 : value;
}

// The text of an error value (BErr, MS-XLS 2.5.10), as a cell shows it.
std::string error_text(std::uint8_t code) {
  switch (code) {
    case 0x00:
      return "#NULL!";
    case 0x07:
      return "#DIV/0!";
    case 0x0F:
      return "#VALUE!";
    case 0x17:
      return "#REF!";
    case 0x1D:
      return "#NAME?";
    case 0x24:
      return "#NUM!";
    case 0x2A:
      return "#N/A";
    default:
      return "#GETTING_DATA";
  }
}

// The shortest text that reads back as `value`: what an xlsx file stores for a double.
std::string stored_text(double value) {
  std::array<char, 32> text{};
  const auto written = std::to_chars(text.data(), text.data() + text.size(), value);
  return std::string(text.data(), written.ptr);
}

// Checks a BOF record: BIFF8, or refused with the reason.
void check_bof(const biff_record& record, const std::string& shown) {
  if (record.type != biff::bof) {
    // BIFF2 to BIFF4 had BOF records of other types: 0x0009, 0x0209, 0x0409.
    if (record.type == 0x0009 || record.type == 0x0209 || record.type == 0x0409) {
      refuse(shown, "saved in a format older than Excel 97; save it as .xls (97-2003) or .xlsx");
    }
    refuse(shown, "the workbook's records do not start where they should (the file is damaged)");
  }
  record_cursor bof(record, shown);
  const std::uint16_t version = bof.u16();
  if (version == biff5_version) refuse(shown, biff5_reason);
  if (version != biff::biff8_version) {
    refuse(shown, "an unknown BIFF version " + std::to_string(version) +
                      " (not an Excel 97-2003 workbook)");
  }
}

}  // namespace

biff_workbook::biff_workbook(std::string_view stream, std::string shown, const read_limits& limits)
    : stream_(stream), shown_(std::move(shown)), limits_(limits) {
  record_stream records(stream_, 0, shown_);
  biff_record record;
  if (!records.next(record)) refuse(shown_, "the workbook stream is empty");
  check_bof(record, shown_);
  std::map<std::uint16_t, bool> custom_dates;  // FORMAT records, by format id
  std::vector<std::uint16_t> xf_formats;
  bool ended = false;
  while (!ended && records.next(record)) {
    switch (record.type) {
      case biff::filepass:
        refuse(shown_,
               "the workbook is encrypted (it has a password to open); save it "
               "without one");
      case biff::datemode:
        base_1904_ = record_cursor(record, shown_).u16() != 0;
        break;
      case biff::format: {
        record_cursor format(record, shown_);
        const std::uint16_t id = format.u16();
        custom_dates[id] = custom_date_format(format.unicode_string(limits_.max_string_bytes));
        break;
      }
      case biff::xf: {
        record_cursor xf(record, shown_);
        xf.u16();  // the font
        xf_formats.push_back(xf.u16());
        break;
      }
      case biff::boundsheet: {
        record_cursor sheet(record, shown_);
        const std::uint32_t offset = sheet.u32();
        sheet.u8();  // visibility: hidden sheets are read too
        const std::uint8_t type = sheet.u8();
        std::string name = sheet.short_unicode_string(limits_.max_string_bytes);
        if (type != worksheet_type) break;  // a chart, macro or VBA sheet
        names_.push_back(std::move(name));
        offsets_.push_back(offset);
        break;
      }
      case biff::sst: {
        record_cursor strings(record, records, shown_);
        read_shared_strings(strings);
        break;
      }
      case biff::eof:
        ended = true;
        break;
      default:
        break;
    }
  }
  if (!ended) refuse(shown_, "the workbook stream ends early (the file is truncated)");
  for (const std::uint16_t format : xf_formats) {
    const auto custom = custom_dates.find(format);
    date_xfs_.push_back(custom != custom_dates.end() ? custom->second
                                                     : builtin_date_format(format));
  }
}

void biff_workbook::read_shared_strings(record_cursor& strings) {
  strings.u32();  // how many cells use them
  const std::uint32_t unique = strings.u32();
  std::uint64_t total_bytes = 0;
  for (std::uint32_t i = 0; i < unique && !strings.at_end(); ++i) {
    if (shared_strings_.size() >= limits_.max_shared_strings) {
      refuse(shown_, "more than " + std::to_string(limits_.max_shared_strings) +
                         " shared strings (the limit max_shared_strings)");
    }
    shared_strings_.push_back(strings.rich_extended_string(limits_.max_string_bytes));
    total_bytes += shared_strings_.back().size();
    if (total_bytes > limits_.max_shared_string_bytes) {
      refuse(shown_, "shared strings of more than " +
                         std::to_string(limits_.max_shared_string_bytes) +
                         " bytes in all (the limit max_shared_string_bytes)");
    }
  }
}

// A number as the xlsx reader gives it: as Excel shows it, or in a date format the day.
std::string biff_workbook::number_text(double value, std::uint16_t xf) const {
  if (xf < date_xfs_.size() && date_xfs_[xf]) {
    // The 1904 system counts from 1904-01-01; the day is the same serial in the 1900 one
    // plus 1462 (only the whole days matter: a time of day is dropped).
    if (base_1904_ && value >= 0 && value < 1e7) value = std::floor(value) + days_1900_to_1904;
    return serial_as_date(stored_text(value));
  }
  return number_as_shown(stored_text(value));
}

std::vector<xls_cell> biff_workbook::sheet_cells(std::size_t index,
                                                 const std::string& shown) const {
  const std::uint32_t offset = offsets_.at(index);
  if (offset >= stream_.size()) {
    refuse(shown,
           "the sheet's records are past the end of the workbook stream (the file is "
           "damaged)");
  }
  record_stream records(stream_, offset, shown);
  biff_record record;
  records.next(record);
  check_bof(record, shown);

  std::vector<xls_cell> cells;
  std::size_t pending_string = cells.max_size();  // a formula cell whose STRING follows
  // Each cell is checked against the limits before it is kept.
  const auto place = [&](std::uint32_t row, std::uint32_t column) {
    if (column + 1 > limits_.max_fields) {
      refuse(shown, "row " + std::to_string(row + 1) + " has a cell in column " +
                        std::to_string(column + 1) + ", beyond the limit max_fields (" +
                        std::to_string(limits_.max_fields) + " cells in one row)");
    }
    if (cells.size() >= max_sheet_cells) {
      refuse(shown, "more cells than an Excel 97-2003 sheet holds (the file is damaged)");
    }
  };
  const auto add = [&](std::uint32_t row, std::uint32_t column, std::string text,
                       std::uint32_t shared = no_shared_string) {
    const bool blank = shared == no_shared_string ? text.empty() : shared_strings_[shared].empty();
    if (blank) return;
    place(row, column);
    cells.push_back({row, column, shared, std::move(text)});
  };
  const auto holds_a_cell = [](std::uint16_t type) {
    return type == biff::labelsst || type == biff::label || type == biff::number ||
           type == biff::rk || type == biff::mulrk || type == biff::formula ||
           type == biff::boolerr;
  };

  // Charts drawn on the sheet are substreams of their own, BOF to EOF, inside it.
  int depth = 0;
  bool ended = false;
  while (!ended && records.next(record)) {
    if (record.type == biff::bof) {
      ++depth;
      continue;
    }
    if (record.type == biff::eof) {
      ended = depth == 0;
      --depth;
      continue;
    }
    if (depth > 0) continue;
    // A formula's STRING comes after it, maybe after records of shared formulas.
    if (holds_a_cell(record.type)) pending_string = cells.max_size();
    record_cursor data(record, shown);
    switch (record.type) {
      case biff::labelsst: {
        const std::uint16_t row = data.u16();
        const std::uint16_t column = data.u16();
        data.u16();  // the XF
        const std::uint32_t string = data.u32();
        if (string >= shared_strings_.size()) {
          refuse_cell(shown, row + 1u, column + 1u,
                      "the cell names shared string " + std::to_string(string) +
                          ", which the workbook does not have");
        }
        add(row, column, {}, string);
        break;
      }
      case biff::label: {
        const std::uint16_t row = data.u16();
        const std::uint16_t column = data.u16();
        data.u16();
        add(row, column, data.unicode_string(limits_.max_string_bytes));
        break;
      }
      case biff::number: {
        const std::uint16_t row = data.u16();
        const std::uint16_t column = data.u16();
        const std::uint16_t xf = data.u16();
        add(row, column, number_text(data.f64(), xf));
        break;
      }
      case biff::rk: {
        const std::uint16_t row = data.u16();
        const std::uint16_t column = data.u16();
        const std::uint16_t xf = data.u16();
        add(row, column, number_text(rk_value(data.u32()), xf));
        break;
      }
      case biff::mulrk: {
        // row, first column, (XF, RK) for each cell, last column.
        const std::size_t size = record.data.size();
        if (size < 6 || (size - 6) % 6 != 0) {
          refuse(shown, "a MULRK record of a wrong length (the file is damaged)");
        }
        const std::uint16_t row = data.u16();
        const std::uint16_t first = data.u16();
        const std::size_t count = (size - 6) / 6;
        const std::uint16_t last =
            static_cast<std::uint16_t>(static_cast<unsigned char>(record.data[size - 2]) |
                                       static_cast<unsigned char>(record.data[size - 1]) << 8);
        if (count == 0 || last < first || last - first + 1u != count) {
          refuse_cell(shown, row + 1u, first + 1u,
                      "a MULRK record whose columns do not match its cells (the file is "
                      "damaged)");
        }
        for (std::size_t i = 0; i < count; ++i) {
          const std::uint16_t xf = data.u16();
          add(row, static_cast<std::uint32_t>(first + i), number_text(rk_value(data.u32()), xf));
        }
        break;
      }
      case biff::formula: {
        // The cached result: a double, or (its last two bytes 0xFFFF) a type in the first.
        const std::uint16_t row = data.u16();
        const std::uint16_t column = data.u16();
        const std::uint16_t xf = data.u16();
        std::array<std::uint8_t, 8> value{};
        for (std::uint8_t& byte : value) byte = data.u8();
        if (value[6] != 0xFF || value[7] != 0xFF) {
          add(row, column, number_text(std::bit_cast<double>(value), xf));
        } else if (value[0] == 0) {  // a string, in the STRING record after this one
          place(row, column);
          pending_string = cells.size();
          cells.push_back({row, column, no_shared_string, {}});
        } else if (value[0] == 1) {
          add(row, column, value[2] != 0 ? "true" : "false");
        } else if (value[0] == 2) {
          add(row, column, error_text(value[2]));
        }
        break;
      }
      case biff::string:
        if (pending_string < cells.size()) {
          record_cursor text(record, records, shown);
          cells[pending_string].text = text.unicode_string(limits_.max_string_bytes);
          pending_string = cells.max_size();
        }
        break;
      case biff::boolerr: {
        const std::uint16_t row = data.u16();
        const std::uint16_t column = data.u16();
        data.u16();
        const std::uint8_t value = data.u8();
        const bool error = data.u8() != 0;
        add(row, column, error ? error_text(value) : value != 0 ? "true" : "false");
        break;
      }
      default:
        break;
    }
  }
  if (!ended) refuse(shown, "the sheet's records end early (the file is truncated)");

  // Excel and LibreOffice write a sheet's cells row by row; sorted all the same, and a cell
  // written twice keeps its last value.
  std::stable_sort(cells.begin(), cells.end(), [](const xls_cell& a, const xls_cell& b) {
    return a.row != b.row ? a.row < b.row : a.column < b.column;
  });
  std::vector<xls_cell> unique;
  for (xls_cell& cell : cells) {
    if (!unique.empty() && unique.back().row == cell.row && unique.back().column == cell.column) {
      unique.back() = std::move(cell);
    } else {
      unique.push_back(std::move(cell));
    }
  }
  return unique;
}

}  // namespace caseledger::detail
