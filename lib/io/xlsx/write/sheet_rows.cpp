#include "io/xlsx/write/sheet_rows.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace caseledger::detail {
namespace {

// Rows are handed to the compressor in pieces of about this size.
constexpr std::size_t flush_bytes = std::size_t{64} << 10;

void append_number(std::string& out, std::uint64_t n) {
  char digits[24];
  const auto [end, error] = std::to_chars(digits, digits + sizeof digits, n);
  out.append(digits, end);
}

/// The text as libxlsxwriter writes an inline string: control characters as _xHHHH_
/// (a carriage return is the one `to_cell_text` leaves), then &, < and > as entities.
void append_escaped(std::string& out, std::string_view text) {
  std::size_t plain = 0;
  const auto flush_plain = [&](std::size_t at) { out.append(text.substr(plain, at - plain)); };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    const char* entity = nullptr;
    char control[8];
    switch (byte) {
      case '&':
        entity = "&amp;";
        break;
      case '<':
        entity = "&lt;";
        break;
      case '>':
        entity = "&gt;";
        break;
      default:
        if (byte >= 0x20 || byte == '\t' || byte == '\n') continue;
        std::snprintf(control, sizeof control, "_x%04X_", byte);
        entity = control;
    }
    flush_plain(i);
    out.append(entity);
    plain = i + 1;
  }
  flush_plain(text.size());
}

/// Whether the byte is one C's isspace() accepts, as libxlsxwriter tests a string's ends.
bool is_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

}  // namespace

std::string column_letters(std::uint16_t col) {
  std::string letters;
  for (unsigned n = col + 1U; n > 0; n = (n - 1) / 26) {
    letters.insert(letters.begin(), static_cast<char>('A' + (n - 1) % 26));
  }
  return letters;
}

void sheet_rows::start_cell(std::uint32_t row, std::uint16_t col, std::int32_t style) {
  if (!in_row_ || row != row_) {
    if (in_row_ && row < row_) throw std::logic_error("sheet_rows: rows must come in order");
    if (in_row_) xml_ += "</row>";
    if (xml_.size() >= flush_bytes) flush();
    xml_ += "<row r=\"";
    append_number(xml_, std::uint64_t{row} + 1);
    xml_ += "\">";
    in_row_ = true;
    row_ = row;
    previous_col_ = -1;
  }
  if (static_cast<std::int32_t>(col) <= previous_col_) {
    throw std::logic_error("sheet_rows: a row's cells must come left to right");
  }
  previous_col_ = col;
  first_row_ = std::min(first_row_, row);
  last_row_ = std::max(last_row_, row);
  first_col_ = std::min(first_col_, col);
  last_col_ = std::max(last_col_, col);
  while (letters_.size() <= col) {
    letters_.push_back(column_letters(static_cast<std::uint16_t>(letters_.size())));
  }
  xml_ += "<c r=\"";
  xml_ += letters_[col];
  append_number(xml_, std::uint64_t{row} + 1);
  xml_ += '"';
  if (style != 0) {
    xml_ += " s=\"";
    append_number(xml_, static_cast<std::uint64_t>(style));
    xml_ += '"';
  }
}

void sheet_rows::text(std::uint32_t row, std::uint16_t col, std::string_view text,
                      std::int32_t style) {
  if (text.empty()) return;
  start_cell(row, col, style);
  xml_ += " t=\"inlineStr\"><is><t";
  const std::size_t start = xml_.size() + 1;
  xml_ += '>';
  append_escaped(xml_, text);
  if (is_space(xml_[start]) || is_space(xml_.back())) {
    xml_.insert(start - 1, " xml:space=\"preserve\"");
  }
  xml_ += "</t></is></c>";
}

void sheet_rows::number(std::uint32_t row, std::uint16_t col, double value, std::int32_t style) {
  start_cell(row, col, style);
  xml_ += "><v>";
  // printf's %.16G, which libxlsxwriter writes numbers with, gives a whole number below
  // 10^16 as its digits.
  if (value == std::trunc(value) && std::fabs(value) < 1e15 &&
      !(value == 0 && std::signbit(value))) {
    const auto whole = static_cast<long long>(value);
    char digits[24];
    const auto [end, error] = std::to_chars(digits, digits + sizeof digits, whole);
    xml_.append(digits, end);
  } else {
    char digits[40];
    const int length = std::snprintf(digits, sizeof digits, "%.16G", value);
    xml_.append(digits, static_cast<std::size_t>(length));
  }
  xml_ += "</v></c>";
}

void sheet_rows::flush() {
  data_.write(xml_);
  xml_.clear();
}

deflated_size sheet_rows::finish() {
  if (in_row_) xml_ += "</row>";
  in_row_ = false;
  flush();
  return data_.finish();
}

std::string sheet_rows::dimension() const {
  if (first_row_ == UINT32_MAX) return {};
  std::string range = column_letters(first_col_) + std::to_string(std::uint64_t{first_row_} + 1);
  if (first_row_ == last_row_ && first_col_ == last_col_) return range;
  return range + ":" + column_letters(last_col_) + std::to_string(std::uint64_t{last_row_} + 1);
}

}  // namespace caseledger::detail
