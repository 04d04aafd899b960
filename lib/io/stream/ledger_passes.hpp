// What one read of a ledger hands the streaming report: the ledger's format, and a pass's
// plan (which kinds of record, and what besides records, to hand on).
#pragma once

#include <array>
#include <filesystem>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "caseledger/core/input_source.hpp"
#include "caseledger/io/csv_ledger.hpp"
#include "caseledger/io/read_options.hpp"
#include "caseledger/model/record_schema.hpp"
#include "io/table/ledger_tables.hpp"
#include "model/record_sink.hpp"

namespace caseledger::detail {

/// How a ledger's text is read in every pass: what every format takes, and a CSV ledger's
/// encoding and mapping (the mapping file read once, before the first pass).
struct ledger_reading {
  read_options common;
  text_encoding encoding = text_encoding::automatic;
  field_mapping mapping;
};

/// What the ledger is: its records' order follows from it.
enum class ledger_format {
  json,  ///< any order; read once when it is the one pass's
  /// A flat CSV sheet: each row's case, then its measures; the districts, enterprises,
  /// projects, teams and units the rows named only after the last row.
  flat_csv,
  /// A folder of CSV tables, read in the one pass's order (districts.csv … measures.csv).
  csv_folder,
};

/// One pass of a file read in passes: which kinds of record it hands on, and what it saw
/// of the order of every record read.
struct pass_plan {
  std::array<bool, record_kind_count> kinds{};  ///< by record_kind
  /// What of the reader's besides records to hand on: each comes in every pass and is
  /// taken from one.
  bool refusals_and_notes = false;
  bool extra_columns = false;
  bool problems = true;
  /// Ask the reader for only what names the districts, enterprises, projects, teams and
  /// units (a flat sheet's first pass), whose problems it then does not all see.
  bool names_only = false;
  bool measure_seen = false;
  bool case_after_measure = false;
};

/// A plan that hands on the records of the `wanted` kinds.
pass_plan kinds_of(std::initializer_list<record_kind> wanted);

/// Hands on to `inner` the records of the kinds `plan` asks for.
class pass_sink final : public uniform_record_sink<pass_sink> {
 public:
  pass_sink(record_sink& inner, pass_plan& plan) : inner_(inner), plan_(plan) {}

  template <class Record>
  void take(Record& record, const record_origin& origin) {
    constexpr record_kind kind = record_schema<Record>::kind;
    if constexpr (kind == record_kind::measure) plan_.measure_seen = true;
    if constexpr (kind == record_kind::case_) {
      if (plan_.measure_seen) plan_.case_after_measure = true;
    }
    if (plan_.kinds[static_cast<std::size_t>(kind)]) inner_.add(record, origin);
  }
  const std::string& source() const override { return inner_.source(); }
  void report(problem found) override {
    if (plan_.problems) inner_.report(std::move(found));
  }
  void refuse(std::string_view kind, std::string_view id) override {
    if (plan_.refusals_and_notes) inner_.refuse(kind, id);
  }
  void note(reading_note noticed) override {
    if (plan_.refusals_and_notes) inner_.note(std::move(noticed));
  }
  void declare_case_extra_column(std::string name) override {
    if (plan_.extra_columns) inner_.declare_case_extra_column(std::move(name));
  }
  const std::vector<problem>& problems() const override { return inner_.problems(); }

 private:
  record_sink& inner_;
  pass_plan& plan_;
};

/// Reads the ledger at `path` of `format` into `sink`, through `plan` when not null (all
/// of it otherwise). Standard input, which only JSON may be, is described into `piped`
/// (when not null) once read.
void read_records(ledger_format format, const std::filesystem::path& path,
                  const ledger_reading& reading, record_sink& sink, pass_plan* plan,
                  input_source* piped);

}  // namespace caseledger::detail
