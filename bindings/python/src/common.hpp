// Shared by the binding's source files: the type casters that turn caseledger's money,
// dates and ids into Python's decimal.Decimal, datetime.date and str, and the objects the
// Python classes wrap.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include "caseledger/caseledger.hpp"

namespace caseledger::python {

namespace py = pybind11;

/// A computed report with the ledger it was computed from (the xlsx writer reads the case
/// listing from it), or none for a report streamed from a file. Shared by every Group view
/// handed out, so a view outlives its Report.
struct report_state {
  report value;
  std::shared_ptr<const ledger> book;
};

/// The reading limits of a `limits=` argument: names mapped to values, set as the CLI's
/// --limit NAME=VALUE sets them; the defaults when it is None.
read_limits make_read_limits(const std::optional<std::map<std::string, std::uint64_t>>& limits);

/// The workbook options of the `language=`, `money_in_wan=`, … arguments. UsageError for
/// an unknown language.
xlsx_options make_xlsx_options(const std::string& language, bool money_in_wan, bool include_cases,
                               std::size_t max_rows_per_sheet);

/// The `from_`, `to`, … arguments every report function takes, as report_options. Dates
/// are already converted; `group_by` is a str, a GroupDimension or a sequence of either.
report_options make_options(date from, date to, std::optional<date> as_of,
                            const py::object& group_by, int rate_decimals, bool key_only_resumption,
                            std::string title);

/// The options as a Python dict (the JSON report's names).
py::dict options_dict(const report_options& options);

/// The files a ledger was read from, as dicts with the JSON report's keys (name, bytes,
/// sha256).
py::list inputs_list(const std::vector<input_source>& inputs);

/// decimal.Decimal of an amount, exactly ("400000.00" → Decimal('400000.00')).
py::object to_decimal(money amount);

/// Registers LedgerError, UsageError and the translators (file_error → OSError).
void bind_errors(py::module_& m);
/// Calendar, the working-day calendar.
void bind_calendar(py::module_& m);
/// Problem, the enums and Ledger.
void bind_ledger(py::module_& m);
/// Report, Group and its metric views, PartialAggregate, report(), aggregate(), finish().
void bind_report(py::module_& m);

}  // namespace caseledger::python

namespace pybind11::detail {

/// caseledger::money → decimal.Decimal, exactly. One way only: amounts reach caseledger
/// from Python inside a ledger (JSON text, read exactly by the reader), never as arguments.
template <>
struct type_caster<caseledger::money> {
  PYBIND11_TYPE_CASTER(caseledger::money, const_name("decimal.Decimal"));

  bool load(handle, bool) { return false; }

  static handle cast(caseledger::money amount, return_value_policy, handle) {
    return caseledger::python::to_decimal(amount).release();
  }
};

/// caseledger::date ↔ datetime.date. Loads a datetime.date (not a datetime.datetime,
/// whose time would be dropped silently) or an ISO "YYYY-MM-DD" string.
template <>
struct type_caster<caseledger::date> {
  PYBIND11_TYPE_CASTER(caseledger::date, const_name("datetime.date"));

  bool load(handle source, bool) {
    if (isinstance<str>(source)) {
      value = caseledger::date::parse(source.cast<std::string>());
      return true;
    }
    const auto datetime = module_::import("datetime");
    if (isinstance(source, datetime.attr("datetime")) ||
        !isinstance(source, datetime.attr("date"))) {
      return false;
    }
    value = caseledger::date::from_ymd(source.attr("year").cast<int>(),
                                       source.attr("month").cast<unsigned>(),
                                       source.attr("day").cast<unsigned>());
    return true;
  }

  static handle cast(caseledger::date day, return_value_policy, handle) {
    return module_::import("datetime").attr("date")(day.year(), day.month(), day.day()).release();
  }
};

/// caseledger::record_id ↔ str: an id is text to Python.
template <>
struct type_caster<caseledger::record_id> {
  PYBIND11_TYPE_CASTER(caseledger::record_id, const_name("str"));

  bool load(handle source, bool) {
    if (!isinstance<str>(source)) return false;
    value = source.cast<std::string>();
    return true;
  }

  static handle cast(const caseledger::record_id& id, return_value_policy, handle) {
    return str(id.data(), id.size()).release();
  }
};

}  // namespace pybind11::detail
