// The one owner of a libxlsxwriter workbook: every call goes through here, every
// lxw_error becomes a file_error naming the file and the reason, and the workbook is
// closed (or freed unwritten) exactly once.
#pragma once

#include <cstddef>
#include <cstdint>
#include <ctime>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "io/xlsx/write/sheet_rows.hpp"

struct lxw_workbook;
struct lxw_worksheet;
struct lxw_format;

namespace caseledger::detail {

/// How a cell looks; made into a shared format once by `xlsx_workbook::add_style`.
struct cell_style {
  std::string number_format;  ///< "" for General
  bool bold = false;
  bool wrap = false;
  bool center = false;
  bool right = false;
  bool border = false;
  bool top_align = false;
  double font_size = 0;    ///< 0 keeps the workbook default
  std::string font{};      ///< "" keeps the workbook default
  std::uint32_t fill = 0;  ///< background as 0xRRGGBB, 0 for none
  friend bool operator==(const cell_style&, const cell_style&) = default;
};

/// How a sheet prints: always A4, at margins an office printer takes (half an inch at the
/// sides, three quarters at the top and bottom), the page number in the footer.
struct print_setup {
  bool landscape = true;
  /// Rows printed at the top of every page.
  std::uint32_t first_repeated_row = 0, last_repeated_row = 0;
  /// Columns 0 to this one printed at the left of every page (the row labels of a table
  /// printed in blocks of columns).
  std::optional<std::uint16_t> last_repeated_column;
  /// Where a new page starts, the columns left of which a block ends.
  std::vector<std::uint16_t> column_breaks;
  /// The scale in percent, the columns going on to further pages where they must. Not
  /// set, and no `column_breaks`: the sheet is scaled to one page wide.
  std::optional<std::uint16_t> scale;
  std::string header;  ///< the page header, libxlsxwriter's codes; "" for none
  std::string footer;
};

/// A style made by a workbook, for its cells only.
using cell_format = lxw_format*;

/// What a native chart shows. References are whole formulas, e.g. "='概况'!$B$7:$B$9"
/// (see `range_reference`).
///
/// In constant-memory mode libxlsxwriter cannot read the cells back, so the series carries
/// what they hold: the chart then shows text categories as text (not 1, 2, 3) and
/// previews that do not recalculate still show the figures.
struct chart_series_spec {
  std::string name;
  std::string categories;
  std::string values;
  bool data_labels = false;
  std::vector<std::string> category_cache;         ///< the category cells' text
  std::vector<std::optional<double>> value_cache;  ///< the value cells (nullopt: empty)
};

enum class chart_kind : std::uint8_t { column, bar, line };

struct chart_spec {
  chart_kind kind = chart_kind::column;
  std::string title;
  std::string category_axis;
  std::string value_axis;
  std::string value_format;         ///< number format of the value axis and data labels; "" General
  std::optional<double> value_min;  ///< the value axis' bounds; automatic when not set
  std::optional<double> value_max;
  std::vector<chart_series_spec> series;
  double x_scale = 1.0;
  double y_scale = 1.0;
};

/// "='<sheet>'!$A$1:$B$2" for the zero-based cell range, the sheet name always quoted
/// (quotes inside it doubled), as chart series expect it.
std::string range_reference(std::string_view sheet, std::uint32_t first_row,
                            std::uint16_t first_col, std::uint32_t last_row,
                            std::uint16_t last_col);

class xlsx_workbook;

/// One worksheet of an `xlsx_workbook`; a handle that the workbook outlives. Rows and
/// columns are zero-based. In constant-memory mode rows must be written top to bottom.
class xlsx_sheet {
 public:
  /// Writes `text` as a string cell (never a formula, whatever it starts with), without
  /// the characters XML forbids and cut to Excel's 32,767 UTF-16 units (with one warning
  /// per workbook on stderr).
  void text(std::uint32_t row, std::uint16_t col, std::string_view text,
            cell_format format = nullptr);
  /// Writes a number; `format` says how it shows (percent, money, date).
  void number(std::uint32_t row, std::uint16_t col, double value, cell_format format = nullptr);
  /// Writes an empty cell that keeps `format` (a rate with no value).
  void blank(std::uint32_t row, std::uint16_t col, cell_format format);
  /// Merges the range and writes `text` into it as `text()` does.
  void merged_text(std::uint32_t first_row, std::uint16_t first_col, std::uint32_t last_row,
                   std::uint16_t last_col, std::string_view text, cell_format format = nullptr);
  /// Sets the width (in characters) of the columns, and their default format.
  void column_width(std::uint16_t first_col, std::uint16_t last_col, double width,
                    cell_format format = nullptr);
  /// Sets a row's height in points.
  void row_height(std::uint32_t row, double height);
  /// Keeps the rows above `row` and the columns left of `col` in view.
  void freeze(std::uint32_t row, std::uint16_t col);
  void autofilter(std::uint32_t first_row, std::uint16_t first_col, std::uint32_t last_row,
                  std::uint16_t last_col);
  /// Sets how the sheet prints.
  void print(const print_setup& setup);
  /// Prints the sheet's gridlines (the listing, read on paper as a table).
  void print_gridlines();
  /// Adds a native chart with its top-left corner at the cell.
  void insert_chart(std::uint32_t row, std::uint16_t col, const chart_spec& chart);
  /// Writes out the row being written now, as constant-memory mode does when the next row
  /// starts or the workbook closes (which then finds nothing left to write). Its cells'
  /// formats are numbered now (see `xlsx_workbook::style_index`).
  void flush_row();

  const std::string& name() const noexcept { return name_; }

 private:
  friend class xlsx_workbook;
  xlsx_sheet(xlsx_workbook& book, lxw_worksheet* sheet, std::string name, std::size_t position,
             sheet_rows* rows)
      : book_(&book), sheet_(sheet), name_(std::move(name)), position_(position), rows_(rows) {}
  void check_cell(int error, std::uint32_t row, std::uint16_t col) const;
  // `text` by the cell text rules: `text` itself when they change nothing, else the
  // workbook's scratch string (valid until the next call); notes a cut at the cell.
  std::string_view cell_string(std::string_view text, std::uint32_t row, std::uint16_t col);
  // The same, NUL-terminated, for libxlsxwriter.
  const char* cell_c_string(std::string_view text, std::uint32_t row, std::uint16_t col);

  xlsx_workbook* book_;
  lxw_worksheet* sheet_;
  std::string name_;
  std::size_t position_;  // among the workbook's sheets
  sheet_rows* rows_;      // a streamed sheet's cells; null for libxlsxwriter's
};

/// A workbook being written to `file`. Nothing reaches the disk until `close()`; a
/// workbook destroyed without it is freed and no file is written.
/// Constant-memory temporary files go in `file`'s folder (the disk the result goes to,
/// not a /tmp that may be memory).
class xlsx_workbook {
 public:
  struct settings {
    /// Stream each finished row to a temporary file so memory stays flat however many
    /// rows are written (rows must then be written in order).
    bool constant_memory = false;
    /// The document's created time (docProps/core.xml); a fixed value makes the output
    /// byte-identical for the same content.
    std::time_t created = 0;
    std::string title;
    /// Whether sheets may be added with `add_streamed_sheet`: libxlsxwriter then packages
    /// the workbook beside `file`, and close puts the streamed rows in.
    bool streamed_sheets = false;
    /// Threads that deflate each streamed sheet; 0 for the machine's cores, at most four.
    unsigned compression_threads = 0;
  };

  /// `file` is where the workbook is written; `shown` names it in errors (the target the
  /// user asked for when `file` is a temporary). Throws `file_error`.
  xlsx_workbook(const std::filesystem::path& file, std::filesystem::path shown,
                const settings& options);
  ~xlsx_workbook();
  xlsx_workbook(const xlsx_workbook&) = delete;
  xlsx_workbook& operator=(const xlsx_workbook&) = delete;

  /// Adds a worksheet; throws `file_error` if the name is not a valid, unused sheet name.
  xlsx_sheet add_sheet(std::string_view name);

  /// Adds a worksheet whose cells caseledger writes itself and deflates on worker threads
  /// as they come (`sheet_rows`), for a sheet of many rows: only `text` and `number` may
  /// write its cells (top to bottom, each row left to right), with formats already numbered
  /// (`style_index`). The streamed sheet added before gets no more cells: its rows are
  /// finished now. Needs `settings::streamed_sheets`.
  xlsx_sheet add_streamed_sheet(std::string_view name);

  /// The shared format for `style`; the same style always gives the same format.
  cell_format add_style(const cell_style& style);

  /// The number `format` has among the workbook's styles (0 for the default, null),
  /// numbering it now if it has none yet. libxlsxwriter numbers a format when the first row
  /// using it is written out, in constant-memory mode when the next row starts (or, for a
  /// sheet's last row, at close, sheet by sheet, each sheet's column formats after its
  /// last row); the styles list formats by that number.
  std::int32_t style_index(cell_format format);

  /// Replaces the created time and title of the settings (read at close); `comments` is
  /// the document's comments property (the software that wrote it).
  void set_properties(std::time_t created, std::string title, std::string comments);
  /// Writes the file and releases the workbook. Throws `file_error` with libxlsxwriter's
  /// reason (and the system's, when it set one). Called at most once. The warning about
  /// texts cut to fit goes to stderr first: it names the first cut in sheet order, so it
  /// does not depend on the order the sheets were written in.
  void close();

  /// How many texts were cut to fit a cell.
  std::size_t cut_texts() const noexcept { return cut_texts_; }

 private:
  friend class xlsx_sheet;
  void check(int error, const std::string& operation) const;
  void note_cut(const xlsx_sheet& sheet, std::uint32_t row, std::uint16_t col);

  struct first_cut {
    std::size_t position;
    std::string sheet;
    std::uint32_t row;
    std::uint16_t col;
  };

  struct streamed_sheet {
    std::size_t position;
    std::unique_ptr<sheet_rows> rows;
    std::optional<deflated_size> size;  // once its rows are finished
  };
  void finish_streamed_rows();

  lxw_workbook* book_ = nullptr;
  std::filesystem::path file_;
  // Where libxlsxwriter writes: `file_`, or beside it when sheets are streamed.
  std::filesystem::path package_;
  unsigned compression_threads_;
  std::unique_ptr<scratch_file> compressed_rows_;  // of the streamed sheets
  std::vector<streamed_sheet> streamed_;
  std::filesystem::path shown_;
  bool constant_memory_ = false;
  std::time_t created_ = 0;
  std::string title_;
  std::string comments_;
  std::size_t sheets_ = 0;
  std::vector<std::pair<cell_style, cell_format>> styles_;
  std::size_t cut_texts_ = 0;
  std::optional<first_cut> first_cut_;
  std::string scratch_;  // a cell's text on its way to libxlsxwriter, which copies it
};

}  // namespace caseledger::detail
