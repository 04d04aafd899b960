#include "io/xlsx/write/workbook.hpp"

#include <xlsxwriter.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <stdexcept>
#include <system_error>
#include <thread>

#include "caseledger/core/error.hpp"
#include "io/xlsx/write/cell_text.hpp"
#include "io/xlsx/write/package_splice.hpp"

namespace caseledger::detail {
namespace {

/// libxlsxwriter's error numbers, named by lxw_strerror.
class xlsx_error_category final : public std::error_category {
 public:
  const char* name() const noexcept override { return "libxlsxwriter"; }
  std::string message(int code) const override {
    return lxw_strerror(static_cast<lxw_error>(code));
  }
};

const std::error_category& xlsx_category() {
  static const xlsx_error_category category;
  return category;
}

std::string cell_name(std::uint32_t row, std::uint16_t col) {
  return column_letters(col) + std::to_string(row + 1);
}

std::uint8_t chart_type(chart_kind kind) {
  switch (kind) {
    case chart_kind::column:
      return LXW_CHART_COLUMN;
    case chart_kind::bar:
      return LXW_CHART_BAR;
    case chart_kind::line:
      return LXW_CHART_LINE;
  }
  return LXW_CHART_COLUMN;
}

/// Gives a series range the cells' content (see chart_series_spec). Points are freed with
/// the chart by libxlsxwriter, so they are made with its allocator's calloc and strdup.
bool fill_cache(lxw_series_range* range, const std::vector<std::string>& strings,
                const std::vector<std::optional<double>>& numbers) {
  const std::size_t points = strings.empty() ? numbers.size() : strings.size();
  if (points == 0 || points > UINT16_MAX) return true;  // too many: Excel recalculates
  for (std::size_t i = 0; i < points; ++i) {
    auto* point = static_cast<lxw_series_data_point*>(calloc(1, sizeof(lxw_series_data_point)));
    if (point == nullptr) return false;
    STAILQ_INSERT_TAIL(range->data_cache, point, list_pointers);
    if (!strings.empty()) {
      point->is_string = LXW_TRUE;
      point->string = strdup(to_cell_text(strings[i]).text.c_str());
      if (point->string == nullptr) return false;
    } else if (numbers[i]) {
      point->number = *numbers[i];
    } else {
      point->no_data = LXW_TRUE;
    }
  }
  range->has_string_cache = strings.empty() ? LXW_FALSE : LXW_TRUE;
  range->num_data_points = static_cast<std::uint16_t>(points);
  range->ignore_cache = LXW_TRUE;  // keep ours: the workbook would find no cells to read
  return true;
}

}  // namespace

std::string range_reference(std::string_view sheet, std::uint32_t first_row,
                            std::uint16_t first_col, std::uint32_t last_row,
                            std::uint16_t last_col) {
  std::string quoted;
  for (char c : sheet) {
    quoted += c;
    if (c == '\'') quoted += '\'';
  }
  const auto absolute = [](std::uint32_t row, std::uint16_t col) {
    return "$" + column_letters(col) + "$" + std::to_string(row + 1);
  };
  return "='" + quoted + "'!" + absolute(first_row, first_col) + ":" + absolute(last_row, last_col);
}

xlsx_workbook::xlsx_workbook(const std::filesystem::path& file, std::filesystem::path shown,
                             const settings& options)
    : file_(file),
      package_(options.streamed_sheets ? std::filesystem::path(file.string() + ".package") : file),
      compression_threads_(options.compression_threads != 0
                               ? options.compression_threads
                               : std::clamp(std::thread::hardware_concurrency(), 1U, 4U)),
      shown_(std::move(shown)),
      constant_memory_(options.constant_memory),
      created_(options.created),
      title_(options.title) {
  const std::string name = package_.string();
  const std::filesystem::path folder = file.has_parent_path() ? file.parent_path() : ".";
  const std::string temporary_folder = folder.string();
  lxw_workbook_options lxw_options{};
  lxw_options.constant_memory = options.constant_memory ? LXW_TRUE : LXW_FALSE;
  lxw_options.tmpdir = const_cast<char*>(temporary_folder.c_str());  // read, not kept
  book_ = workbook_new_opt(name.c_str(), &lxw_options);
  if (book_ == nullptr) check(LXW_ERROR_MEMORY_MALLOC_FAILED, "create workbook");
}

xlsx_workbook::~xlsx_workbook() {
  // Not closed: an exception is on its way. Free everything, write nothing.
  if (book_ != nullptr) lxw_workbook_free(book_);
  if (package_ != file_) {
    std::error_code ignored;
    std::filesystem::remove(package_, ignored);
  }
}

void xlsx_workbook::check(int error, const std::string& operation) const {
  if (error == LXW_NO_ERROR) return;
  throw file_error(shown_, operation, std::error_code(error, xlsx_category()));
}

xlsx_sheet xlsx_workbook::add_sheet(std::string_view name) {
  const std::string text(name);
  check(workbook_validate_sheet_name(book_, text.c_str()), "add sheet '" + text + "' to workbook");
  errno = 0;
  lxw_worksheet* sheet = workbook_add_worksheet(book_, text.c_str());
  if (sheet == nullptr) {
    // Constant-memory sheets open a temporary file; that is what fails first.
    const auto operation = "add sheet '" + text + "' to workbook";
    if (errno != 0)
      throw file_error(shown_, operation, std::error_code(errno, std::generic_category()));
    check(constant_memory_ ? LXW_ERROR_CREATING_TMPFILE : LXW_ERROR_MEMORY_MALLOC_FAILED,
          operation);
  }
  return xlsx_sheet(*this, sheet, text, sheets_++, nullptr);
}

xlsx_sheet xlsx_workbook::add_streamed_sheet(std::string_view name) {
  if (package_ == file_) throw std::logic_error("xlsx_workbook: no streamed sheets were asked for");
  // One sheet's threads and buffers at a time, however many parts a listing has.
  finish_streamed_rows();
  if (!compressed_rows_) {
    compressed_rows_ =
        std::make_unique<scratch_file>(file_.has_parent_path() ? file_.parent_path() : ".", shown_);
  }
  streamed_sheet added{
      0, std::make_unique<sheet_rows>(*compressed_rows_, compression_threads_), {}};
  xlsx_sheet sheet = add_sheet(name);
  added.position = sheet.position_;
  sheet.rows_ = added.rows.get();
  streamed_.push_back(std::move(added));
  return sheet;
}

void xlsx_workbook::finish_streamed_rows() {
  if (!streamed_.empty() && !streamed_.back().size) {
    streamed_.back().size = streamed_.back().rows->finish();
  }
}

cell_format xlsx_workbook::add_style(const cell_style& style) {
  // The default style is libxlsxwriter's default format (null). A format of its own equal
  // to the default would get no index of its own, and libxlsxwriter hashes such a format
  // again for every cell written with it: an eighth of a big listing's time.
  if (style == cell_style{}) return nullptr;
  for (const auto& [known, format] : styles_) {
    if (known == style) return format;
  }
  lxw_format* format = workbook_add_format(book_);
  if (format == nullptr) check(LXW_ERROR_MEMORY_MALLOC_FAILED, "add a format to workbook");
  if (!style.number_format.empty()) format_set_num_format(format, style.number_format.c_str());
  if (style.bold) format_set_bold(format);
  if (style.wrap) format_set_text_wrap(format);
  if (style.center) {
    format_set_align(format, LXW_ALIGN_CENTER);
    format_set_align(format, LXW_ALIGN_VERTICAL_CENTER);
  }
  if (style.top_align) format_set_align(format, LXW_ALIGN_VERTICAL_TOP);
  if (style.border) format_set_border(format, LXW_BORDER_THIN);
  if (style.right) format_set_align(format, LXW_ALIGN_RIGHT);
  if (style.font_size > 0) format_set_font_size(format, style.font_size);
  if (!style.font.empty()) format_set_font_name(format, style.font.c_str());
  if (style.fill != 0) format_set_bg_color(format, static_cast<lxw_color_t>(style.fill));
  styles_.emplace_back(style, format);
  return format;
}

std::int32_t xlsx_workbook::style_index(cell_format format) {
  return format == nullptr ? 0 : lxw_format_get_xf_index(format);
}

void xlsx_workbook::set_properties(std::time_t created, std::string title, std::string comments) {
  created_ = created;
  title_ = std::move(title);
  comments_ = std::move(comments);
}

void xlsx_workbook::note_cut(const xlsx_sheet& sheet, std::uint32_t row, std::uint16_t col) {
  ++cut_texts_;
  if (!first_cut_ || sheet.position_ < first_cut_->position) {
    first_cut_ = first_cut{sheet.position_, sheet.name_, row, col};
  }
}

void xlsx_workbook::close() {
  if (book_ == nullptr) throw std::logic_error("xlsx_workbook::close() called twice");
  if (first_cut_) {
    std::cerr << "caseledger: warning: " << shown_.string() << ": text longer than "
              << excel_max_text_units << " characters cut to fit a cell (first in sheet '"
              << first_cut_->sheet << "', cell " << cell_name(first_cut_->row, first_cut_->col)
              << ")\n";
  }
  lxw_doc_properties properties{};
  // docProps/core.xml is XML too: the same characters are forbidden there.
  const std::string title = to_cell_text(title_).text;
  properties.title = const_cast<char*>(title.c_str());  // copied by libxlsxwriter
  properties.comments = const_cast<char*>(comments_.c_str());
  properties.created = created_;
  check(workbook_set_properties(book_, &properties), "set the properties of workbook");
  // The last streamed sheet's rows, compressed before libxlsxwriter packages the rest.
  finish_streamed_rows();
  std::vector<spliced_sheet> spliced;
  for (const streamed_sheet& sheet : streamed_) {
    spliced.push_back({"xl/worksheets/sheet" + std::to_string(sheet.position + 1) + ".xml",
                       sheet.rows.get(), *sheet.size});
  }
  lxw_workbook* book = book_;
  book_ = nullptr;  // workbook_close frees it whatever happens
  errno = 0;
  const lxw_error error = workbook_close(book);
  if (error == LXW_NO_ERROR) {
    if (package_ != file_) {
      splice_sheets(package_, file_, shown_, spliced);
      std::filesystem::remove(package_);
    }
    return;
  }
  const int system_error = errno;
  if (system_error != 0) {
    // The system's reason (disk full, permission) says more than libxlsxwriter's.
    throw file_error(shown_, std::string("write workbook (") + lxw_strerror(error) + ")",
                     std::error_code(system_error, std::generic_category()));
  }
  check(error, "write workbook");
}

void xlsx_sheet::check_cell(int error, std::uint32_t row, std::uint16_t col) const {
  // The message is only built for a failure: cells are written millions of times.
  if (error != LXW_NO_ERROR) {
    book_->check(error, "write cell " + name_ + "!" + cell_name(row, col) + " of workbook");
  }
}

std::string_view xlsx_sheet::cell_string(std::string_view text, std::uint32_t row,
                                         std::uint16_t col) {
  // Most texts are written as they are.
  if (cell_text_unchanged(text, excel_max_text_units, true)) return text;
  cell_text cell = to_cell_text(text, excel_max_text_units, true);
  if (cell.cut) book_->note_cut(*this, row, col);
  book_->scratch_ = std::move(cell.text);
  return book_->scratch_;
}

const char* xlsx_sheet::cell_c_string(std::string_view text, std::uint32_t row, std::uint16_t col) {
  const std::string_view cell = cell_string(text, row, col);
  // Most texts: one copy, for the terminating NUL libxlsxwriter needs.
  if (cell.data() != book_->scratch_.data()) book_->scratch_.assign(cell);
  return book_->scratch_.c_str();
}

void xlsx_sheet::text(std::uint32_t row, std::uint16_t col, std::string_view text,
                      cell_format format) {
  if (rows_ != nullptr) {
    rows_->text(row, col, cell_string(text, row, col), book_->style_index(format));
    return;
  }
  check_cell(worksheet_write_string(sheet_, row, col, cell_c_string(text, row, col), format), row,
             col);
}

void xlsx_sheet::number(std::uint32_t row, std::uint16_t col, double value, cell_format format) {
  if (rows_ != nullptr) {
    rows_->number(row, col, value, book_->style_index(format));
    return;
  }
  check_cell(worksheet_write_number(sheet_, row, col, value, format), row, col);
}

void xlsx_sheet::blank(std::uint32_t row, std::uint16_t col, cell_format format) {
  check_cell(worksheet_write_blank(sheet_, row, col, format), row, col);
}

void xlsx_sheet::merged_text(std::uint32_t first_row, std::uint16_t first_col,
                             std::uint32_t last_row, std::uint16_t last_col, std::string_view text,
                             cell_format format) {
  if (first_row == last_row && first_col == last_col) {
    this->text(first_row, first_col, text, format);
    return;
  }
  book_->check(worksheet_merge_range(sheet_, first_row, first_col, last_row, last_col,
                                     cell_c_string(text, first_row, first_col), format),
               "merge cells " + name_ + "!" + cell_name(first_row, first_col) + " of workbook");
}

void xlsx_sheet::column_width(std::uint16_t first_col, std::uint16_t last_col, double width,
                              cell_format format) {
  book_->check(worksheet_set_column(sheet_, first_col, last_col, width, format),
               "set the columns of sheet " + name_ + " of workbook");
}

void xlsx_sheet::flush_row() {
  // Only a constant-memory sheet holds a row back.
  if (sheet_->optimize_row != nullptr) lxw_worksheet_write_single_row(sheet_);
}

void xlsx_sheet::row_height(std::uint32_t row, double height) {
  book_->check(worksheet_set_row(sheet_, row, height, nullptr),
               "set row " + std::to_string(row + 1) + " of sheet " + name_ + " of workbook");
}

void xlsx_sheet::freeze(std::uint32_t row, std::uint16_t col) {
  worksheet_freeze_panes(sheet_, row, col);
}

void xlsx_sheet::autofilter(std::uint32_t first_row, std::uint16_t first_col,
                            std::uint32_t last_row, std::uint16_t last_col) {
  book_->check(worksheet_autofilter(sheet_, first_row, first_col, last_row, last_col),
               "set the autofilter of sheet " + name_ + " of workbook");
}

void xlsx_sheet::print(const print_setup& setup) {
  constexpr std::uint8_t a4_paper = 9;  // the paper sizes' numbering of ECMA-376
  worksheet_set_paper(sheet_, a4_paper);
  if (setup.landscape) worksheet_set_landscape(sheet_);
  // Inches: half an inch at the sides, three quarters at the top and bottom, room for the
  // header and footer.
  worksheet_set_margins(sheet_, 0.5, 0.5, 0.75, 0.75);
  const std::string operation = "set the printing of sheet " + name_ + " of workbook";
  if (setup.column_breaks.empty() && !setup.scale) worksheet_fit_to_pages(sheet_, 1, 0);
  // Fitting to the page would ignore the breaks and the scale (and shrink the text).
  if (setup.scale) worksheet_set_print_scale(sheet_, *setup.scale);
  if (!setup.column_breaks.empty()) {
    std::vector<lxw_col_t> breaks(setup.column_breaks.begin(), setup.column_breaks.end());
    breaks.push_back(0);  // the list's end, for libxlsxwriter
    book_->check(worksheet_set_v_pagebreaks(sheet_, breaks.data()), operation);
  }
  book_->check(worksheet_repeat_rows(sheet_, setup.first_repeated_row, setup.last_repeated_row),
               operation);
  if (setup.last_repeated_column) {
    book_->check(worksheet_repeat_columns(sheet_, 0, *setup.last_repeated_column), operation);
  }
  if (!setup.header.empty()) {
    book_->check(worksheet_set_header(sheet_, setup.header.c_str()), operation);
  }
  book_->check(worksheet_set_footer(sheet_, setup.footer.c_str()), operation);
}

void xlsx_sheet::print_gridlines() { worksheet_gridlines(sheet_, LXW_SHOW_PRINT_GRIDLINES); }

void xlsx_sheet::insert_chart(std::uint32_t row, std::uint16_t col, const chart_spec& spec) {
  const std::string operation = "add a chart to sheet " + name_ + " of workbook";
  lxw_chart* chart = workbook_add_chart(book_->book_, chart_type(spec.kind));
  if (chart == nullptr) book_->check(LXW_ERROR_MEMORY_MALLOC_FAILED, operation);
  for (const chart_series_spec& wanted : spec.series) {
    lxw_chart_series* series =
        chart_add_series(chart, wanted.categories.c_str(), wanted.values.c_str());
    if (series == nullptr) book_->check(LXW_ERROR_MEMORY_MALLOC_FAILED, operation);
    if (!fill_cache(series->categories, wanted.category_cache, {}) ||
        !fill_cache(series->values, {}, wanted.value_cache)) {
      book_->check(LXW_ERROR_MEMORY_MALLOC_FAILED, operation);
    }
    if (!wanted.name.empty()) chart_series_set_name(series, wanted.name.c_str());
    if (wanted.data_labels) {
      chart_series_set_labels(series);
      if (!spec.value_format.empty()) {
        chart_series_set_labels_num_format(series, spec.value_format.c_str());
      }
    }
    if (spec.kind == chart_kind::line)
      chart_series_set_marker_type(series, LXW_CHART_MARKER_CIRCLE);
  }
  if (!spec.title.empty()) chart_title_set_name(chart, spec.title.c_str());
  // A bar chart lies on its side: its x axis carries the values.
  lxw_chart_axis* category_axis = spec.kind == chart_kind::bar ? chart->y_axis : chart->x_axis;
  lxw_chart_axis* value_axis = spec.kind == chart_kind::bar ? chart->x_axis : chart->y_axis;
  if (!spec.category_axis.empty()) chart_axis_set_name(category_axis, spec.category_axis.c_str());
  if (!spec.value_axis.empty()) chart_axis_set_name(value_axis, spec.value_axis.c_str());
  if (!spec.value_format.empty()) chart_axis_set_num_format(value_axis, spec.value_format.c_str());
  if (spec.value_min) chart_axis_set_min(value_axis, *spec.value_min);
  if (spec.value_max) chart_axis_set_max(value_axis, *spec.value_max);
  if (spec.series.size() < 2) chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
  lxw_chart_options options{};
  options.x_scale = spec.x_scale;
  options.y_scale = spec.y_scale;
  book_->check(worksheet_insert_chart_opt(sheet_, row, col, chart, &options), operation);
}

}  // namespace caseledger::detail
