// The workbook's writer: the listing (明细: its columns, widths and printing), the start both
// ways of writing share, the eager workbook, and the public entry points.
#include "caseledger/io/xlsx_report.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "caseledger/core/error.hpp"
#include "caseledger/io/output_file.hpp"
#include "caseledger/metrics/comparison.hpp"
#include "caseledger/version.hpp"
#include "io/report_words.hpp"
#include "io/xlsx/write/cell_text.hpp"
#include "io/xlsx/write/print_plan.hpp"
#include "io/xlsx/write/process_figures.hpp"
#include "io/xlsx/write/sheet_formats.hpp"
#include "io/xlsx/write/statistics_sheets.hpp"
#include "io/xlsx/write/workbook.hpp"
#include "io/xlsx/write/workbook_source.hpp"

namespace caseledger {
namespace {

using detail::bulletin_words;
using detail::cell_format;
using detail::column_widths;
using detail::concat;
using detail::formats;
using detail::shown_name;
using detail::words;
using detail::words_for;
using detail::workbook_title;
using detail::xlsx_sheet;

/// The document's created time: SOURCE_DATE_EPOCH when set (reproducible builds), else
/// midnight UTC of the as-of date, so the same input always gives the same bytes.
std::time_t created_time(const report& r) {
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch != nullptr && *epoch != 0) {
    long long seconds = 0;
    const char* end = epoch + std::char_traits<char>::length(epoch);
    const auto [stop, error] = std::from_chars(epoch, end, seconds);
    if (error == std::errc{} && stop == end && seconds >= 0)
      return static_cast<std::time_t>(seconds);
  }
  return static_cast<std::time_t>(r.as_of.days_since_epoch()) * 86'400;
}

using detail::listing_formats;

/// The display widths of the names a listing repeats (districts, subjects, teams), capped
/// as a listing column is, measured once per name: by the name's position in its ledger
/// list.
class name_widths {
 public:
  explicit name_widths(std::size_t names) : widths_(names, 0) {}
  std::size_t operator()(std::uint32_t position, std::string_view name) {
    std::uint8_t& known = widths_[position];  // the width + 1; 0 until measured
    if (known == 0) {
      known = static_cast<std::uint8_t>(
          std::min(detail::display_width(name), column_widths::default_cap) + 1);
    }
    return known - 1U;
  }

 private:
  static_assert(column_widths::default_cap < 255);
  std::vector<std::uint8_t> widths_;
};

/// Writes the 明细 listing, one case after the other, into streamed sheets added after every
/// other (明细, 明细(2)… past `max_rows_per_sheet`). Its formats must be numbered before
/// (`workbook_start`).
class listing_writer {
 public:
  // The listing's own columns; the handling process's follow them when the workbook shows
  // it (unit, co-units, extended to, followed up on, satisfaction), then the ledger's extra
  // case columns.
  static constexpr std::uint16_t fixed_columns = 12;
  static constexpr std::uint16_t process_columns = 5;

  struct part {
    part(xlsx_sheet first, std::uint16_t columns) : sheet(std::move(first)), widths(columns) {}
    xlsx_sheet sheet;
    column_widths widths;
    std::uint32_t rows = 0;  // cases in it
  };

  /// `process`: whether the listing has the handling process's columns.
  listing_writer(detail::xlsx_workbook& workbook, xlsx_sheet first, const ledger& book,
                 const xlsx_options& options, std::string title, const listing_formats& f,
                 bool process)
      : workbook_(workbook),
        book_(book),
        options_(options),
        title_(std::move(title)),
        words_(words_for(options.language)),
        process_words_(detail::process_words_for(options.language)),
        formats_(f),
        first_extra_(static_cast<std::uint16_t>(fixed_columns + (process ? process_columns : 0))),
        columns_(static_cast<std::uint16_t>(first_extra_ + book.case_extra_columns().size())),
        district_widths_(book.districts().size()),
        enterprise_widths_(book.enterprises().size()),
        project_widths_(book.projects().size()),
        team_widths_(book.teams().size()),
        unit_widths_(book.units().size()) {
    for (std::size_t i = 0; i < category_widths_.size(); ++i) {
      category_widths_[i] = detail::display_width(words_.categories[i]);
    }
    for (std::size_t i = 0; i < channel_widths_.size(); ++i) {
      channel_widths_[i] = detail::display_width(words_.channels[i]);
    }
    for (std::size_t i = 0; i < status_widths_.size(); ++i) {
      status_widths_[i] = detail::display_width(words_.statuses[i]);
    }
    start_part(std::move(first));
  }

  void add(const detail::listed_case& c) {
    if (parts_.back().rows == options_.max_rows_per_sheet) {
      // Past the sheet's last row: the listing goes on, header repeated, on 明细(2), …
      start_part(
          workbook_.add_streamed_sheet(listing_sheet_name(words_, options_, parts_.size() + 1)));
    }
    part& p = parts_.back();
    write_case(p, ++p.rows, c);
  }

  /// Sets every part's filter (over the rows it holds) and column widths; `wrapped` is the
  /// summary column's format. Call once, after the last case.
  void finish(cell_format wrapped) {
    for (part& p : parts_) {
      p.sheet.autofilter(0, 0, p.rows, columns_ - 1);
      // The summary column wraps instead of growing without end.
      p.widths.set(summary_column, summary_width);
      p.widths.apply(p.sheet);
      p.sheet.column_width(summary_column, summary_column,
                           static_cast<double>(p.widths.shown(summary_column)), wrapped);
      print(p);
    }
  }

  static std::string listing_sheet_name(const words& w, const xlsx_options& options,
                                        std::size_t part) {
    if (part == 1) return std::string(w.cases);
    const std::string number = std::to_string(part);
    return options.language == report_language::en ? concat({w.cases, " (", number, ")"})
                                                   : concat({w.cases, "(", number, ")"});
  }

 private:
  static constexpr std::uint16_t summary_column = 5;
  static constexpr std::size_t summary_width = 48;

  /// A listing part prints landscape, one page wide when that leaves its text readable,
  /// else at the smallest readable scale with the case ids repeated on the pages its
  /// further columns go on to; the header row on every page, the title too in the office
  /// form.
  void print(part& p) const {
    detail::print_setup setup;
    setup.footer = words_.page_footer;
    // The office prints the listing as a table of its own: the title on every page.
    if (options_.form == workbook_form::office) setup.header = detail::page_header(title_);
    double total = 0;
    for (std::size_t col = 0; col < p.widths.size(); ++col) total += p.widths.points(col);
    const double smallest = detail::readable_scale(11.0);
    if (total * smallest > detail::landscape_width) {
      setup.scale = static_cast<std::uint16_t>(std::ceil(smallest * 100));
      setup.last_repeated_column = 0;
    }
    p.sheet.print(setup);
    p.sheet.print_gridlines();
  }

  /// The header row of a listing sheet. Its filter waits for `finish`, when the number of
  /// rows is known: libxlsxwriter keeps it aside, not in the rows.
  void start_part(xlsx_sheet sheet) {
    part& p = parts_.emplace_back(std::move(sheet), columns_);
    const std::array<std::string_view, fixed_columns> headers = {
        words_.case_id,     words_.district,     words_.subject,         words_.category,
        words_.channel,     words_.summary_text, words_.reported_on,     words_.due_on,
        words_.resolved_on, words_.status,       words_.days_to_resolve, words_.team};
    for (std::uint16_t col = 0; col < fixed_columns; ++col) {
      p.sheet.text(0, col, headers[col], formats_.header);
      p.widths.fit(col, headers[col]);
    }
    if (first_extra_ > fixed_columns) {
      const std::array<std::string_view, process_columns> process_headers = {
          process_words_.unit, process_words_.co_units, process_words_.extended_due_on,
          process_words_.followed_up_on, process_words_.satisfaction};
      for (std::uint16_t i = 0; i < process_columns; ++i) {
        const auto col = static_cast<std::uint16_t>(fixed_columns + i);
        p.sheet.text(0, col, process_headers[i], formats_.header);
        p.widths.fit(col, process_headers[i]);
      }
      for (std::uint16_t col = fixed_columns + 2; col <= fixed_columns + 3; ++col)
        p.widths.fit_width(col, 10);
    }
    for (std::uint16_t col = first_extra_; col < columns_; ++col) {
      const std::string& header = book_.case_extra_columns()[col - first_extra_];
      p.sheet.text(0, col, header, formats_.header);
      p.widths.fit(col, header);
    }
    for (std::uint16_t col = 6; col <= 8; ++col) p.widths.fit_width(col, 10);
    p.sheet.freeze(1, 1);
  }

  void day(part& p, std::uint32_t row, std::uint16_t col, std::optional<date> value) {
    // Excel counts days from 1899-12-30 (its 1900 leap-year bug included), 25569 before
    // 1970-01-01.
    if (!value) return;
    p.sheet.number(row, col, value->days_since_epoch() + 25569.0, formats_.date);
  }

  void write_case(part& p, std::uint32_t row, const detail::listed_case& c) {
    xlsx_sheet& sheet = p.sheet;
    // A cell whose width is known (a name measured once, a fixed word), or measured here.
    const auto cell = [&](std::uint16_t col, std::string_view text, std::size_t width) {
      if (text.empty()) return;
      p.widths.fit_width(col, std::min(width, column_widths::default_cap));
      sheet.text(row, col, text, formats_.text);
    };
    const auto measured_cell = [&](std::uint16_t col, std::string_view text) {
      if (text.empty()) return;
      p.widths.fit(col, text);
      sheet.text(row, col, text, formats_.text);
    };
    constexpr std::uint32_t none = detail::listed_case::no_position;
    measured_cell(0, c.id);
    if (c.district_at != none) {
      const std::string_view name = shown_name(book_.districts()[c.district_at], options_.language);
      cell(1, name, district_widths_(c.district_at, name));
    } else {
      measured_cell(1, c.district);
    }
    if (c.enterprise_at != none) {
      const std::string& name = book_.enterprises()[c.enterprise_at].name;
      cell(2, name, enterprise_widths_(c.enterprise_at, name));
    } else if (!c.enterprise.empty()) {
      measured_cell(2, c.enterprise);
    } else if (c.project_at != none) {
      const std::string& name = book_.projects()[c.project_at].name;
      cell(2, name, project_widths_(c.project_at, name));
    } else {
      measured_cell(2, c.project);
    }
    cell(3, words_.categories[enum_index(c.category)], category_widths_[enum_index(c.category)]);
    if (c.channel) {
      cell(4, words_.channels[enum_index(*c.channel)], channel_widths_[enum_index(*c.channel)]);
    }
    if (!c.summary.empty()) {
      sheet.text(row, summary_column, c.summary, formats_.wrapped);
    }
    day(p, row, 6, c.reported_on);
    day(p, row, 7, c.due_on);
    day(p, row, 8, c.resolved_on);
    cell(9, words_.statuses[enum_index(c.status)], status_widths_[enum_index(c.status)]);
    if (c.status == case_status::resolved && c.resolved_on) {
      sheet.number(row, 10, *c.resolved_on - c.reported_on, formats_.integer);
    }
    if (c.team_at != none) {
      const std::string_view name = shown_name(book_.teams()[c.team_at]);
      cell(11, name, team_widths_(c.team_at, name));
    } else {
      measured_cell(11, c.team);
    }
    if (first_extra_ > fixed_columns) write_process(p, row, c);
    if (c.extras == nullptr) return;
    for (std::uint16_t col = first_extra_; col < columns_; ++col) {
      const auto value = c.extras->find(book_.case_extra_columns()[col - first_extra_]);
      if (value != c.extras->end()) measured_cell(col, extra_as_text(value->second));
    }
  }

  /// The handling process's columns of a case: its units by name (the id when the ledger
  /// lacks it), the extension's deadline and the follow-up as the ledger records them.
  void write_process(part& p, std::uint32_t row, const detail::listed_case& c) {
    constexpr std::uint32_t none = detail::listed_case::no_position;
    constexpr std::uint16_t first = fixed_columns;
    if (c.unit_at != none) {
      const std::string_view name = shown_name(book_.units()[c.unit_at]);
      p.widths.fit_width(first, unit_widths_(c.unit_at, name));
      p.sheet.text(row, first, name, formats_.text);
    } else if (!c.unit.empty()) {
      p.widths.fit(first, c.unit);
      p.sheet.text(row, first, c.unit, formats_.text);
    }
    if (!c.co_units_at.empty()) {
      std::string names;
      for (const std::uint32_t at : c.co_units_at) {
        if (!names.empty()) names += process_words_.list_separator;
        // A co-unit the context lacks fails the ledger's checks: it is never written.
        if (at != none) names += shown_name(book_.units()[at]);
      }
      p.widths.fit(first + 1, names);
      p.sheet.text(row, first + 1, names, formats_.text);
    }
    day(p, row, first + 2, c.extended_due_on);
    day(p, row, first + 3, c.followed_up_on);
    if (c.satisfaction) {
      const std::string_view word = process_words_.satisfaction_levels[enum_index(*c.satisfaction)];
      p.widths.fit(first + 4, word);
      p.sheet.text(row, first + 4, word, formats_.text);
    }
  }

  // An extra field as the clerk wrote it: extras keep JSON text, a cell's being a string.
  static std::string extra_as_text(std::string_view json) {
    const auto parsed = nlohmann::json::parse(json, nullptr, false);
    return parsed.is_string() ? parsed.get<std::string>() : std::string(json);
  }

  detail::xlsx_workbook& workbook_;
  const ledger& book_;
  const xlsx_options& options_;
  std::string title_;  // printed at the top of every page in the office form
  const words& words_;
  const detail::process_words& process_words_;
  listing_formats formats_;
  std::uint16_t first_extra_;  // the first of the ledger's extra columns
  std::uint16_t columns_;
  name_widths district_widths_, enterprise_widths_, project_widths_, team_widths_, unit_widths_;
  std::array<std::size_t, enum_count<case_category>> category_widths_{};
  std::array<std::size_t, enum_count<case_channel>> channel_widths_{};
  std::array<std::size_t, enum_count<case_status>> status_widths_{};
  std::vector<part> parts_;
};

/// A workbook with its formats and every statistics sheet added up front, in their final
/// order (libxlsxwriter orders the file's parts by when the sheets were added), and the
/// listing's formats numbered first, so that the listing can be written before the
/// statistics and its cells' style numbers do not depend on which formats the statistics
/// sheets use (an alert's, a comparison's).
struct workbook_start {
  /// `units`, `process`: whether the workbook has the units sheet, and shows the process.
  workbook_start(const std::filesystem::path& file, const std::filesystem::path& shown,
                 const report_options& report, const xlsx_options& options, bool listing,
                 bool units, bool process)
      : workbook(file, shown, settings(listing, options)),
        f(make_formats(workbook, report.rate_decimals, options)) {
    for (const detail::planned_sheet& planned :
         detail::planned_statistics_sheets(report, options, units, process)) {
      statistics.push_back(workbook.add_sheet(planned.name));
    }
    if (listing) {
      for (const cell_format format : {f.listing.header, f.listing.text, f.listing.wrapped,
                                       f.listing.date, f.listing.integer}) {
        workbook.style_index(format);
      }
    }
  }

  static detail::xlsx_workbook::settings settings(bool listing, const xlsx_options& options) {
    detail::xlsx_workbook::settings settings;
    settings.constant_memory = true;
    settings.streamed_sheets = listing;
    settings.compression_threads = options.compression_threads;
    return settings;
  }

  /// Writes the statistics sheets (their rows but the last are written out).
  void write_statistics(const report& r, const ledger& context,
                        const std::vector<detail::trend_point>& trend,
                        const detail::process_figures& process, const xlsx_options& options) {
    detail::write_statistics_sheets(r, context, trend, process, options, f, statistics);
  }

  /// Sets what is read at close, then closes.
  void close(const report& r, const xlsx_options& options) {
    workbook.set_properties(created_time(r), workbook_title(r, options), generator_name);
    workbook.close();
  }

  detail::xlsx_workbook workbook;
  formats f;
  std::vector<xlsx_sheet> statistics;
};

}  // namespace

/// The eager workbook's state: the workbook and the listing being written.
struct detail::eager_workbook::state {
  state(output_file& out, const report& sample, const ledger& context_ledger,
        const xlsx_options& workbook_options)
      : context(context_ledger),
        options(workbook_options),
        process(!context.units().empty()),
        start(out.temporary_path(), out.target(), sample.options, options, true, process, process) {
  }

  const ledger& context;
  const xlsx_options& options;
  // Begun as showing the handling process: what a ledger with units does (one without may
  // still record it in its cases, which `finish` sees).
  bool process;
  workbook_start start;
  std::optional<listing_writer> listing;
};

detail::eager_workbook::eager_workbook(const report& sample, const ledger& context,
                                       output_file& out, const xlsx_options& options) {
  check_xlsx_options(options);
  state_ = std::make_unique<state>(out, sample, context, options);
  detail::xlsx_workbook& book = state_->start.workbook;
  state_->listing.emplace(book,
                          book.add_streamed_sheet(listing_writer::listing_sheet_name(
                              words_for(options.language), options, 1)),
                          context, state_->options, workbook_title(sample, options),
                          state_->start.f.listing, state_->process);
}

detail::eager_workbook::~eager_workbook() = default;

void detail::eager_workbook::add(const listed_case& c) { state_->listing->add(c); }

bool detail::eager_workbook::finish(const report& r, const std::vector<trend_point>& trend,
                                    const process_figures& process) {
  if (process.shown != state_->process) return false;
  workbook_start& start = state_->start;
  start.write_statistics(r, state_->context, trend, process, state_->options);
  state_->listing->finish(start.f.listing.wrapped);
  start.close(r, state_->options);
  return true;
}

void detail::write_workbook(const report& r, const ledger& context,
                            const std::vector<trend_point>& trend, const process_figures& process,
                            const case_listing* listing, output_file& out,
                            const xlsx_options& options) {
  workbook_start start(out.temporary_path(), out.target(), r.options, options, listing != nullptr,
                       process.by_unit.has_value(), process.shown);
  std::optional<listing_writer> writer;
  if (listing != nullptr) {
    // Added before any cell, as the eager workbook does.
    writer.emplace(start.workbook,
                   start.workbook.add_streamed_sheet(
                       listing_writer::listing_sheet_name(words_for(options.language), options, 1)),
                   context, options, workbook_title(r, options), start.f.listing, process.shown);
  }
  start.write_statistics(r, context, trend, process, options);
  if (writer) {
    for (std::size_t i = 0; i < listing->size(); ++i) writer->add(listing->at(i));
    writer->finish(start.f.listing.wrapped);
  }
  start.close(r, options);
}

void detail::check_xlsx_options(const xlsx_options& options) {
  constexpr std::size_t excel_rows = 1'048'576;
  if (options.max_rows_per_sheet == 0 || options.max_rows_per_sheet > excel_rows - 1) {
    throw usage_error("max_rows_per_sheet must be between 1 and 1048575, not " +
                      std::to_string(options.max_rows_per_sheet));
  }
  if (options.sheets.empty() && !options.include_cases) {
    throw usage_error("the workbook would have no sheet: choose a statistics sheet or the listing");
  }
  if (options.money_decimals < 0 || options.money_decimals > 6) {
    throw usage_error("money_decimals must be between 0 and 6 (a fen is 0.000001 万元), not " +
                      std::to_string(options.money_decimals));
  }
  if (!(options.font_size >= 6 && options.font_size <= 72)) {
    throw usage_error("font_size must be between 6 and 72 points");
  }
  for (std::size_t i = 0; i < options.sheets.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (options.sheets[i].sheet == options.sheets[j].sheet) {
        throw usage_error("sheets: '" + std::string(layout_name(options.sheets[i].sheet)) +
                          "' is chosen twice");
      }
    }
  }
  for (std::size_t i = 0; i < options.summary_columns.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (options.summary_columns[i].column == options.summary_columns[j].column) {
        throw usage_error("summary_columns: '" +
                          std::string(layout_name(options.summary_columns[i].column)) +
                          "' is chosen twice");
      }
    }
  }
}

void write_xlsx_report(const report& r, const ledger& book, output_file& out,
                       const xlsx_options& options) {
  detail::check_xlsx_options(options);
  const std::vector<detail::trend_point> trend = detail::count_trend(
      r, book, "a workbook lists and charts the cases of the ledger the report was computed from");
  const detail::process_figures process = detail::count_process(r, book, options.handling_process);
  std::optional<detail::ledger_listing> listing;
  if (options.include_cases) listing.emplace(book, r.options);
  detail::write_workbook(r, book, trend, process, listing ? &*listing : nullptr, out, options);
}

void write_xlsx_report(const report& r, const ledger& book, const std::filesystem::path& path,
                       const xlsx_options& options) {
  output_file out(path);
  write_xlsx_report(r, book, out, options);
  out.commit();
}

}  // namespace caseledger
