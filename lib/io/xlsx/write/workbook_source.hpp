// What the workbook shows besides the report itself, from data both the normal mode (a
// whole ledger) and the streaming report (records as they pass) can produce: the case
// listing (the trend's points are io/trend.hpp's).
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "caseledger/core/date.hpp"
#include "caseledger/io/xlsx_report.hpp"
#include "caseledger/metrics/aggregate.hpp"
#include "caseledger/metrics/report.hpp"
#include "caseledger/model/ledger.hpp"
#include "io/trend.hpp"
#include "io/xlsx/write/process_figures.hpp"

namespace caseledger {
class output_file;
}

namespace caseledger::detail {

/// One case of the listing as the workbook shows it. Its district, subject and team come
/// as ids and as positions in the context ledger's lists, so that the writer finds their
/// names without looking the ids up; a position is `no_position` when the case names none
/// or the ledger lacks it (the writer then shows the id).
struct listed_case {
  static constexpr std::uint32_t no_position = 0xFFFF'FFFFu;
  std::string_view id;
  std::string_view district;
  std::string_view enterprise;  ///< id or empty
  std::string_view project;     ///< id or empty
  std::string_view summary;
  std::string_view team;                       ///< id or empty
  std::string_view unit;                       ///< the lead unit's id, or empty
  std::uint32_t district_at = no_position;     ///< in `ledger::districts()`
  std::uint32_t enterprise_at = no_position;   ///< in `ledger::enterprises()`
  std::uint32_t project_at = no_position;      ///< in `ledger::projects()`
  std::uint32_t team_at = no_position;         ///< in `ledger::teams()`
  std::uint32_t unit_at = no_position;         ///< in `ledger::units()`
  std::span<const std::uint32_t> co_units_at;  ///< the co-handling units, in `ledger::units()`
  case_category category = case_category::other;
  std::optional<case_channel> channel;
  date reported_on;
  std::optional<date> due_on;
  std::optional<date> resolved_on;
  case_status status = case_status::open;
  std::optional<date> extended_due_on;
  std::optional<date> followed_up_on;
  std::optional<satisfaction_level> satisfaction;
  /// The case's extra fields, shown in the columns `ledger::case_extra_columns` names;
  /// null where there are none to show.
  const extra_fields* extras = nullptr;
};

/// The cases of the listing (reported in the window, withdrawn ones too), sorted by
/// reported_on then id.
class case_listing {
 public:
  virtual std::size_t size() const = 0;
  /// The `i`th case; the views live as long as the listing.
  virtual listed_case at(std::size_t i) const = 0;

 protected:
  ~case_listing() = default;
};

/// Whether a case belongs in the listing of a report with `options`.
inline bool listed(const case_record& record, const report_options& options) {
  return options.from <= record.reported_on && record.reported_on <= options.to;
}

/// The listing of a whole ledger: pointers to its cases.
class ledger_listing final : public case_listing {
 public:
  ledger_listing(const ledger& book, const report_options& options);
  std::size_t size() const override { return cases_.size(); }
  listed_case at(std::size_t i) const override;

 private:
  const ledger& book_;
  std::vector<const case_record*> cases_;
  // The co-handling units' positions, and where each case's are among them (by the case's
  // place in `cases_`); both empty when no listed case has co-handling units.
  std::vector<std::uint32_t> co_units_;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> co_units_of_;  // first, count
};

/// The listing kept compactly while the cases stream past: per case its strings (id,
/// summary) in one arena, its dates as day numbers, and its district, subject and team
/// as positions in the context ledger. Grows only by what the listing shows.
class compact_listing final : public case_listing {
 public:
  /// `context` resolves ids to positions; it must hold every id a case names (a ledger
  /// that does not fails its checks and is never written).
  explicit compact_listing(const ledger& context) : context_(context) {}

  void add(const case_record& record);
  /// Sorts by reported_on then id; call once every case is added.
  void sort();

  std::size_t size() const override { return rows_.size(); }
  listed_case at(std::size_t i) const override;

 private:
  static constexpr std::uint32_t none = listed_case::no_position;
  struct row {
    const char* text = nullptr;  // in a block: id bytes, then the summary
    std::uint32_t id_size = 0;
    std::uint32_t summary_size = 0;
    std::int32_t reported_on = 0;
    std::int32_t due_on = 0;
    std::int32_t resolved_on = 0;
    std::int32_t extended_due_on = 0;
    std::int32_t followed_up_on = 0;
    std::uint32_t district = none;
    std::uint32_t subject = none;  // an enterprise's or a project's position
    std::uint32_t team = none;
    std::uint32_t unit = none;
    const std::uint32_t* co_units = nullptr;  // in a block: the co-units' positions
    std::uint32_t co_unit_count = 0;
    std::uint8_t category = 0;
    std::uint8_t channel = 0;  // enum index + 1; 0 when none
    std::uint8_t status = 0;
    std::uint8_t satisfaction = 0;  // enum index + 1; 0 when none
    std::uint8_t flags = 0;         // subject_is_project
    std::uint32_t extras = none;    // in extras_, when the case has extra fields to show
  };

  static std::string_view id_of(const row& r) { return {r.text, r.id_size}; }
  // Room for `bytes` more in the text blocks (which never move, so rows point into them).
  char* room_for(std::size_t bytes);
  // Room for `count` positions, aligned, in the text blocks.
  std::uint32_t* positions_room(std::size_t count);

  static constexpr std::size_t block_bytes = std::size_t{1} << 20;
  const ledger& context_;
  std::vector<row> rows_;
  // The extra fields of the cases that have them, when the context declares extra columns:
  // a deque, whose elements stay in place for the eager workbook's thread.
  std::deque<extra_fields> extras_;
  std::vector<std::unique_ptr<char[]>> blocks_;
  std::size_t left_in_block_ = 0;
  char* next_ = nullptr;
};

/// Throws `usage_error` for xlsx options that make no sense (max_rows_per_sheet).
void check_xlsx_options(const xlsx_options& options);

/// A workbook whose listing is written while the cases stream past, before the report
/// exists, and whose statistics sheets follow once it does: byte for byte the workbook
/// `write_workbook` writes for the same report, cases and options, as long as the cases
/// come in the listing's order (the caller's to check) and `finish` returns true. The
/// listing's formats are numbered before any sheet is written, so its cells need nothing
/// from the report. Nothing is written to `out` before `finish`; a workbook destroyed
/// unfinished writes nothing.
class eager_workbook {
 public:
  /// `sample` is a report of the same options (of no cases), which begins the workbook.
  /// `context` and `options` must outlive this. The workbook is begun as showing the
  /// handling process when the context has units (`process_figures::shown` decides at
  /// `finish`). Throws what `write_workbook` throws.
  eager_workbook(const report& sample, const ledger& context, output_file& out,
                 const xlsx_options& options);
  ~eager_workbook();
  eager_workbook(const eager_workbook&) = delete;
  eager_workbook& operator=(const eager_workbook&) = delete;

  /// Writes the next case of the listing.
  void add(const listed_case& c);

  /// Writes the statistics sheets of `r` and closes the workbook into `out`'s temporary;
  /// false, writing nothing, when the workbook was begun showing the process and `process`
  /// does not (or the reverse): write the workbook with `write_workbook` then. Call once.
  bool finish(const report& r, const std::vector<trend_point>& trend,
              const process_figures& process);

 private:
  struct state;
  std::unique_ptr<state> state_;
};

/// Writes the workbook from the report, the context ledger (names of districts,
/// enterprises, projects, teams and units), the trend's points, the process figures and the
/// listing (null when `options.include_cases` is false).
void write_workbook(const report& r, const ledger& context, const std::vector<trend_point>& trend,
                    const process_figures& process, const case_listing* listing, output_file& out,
                    const xlsx_options& options);

}  // namespace caseledger::detail
