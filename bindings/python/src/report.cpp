// Report, Group and the metric views, PartialAggregate, and the functions that make them:
// report(), aggregate(), finish(), stream_report(). One file of about 890 lines: the views
// are small and all bind the same report objects, and the outputs (write_xlsx, write_html,
// to_html, stream_report's json/xlsx/html) share the option helpers at the top; a split
// would put the Report class's methods (pickling among them) in two files.
#include <algorithm>
#include <array>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "common.hpp"

namespace caseledger::python {
namespace {

using report_ptr = std::shared_ptr<report_state>;

/// stream_report's ledgers: one path (str, bytes or os.PathLike), or a list or tuple of them.
std::vector<std::filesystem::path> ledger_paths(const py::object& given) {
  try {
    if (py::isinstance<py::list>(given) || py::isinstance<py::tuple>(given)) {
      std::vector<std::filesystem::path> paths;
      for (const py::handle item : given) paths.push_back(item.cast<std::filesystem::path>());
      return paths;
    }
    return {given.cast<std::filesystem::path>()};
  } catch (const py::cast_error&) {
    throw py::type_error("stream_report() takes a path (str or os.PathLike) or a list of them");
  }
}

/// One row of a report, sharing the report it belongs to.
struct group_view {
  report_ptr owner;
  const report_group* group;
};

py::object json_loads(const std::string& text) {
  return py::module_::import("json").attr("loads")(text);
}

template <class Enum, class Value, class Convert>
py::dict enum_dict(const std::array<Value, enum_count<Enum>>& values, Convert convert) {
  py::dict result;
  for (std::size_t i = 0; i < values.size(); ++i) {
    result[py::str(std::string(enum_info<Enum>::names[i]))] = convert(values[i]);
  }
  return result;
}

std::int64_t identity(std::int64_t value) { return value; }

// A name_set as Python sees it: a set of str.
py::set name_set_to_python(const name_set& names) {
  py::set members;
  for (const std::string& name : names.sorted()) members.add(py::str(name));
  return members;
}

py::dict key_dict(const group_view& view) {
  py::dict key;
  const auto& dimensions = view.owner->value.options.group_by;
  for (std::size_t i = 0; i < view.group->key.size() && i < dimensions.size(); ++i) {
    const auto& value = view.group->key[i];
    key[py::str(std::string(to_string(dimensions[i])))] =
        value ? py::object(py::str(*value)) : py::object(py::none());
  }
  return key;
}

report_ptr compute(const std::shared_ptr<ledger>& book, const report_options& options) {
  auto state = std::make_shared<report_state>();
  state->book = book;
  py::gil_scoped_release release;
  state->value = compute_report(*book, options);
  return state;
}

// Pickling a Report. Python asks for no comparison and no alerts (it has no option for
// them), so a Report holds its options, its rows' metrics, keys, labels and headline
// sentences, and its title. The state: the groups' metrics and the total's, each an exact
// caseledger.partial/2 document (which carries the options too; the total under a key of
// nulls), each row's key, labels and sentences in report order, the title, and the input
// files (name, bytes, sha256). The ledger
// is not pickled: an unpickled Report, like a streamed one, cannot write_xlsx.
py::tuple row_state(const report_group& row) {
  return py::make_tuple(row.key, row.label.zh, row.label.en, row.headline.zh_hans,
                        row.headline.zh_hant, row.headline.en);
}

report_group row_from_state(const py::handle& state, const partial_document& metrics) {
  const auto row = state.cast<py::tuple>();
  if (row.size() != 6) throw py::value_error("not a pickled Report row");
  report_group group;
  group.key = row[0].cast<group_key>();
  group.label = {row[1].cast<std::string>(), row[2].cast<std::string>()};
  group.headline = {row[3].cast<std::string>(), row[4].cast<std::string>(),
                    row[5].cast<std::string>()};
  const auto found = metrics.parts.groups().find(group.key);
  if (found == metrics.parts.groups().end()) {
    throw py::value_error("a pickled Report row has no metrics");
  }
  group.metrics = found->second;
  return group;
}

py::tuple pickle_report(const report_state& state) {
  const report& value = state.value;
  const group_key total_key(value.options.group_by.size());
  partial_document groups{.parts = {}, .options = value.options};
  partial_document total{.parts = {}, .options = value.options};
  py::list rows;
  for (const report_group& group : value.groups) {
    groups.parts.get_or_add(group.key) = group.metrics;
    rows.append(row_state(group));
  }
  total.parts.get_or_add(total_key) = value.total.metrics;
  py::tuple total_row = row_state(value.total);
  total_row[0] = py::cast(total_key);
  py::list inputs;
  for (const input_source& source : value.inputs) {
    inputs.append(py::make_tuple(source.name, source.bytes, source.sha256));
  }
  return py::make_tuple(to_json_text(groups), to_json_text(total), rows, total_row, value.title,
                        inputs);
}

report_ptr unpickle_report(const py::tuple& state) {
  if (state.size() != 6) throw py::value_error("not a pickled Report");
  const partial_document groups = parse_partial_json(state[0].cast<std::string>());
  const partial_document total = parse_partial_json(state[1].cast<std::string>());
  auto restored = std::make_shared<report_state>();
  report& value = restored->value;
  value.options = groups.options;
  value.as_of = value.options.effective_as_of();
  value.title = state[4].cast<std::string>();
  for (const py::handle row : state[2].cast<py::list>()) {
    value.groups.push_back(row_from_state(row, groups));
  }
  value.total = row_from_state(state[3], total);
  value.total.key.clear();  // the total's key is empty; the document needs one of nulls
  for (const py::handle source : state[5].cast<py::list>()) {
    const auto fields = source.cast<py::tuple>();
    if (fields.size() != 3) throw py::value_error("not a pickled Report input");
    value.inputs.push_back({.name = fields[0].cast<std::string>(),
                            .bytes = fields[1].cast<std::uint64_t>(),
                            .sha256 = fields[2].cast<std::string>()});
  }
  return restored;
}

// The records at positions [begin, end) of `records` for part `index` of `count`: the
// parts are contiguous, cover every record once and differ in size by one at most.
template <class Record>
void add_part(aggregator& adding, const std::vector<Record>& records, std::size_t index,
              std::size_t count) {
  const std::size_t begin = records.size() * index / count;
  const std::size_t end = records.size() * (index + 1) / count;
  for (std::size_t i = begin; i < end; ++i) adding.add(records[i]);
}

// The kinds of record an aggregate adds, in the order aggregate_part adds them. Districts
// are not among them: they carry no figures (finish() takes them from its ledger).
constexpr std::array<std::string_view, 5> aggregated_kinds = {"enterprises", "projects", "teams",
                                                              "cases", "measures"};
using kind_choice = std::array<bool, aggregated_kinds.size()>;

// `kinds` as aggregate() takes it: a kind's name or an iterable of names.
kind_choice choose_kinds(const py::object& kinds) {
  kind_choice chosen{};
  const auto choose = [&chosen](const py::handle& value) {
    if (!py::isinstance<py::str>(value)) throw py::type_error("kinds takes record kind names");
    const auto name = value.cast<std::string>();
    const auto found = std::find(aggregated_kinds.begin(), aggregated_kinds.end(), name);
    if (found == aggregated_kinds.end()) {
      throw usage_error("unknown record kind '" + name +
                        "' for aggregate (expected enterprises, projects, teams, cases or "
                        "measures)");
    }
    chosen[static_cast<std::size_t>(found - aggregated_kinds.begin())] = true;
  };
  if (py::isinstance<py::str>(kinds)) {
    choose(kinds);
  } else {
    for (const auto& value : py::iter(kinds)) choose(value);
  }
  return chosen;
}

partial_document aggregate_part(const ledger& book, report_options options,
                                std::pair<std::size_t, std::size_t> part,
                                const kind_choice& kinds) {
  const auto [index, count] = part;
  if (count == 0 || index >= count) {
    throw usage_error("part must be (index, count) with 0 <= index < count, got (" +
                      std::to_string(index) + ", " + std::to_string(count) + ")");
  }
  partial_document document;
  document.options = std::move(options);
  py::gil_scoped_release release;
  aggregator adding(book, document.options);
  if (kinds[0]) add_part(adding, book.enterprises(), index, count);
  if (kinds[1]) add_part(adding, book.projects(), index, count);
  if (kinds[2]) add_part(adding, book.teams(), index, count);
  if (kinds[3]) add_part(adding, book.cases(), index, count);
  if (kinds[4]) add_part(adding, book.measures(), index, count);
  document.parts = adding.take();
  return document;
}

bool same_options(const report_options& a, const report_options& b) {
  return options_to_json(a) == options_to_json(b);
}

void merge_into(partial_document& into, const partial_document& other) {
  if (!same_options(into.options, other.options)) {
    throw usage_error("cannot merge partial aggregates computed under different options: " +
                      options_to_json(into.options).dump() + " and " +
                      options_to_json(other.options).dump());
  }
  // Merged with the GIL held: a PartialAggregate is a mutable Python object, and the GIL is
  // what keeps two threads from merging into the same one at once.
  into.parts.merge(other.parts);
}

// `book` must be the ledger the parts were computed from (a part does not record which):
// it supplies the groups that must exist even when empty, and their labels.
report_ptr finish(const py::iterable& parts, const std::shared_ptr<ledger>& book) {
  std::optional<partial_document> merged;
  for (const auto& item : parts) {
    if (!py::isinstance<partial_document>(item)) {
      throw py::type_error("finish() takes PartialAggregate objects, not " +
                           py::str(item.get_type().attr("__name__")).cast<std::string>());
    }
    const auto& part = item.cast<const partial_document&>();
    if (!merged) {
      merged = part;
    } else {
      merge_into(*merged, part);
    }
  }
  if (!merged) throw usage_error("finish() needs at least one partial aggregate");
  auto state = std::make_shared<report_state>();
  state->book = book;
  py::gil_scoped_release release;
  state->value = finish_report(merged->parts, *book, merged->options);
  return state;
}

const char* const report_arguments_doc =
    "from_, to: the window, inclusive (datetime.date or 'YYYY-MM-DD').\n"
    "as_of: the day the figures are as of (default: to).\n"
    "group_by: dimension names ('district', 'category', 'channel', 'month', 'team') or "
    "GroupDimension values; a single name is allowed.\n"
    "rate_decimals: display precision of rates, 0-6 (1 gives '98.9%', 0 gives '99%').\n"
    "key_only_resumption: track only key enterprises and projects for resumption.\n"
    "title: the report's title; '' gives one naming the window.\n";

}  // namespace

py::object to_decimal(money amount) {
  return py::module_::import("decimal").attr("Decimal")(amount.to_string());
}

report_options make_options(date from, date to, std::optional<date> as_of,
                            const py::object& group_by, int rate_decimals, bool key_only_resumption,
                            std::string title) {
  report_options options;
  options.from = from;
  options.to = to;
  options.as_of = as_of;
  options.rate_decimals = rate_decimals;
  options.key_only_resumption = key_only_resumption;
  options.title = std::move(title);
  options.group_by.clear();
  const auto add_dimension = [&options](const py::handle& value) {
    if (py::isinstance<group_dimension>(value)) {
      options.group_by.push_back(value.cast<group_dimension>());
      return;
    }
    if (!py::isinstance<py::str>(value)) {
      throw py::type_error("group_by takes dimension names or GroupDimension values");
    }
    const auto name = value.cast<std::string>();
    const auto dimension = enum_from_string<group_dimension>(name);
    if (!dimension) {
      throw usage_error("unknown group_by dimension '" + name +
                        "' (expected district, category, channel, month or team)");
    }
    options.group_by.push_back(*dimension);
  };
  if (py::isinstance<py::str>(group_by) || py::isinstance<group_dimension>(group_by)) {
    add_dimension(group_by);
  } else {
    for (const auto& value : py::iter(group_by)) add_dimension(value);
  }
  options.validate();
  return options;
}

/// A `language=` argument: 'zh_hans' (or 'zh'), 'zh_hant' or 'en'. UsageError otherwise.
report_language parse_report_language(const std::string& language) {
  if (language == "zh_hans" || language == "zh") return report_language::zh_hans;
  if (language == "zh_hant") return report_language::zh_hant;
  if (language == "en") return report_language::en;
  throw usage_error("unknown language '" + language + "' (expected zh_hans, zh_hant or en)");
}

/// The page's options: the defaults, then each argument given (not None) over them.
html_options make_html_options(const std::optional<std::string>& language,
                               std::optional<int> money_decimals,
                               const std::optional<std::string>& title) {
  html_options options;
  if (language) options.language = parse_report_language(*language);
  if (money_decimals) options.money_decimals = *money_decimals;
  if (title) options.title = *title;
  return options;
}

/// The workbook's options: the layout ("office", "data" or a layout file's path), then
/// each argument given (not None) over it.
xlsx_options make_xlsx_options(const std::filesystem::path& layout,
                               const std::optional<std::string>& unit_name,
                               const std::optional<std::string>& language,
                               std::optional<bool> money_in_wan, std::optional<int> money_decimals,
                               std::optional<bool> include_cases, std::size_t max_rows_per_sheet) {
  xlsx_options options;
  if (layout == "data") {
    options.form = workbook_form::data;
  } else if (layout != "office") {
    options = read_workbook_layout(layout);
  }
  if (language) options.language = parse_report_language(*language);
  if (unit_name) options.unit_name = *unit_name;
  if (money_in_wan) options.money_in_wan = *money_in_wan;
  if (money_decimals) options.money_decimals = *money_decimals;
  if (include_cases) options.include_cases = *include_cases;
  options.max_rows_per_sheet = max_rows_per_sheet;
  return options;
}

py::dict options_dict(const report_options& options) {
  return json_loads(options_to_json(options).dump());
}

py::list inputs_list(const std::vector<input_source>& inputs) {
  py::list list;
  for (const input_source& source : inputs) {
    py::dict entry;
    entry["name"] = source.name;
    entry["bytes"] = source.bytes;
    entry["sha256"] = source.sha256;
    list.append(std::move(entry));
  }
  return list;
}

void bind_report(py::module_& m) {
  py::class_<rate>(m, "Rate",
                   "An exact fraction num / den shown as a percentage; a zero denominator has "
                   "no value.")
      .def_readonly("num", &rate::num, "The numerator.")
      .def_readonly("den", &rate::den, "The denominator.")
      .def_property_readonly("value", &rate::value,
                             "num / den as a float (for charts), or None when den is 0.")
      .def("display", &rate::display, py::arg("decimals") = 1,
           "The percentage rounded half-up exactly, e.g. '98.9%' (decimals 0: '99%'); None "
           "when den is 0.")
      .def("__repr__", [](const rate& r) {
        return "<caseledger.Rate " + std::to_string(r.num) + "/" + std::to_string(r.den) + ">";
      });

  py::class_<day_histogram>(m, "DayHistogram",
                            "The exact histogram of days to resolve: percentiles are exact "
                            "nearest-rank.")
      .def_property_readonly("count", &day_histogram::count, "How many values.")
      .def_property_readonly("sum", &day_histogram::sum, "The exact sum of the values.")
      .def_property_readonly("mean", &day_histogram::mean,
                             "sum / count (unrounded; the JSON shows 1 decimal), None if empty.")
      .def_property_readonly(
          "median", [](const day_histogram& h) { return h.percentile(50); },
          "The nearest-rank median (of 1, 2, 3, 4: 2), None if empty.")
      .def_property_readonly(
          "p90", [](const day_histogram& h) { return h.percentile(90); },
          "The nearest-rank 90th percentile, None if empty.")
      .def_property_readonly("max", &day_histogram::max, "The largest value, None if empty.")
      .def("percentile", &day_histogram::percentile, py::arg("percent"),
           "The nearest-rank percent-th percentile (1-100), None if empty.")
      .def_property_readonly("counts", &day_histogram::counts, "{days: how many cases}.");

  py::class_<case_metrics>(m, "CaseMetrics", "The case metrics of one group.")
      .def_readonly("coordinated", &case_metrics::coordinated,
                    "Cases reported in the window, not withdrawn (协调问题数).")
      .def_readonly("resolved", &case_metrics::resolved,
                    "Of those, resolved on or before as_of (办结数).")
      .def_readonly("unresolvable", &case_metrics::unresolvable,
                    "Of those, closed as unresolvable on or before as_of.")
      .def_property_readonly("open", &case_metrics::open,
                             "coordinated - resolved - unresolvable (在办).")
      .def_readonly("on_time", &case_metrics::on_time,
                    "With a due, resolved by its effective due (the extended one when extended "
                    "by as_of).")
      .def_readonly("late", &case_metrics::late,
                    "With a due, resolved after it or still unresolved past it.")
      .def_readonly("resolved_in_window", &case_metrics::resolved_in_window,
                    "Resolved within [from, min(to, as_of)], whatever reported_on (flow view).")
      .def_property_readonly("resolution_rate", &case_metrics::resolution_rate,
                             "resolved / coordinated (办结率).")
      .def_property_readonly("on_time_rate", &case_metrics::on_time_rate,
                             "on_time / (on_time + late) (按时办结率).")
      .def_readonly("days_to_resolve", &case_metrics::days_to_resolve,
                    "resolved_on - reported_on over the resolved cases.")
      .def_property_readonly(
          "by_category",
          [](const case_metrics& cases) {
            return enum_dict<case_category>(cases.by_category, [](const category_counts& c) {
              py::dict counts;
              counts["coordinated"] = c.coordinated;
              counts["resolved"] = c.resolved;
              return counts;
            });
          },
          "{category: {'coordinated': n, 'resolved': n}} for all nine categories.")
      .def_readonly("overdue_open", &case_metrics::overdue_open,
                    "Open at as_of past the effective due (超期未办结).")
      .def_readonly("with_due", &case_metrics::with_due, "Coordinated cases with a due_on.")
      .def_readonly("extended", &case_metrics::extended, "Of those, extended by as_of (延期).")
      .def_property_readonly("extension_rate", &case_metrics::extension_rate,
                             "extended / with_due (延期率).")
      .def_readonly("workdays_to_resolve", &case_metrics::workdays_to_resolve,
                    "Working days from reported_on to resolved_on (the ledger's calendar) over "
                    "the resolved cases it covers.")
      .def_readonly("workdays_outside_calendar", &case_metrics::workdays_outside_calendar,
                    "Resolved cases left out of workdays_to_resolve: a date outside the "
                    "calendar's years.")
      .def_readonly("followed_up", &case_metrics::followed_up,
                    "Resolved or closed cases called back by as_of (回访数).")
      .def_property_readonly("follow_up_rate", &case_metrics::follow_up_rate,
                             "followed_up / (resolved + unresolvable) (回访率).")
      .def_property_readonly(
          "satisfaction",
          [](const case_metrics& cases) {
            return enum_dict<satisfaction_level>(cases.satisfaction,
                                                 [](std::int64_t count) { return count; });
          },
          "{'satisfied': n, 'basically_satisfied': n, 'dissatisfied': n} of the "
          "followed-up cases.")
      .def_property_readonly("satisfaction_rate", &case_metrics::satisfaction_rate,
                             "(satisfied + basically_satisfied) / all answers (满意率).")
      .def_readonly("co_handled", &case_metrics::co_handled,
                    "(case, co-unit) pairs of the group: grouped by unit, the cases the unit "
                    "helped with (协办).");

  py::class_<support_totals>(m, "SupportTotals", "One money measure kind's totals.")
      .def_property_readonly(
          "amount", [](const support_totals& totals) { return to_decimal(totals.amount); },
          "The total amount in yuan, exactly (decimal.Decimal).")
      .def_readonly("count", &support_totals::count, "How many measures.")
      .def_property_readonly(
          "beneficiaries", [](const support_totals& totals) { return totals.beneficiaries.size(); },
          "How many distinct beneficiaries.")
      .def_property_readonly(
          "beneficiary_ids",
          [](const support_totals& totals) { return name_set_to_python(totals.beneficiaries); },
          "The distinct beneficiaries, 'enterprise:<id>' or 'project:<id>'.");

  py::class_<transport_totals>(m, "TransportTotals", "Workers brought back to work.")
      .def_readonly("workers", &transport_totals::workers, "Workers returned (返岗人数).")
      .def_readonly("trips", &transport_totals::trips, "Transport measures.")
      .def_property_readonly(
          "by_mode",
          [](const transport_totals& t) { return enum_dict<transport_mode>(t.by_mode, identity); },
          "{mode: workers} for every transport mode.")
      .def_property_readonly(
          "by_origin",
          [](const transport_totals& t) { return enum_dict<worker_origin>(t.by_origin, identity); },
          "{origin: workers} for in_province and out_of_province.");

  py::class_<supply_totals>(m, "SupplyTotals", "One supply item's totals.")
      .def_readonly("quantity", &supply_totals::quantity, "The total quantity.")
      .def_property_readonly(
          "recipients", [](const supply_totals& totals) { return totals.recipients.size(); },
          "How many distinct recipients.")
      .def_property_readonly(
          "recipient_ids",
          [](const supply_totals& totals) { return name_set_to_python(totals.recipients); },
          "The distinct recipients, 'enterprise:<id>' or 'project:<id>'.");

  py::class_<resumption_counts>(m, "Resumption",
                                "Enterprises and projects tracked for resumption of work.")
      .def_readonly("tracked", &resumption_counts::tracked, "Enterprises + projects tracked.")
      .def_readonly("resumed", &resumption_counts::resumed, "Of those, resumed by as_of.")
      .def_property_readonly("rate", &resumption_counts::resumption_rate,
                             "resumed / tracked (复工率).");

  py::class_<group_view>(m, "Group", "One row of a report (or its total).")
      .def_property_readonly("key", &key_dict,
                             "{dimension: value}, e.g. {'district': 'cangshan'}; None where the "
                             "records have no value; {} for the total.")
      .def_property_readonly(
          "label",
          [](const group_view& view) {
            py::dict label;
            label["zh"] = view.group->label.zh;
            label["en"] = view.group->label.en;
            return label;
          },
          "{'zh': '仓山区', 'en': 'Cangshan'}.")
      .def_property_readonly(
          "cases", [](const group_view& view) { return &view.group->metrics.cases; },
          py::return_value_policy::reference_internal, "The case metrics (CaseMetrics).")
      .def_property_readonly(
          "support",
          [](py::object self) {
            const auto& view = self.cast<const group_view&>();
            py::dict support;
            for (std::size_t i = 0; i < money_measure_kinds.size(); ++i) {
              support[py::str(std::string(to_string(money_measure_kinds[i])))] =
                  py::cast(&view.group->metrics.support[i],
                           py::return_value_policy::reference_internal, self);
            }
            return support;
          },
          "{kind: SupportTotals} for subsidy, fee_reduction, loan and allowance.")
      .def_property_readonly(
          "return_to_work",
          [](const group_view& view) { return &view.group->metrics.return_to_work; },
          py::return_value_policy::reference_internal, "Transport totals (TransportTotals).")
      .def_property_readonly(
          "supplies",
          [](py::object self) {
            const auto& view = self.cast<const group_view&>();
            py::dict supplies;
            for (const auto& [item, totals] : view.group->metrics.supplies) {
              supplies[py::str(item)] =
                  py::cast(&totals, py::return_value_policy::reference_internal, self);
            }
            return supplies;
          },
          "{item: SupplyTotals} for the items this group received.")
      .def_property_readonly(
          "resumption", [](const group_view& view) { return &view.group->metrics.resumption; },
          py::return_value_policy::reference_internal, "Resumption counts and rate.")
      .def_property_readonly(
          "teams",
          [](const group_view& view) {
            return enum_dict<team_kind>(view.group->metrics.teams, identity);
          },
          "{kind: count} for service_team, party_team and instructor.")
      .def("__repr__", [](const group_view& view) {
        return "<caseledger.Group " + view.group->label.en + ": " +
               std::to_string(view.group->metrics.cases.coordinated) + " coordinated, " +
               std::to_string(view.group->metrics.cases.resolved) + " resolved>";
      });

  py::class_<report_state, report_ptr>(m, "Report",
                                       "A computed report: one Group per key and the total.")
      .def_property_readonly(
          "title", [](const report_state& state) { return state.value.title; }, "The title.")
      .def_property_readonly(
          "inputs", [](const report_state& state) { return inputs_list(state.value.inputs); },
          "The files the report was computed from, as the JSON report's 'inputs': dicts with "
          "name, bytes and sha256 (of the content, as sha256sum prints it); [] for a ledger "
          "built in code.")
      .def_property_readonly(
          "from_", [](const report_state& state) { return state.value.options.from; },
          "The window's first day.")
      .def_property_readonly(
          "to", [](const report_state& state) { return state.value.options.to; },
          "The window's last day (inclusive).")
      .def_property_readonly(
          "as_of", [](const report_state& state) { return state.value.as_of; },
          "The day the figures are as of.")
      .def_property_readonly(
          "group_by",
          [](const report_state& state) {
            py::list names;
            for (const auto dimension : state.value.options.group_by) {
              names.append(std::string(to_string(dimension)));
            }
            return py::tuple(names);
          },
          "The grouping dimensions' names.")
      .def_property_readonly(
          "options", [](const report_state& state) { return options_dict(state.value.options); },
          "The options it was made with, as a dict.")
      .def_property_readonly(
          "groups",
          [](const report_ptr& state) {
            py::list groups;
            for (const auto& group : state->value.groups) {
              groups.append(py::cast(group_view{state, &group}));
            }
            return groups;
          },
          "The groups, sorted by key as in the JSON report.")
      .def_property_readonly(
          "total",
          [](const report_ptr& state) {
            return group_view{state, &state->value.total};
          },
          "The total row: every record.")
      .def(
          "group",
          [](const report_ptr& state, const py::kwargs& key) {
            for (const auto& group : state->value.groups) {
              group_view view{state, &group};
              if (key_dict(view).equal(key)) return view;
            }
            throw py::key_error("no group with key " + py::repr(key).cast<std::string>());
          },
          "The group with this key, e.g. report.group(district='cangshan'); every dimension "
          "of group_by must be given (None for a missing value). KeyError if there is none.")
      .def(
          "to_dict",
          [](const report_state& state) {
            std::string text;
            {
              py::gil_scoped_release release;
              text = to_json_text(state.value);
            }
            return json_loads(text);
          },
          "The caseledger.report/1 document as Python objects, equal to the JSON file: money "
          "stays a decimal string there (use the Group accessors for decimal.Decimal).")
      .def(
          "to_json",
          [](const report_state& state) {
            std::string text;
            {
              py::gil_scoped_release release;
              text = to_json_text(state.value);
            }
            return text;
          },
          "The caseledger.report/1 document as text, byte for byte the file write_json writes.")
      .def(
          "write_json",
          [](const report_state& state, const std::filesystem::path& path) {
            py::gil_scoped_release release;
            write_json_report(state.value, path);
          },
          py::arg("path"),
          "Writes the JSON report atomically (no partial file on failure). OSError if it "
          "cannot.")
      .def(
          "write_xlsx",
          [](const report_state& state, const std::filesystem::path& path,
             const std::optional<std::string>& language, std::optional<bool> money_in_wan,
             std::optional<bool> include_cases, std::size_t max_rows_per_sheet,
             const std::filesystem::path& layout, const std::optional<std::string>& unit_name,
             std::optional<int> money_decimals) {
            if (!state.book) {
              throw usage_error(
                  "a report streamed from a file or unpickled holds no ledger to list cases "
                  "from: give stream_report() the xlsx path instead, or write the workbook "
                  "before pickling");
            }
            const xlsx_options options =
                make_xlsx_options(layout, unit_name, language, money_in_wan, money_decimals,
                                  include_cases, max_rows_per_sheet);
            py::gil_scoped_release release;
            write_xlsx_report(state.value, *state.book, path, options);
          },
          py::arg("path"), py::kw_only(), py::arg("language") = py::none(),
          py::arg("money_in_wan") = py::none(), py::arg("include_cases") = py::none(),
          py::arg("max_rows_per_sheet") = xlsx_options{}.max_rows_per_sheet,
          py::arg("layout") = "office", py::arg("unit_name") = py::none(),
          py::arg("money_decimals") = py::none(),
          "Writes the report as an Excel workbook atomically. layout: 'office' (the 汇总表 "
          "form, the default), 'data' (plain tables) or the path of a layout file; the "
          "arguments given override it: language 'zh_hans' (default), 'zh_hant' or 'en'; "
          "money_in_wan: amounts in 万元; money_decimals: the decimals they show with (0 to 6); "
          "include_cases: the case listing sheets; unit_name: "
          "the office form's 填报单位. OSError if it cannot be written; ValueError naming the "
          "key of a bad layout file; UsageError for a report made by stream_report(), which "
          "keeps no ledger (pass xlsx= to it instead).")
      .def(
          "write_html",
          [](const report_state& state, const std::filesystem::path& path,
             const std::optional<std::string>& language, std::optional<int> money_decimals,
             const std::optional<std::string>& title) {
            if (!state.book) {
              throw usage_error(
                  "a report streamed from a file or unpickled holds no ledger to chart the "
                  "trend from: give stream_report() the html path instead, or write the page "
                  "before pickling");
            }
            const html_options options = make_html_options(language, money_decimals, title);
            py::gil_scoped_release release;
            write_html_report(state.value, *state.book, path, options);
          },
          py::arg("path"), py::kw_only(), py::arg("language") = py::none(),
          py::arg("money_decimals") = py::none(), py::arg("title") = py::none(),
          "Writes the report as one self-contained HTML page atomically (docs/html.md): "
          "language 'zh_hans' (default), 'zh_hant' or 'en'; money_decimals: the decimals of "
          "the amounts in 万元 (0 to 6, default 2); title: instead of the report's. OSError if "
          "it cannot be written; UsageError for a report that keeps no ledger (made by "
          "stream_report() or unpickled).")
      .def(
          "to_html",
          [](const report_state& state, bool fragment, const std::optional<std::string>& language,
             std::optional<int> money_decimals, const std::optional<std::string>& title) {
            const html_options options = make_html_options(language, money_decimals, title);
            if (!fragment && !state.book) {
              throw usage_error(
                  "a report streamed from a file or unpickled holds no ledger to chart the "
                  "trend from: only its fragment (fragment=True) can be made");
            }
            py::gil_scoped_release release;
            return fragment ? to_html_fragment(state.value, state.book.get(), options)
                            : to_html(state.value, *state.book, options);
          },
          py::kw_only(), py::arg("fragment") = false, py::arg("language") = py::none(),
          py::arg("money_decimals") = py::none(), py::arg("title") = py::none(),
          "The page write_html writes, as text; fragment=True gives its content alone, styles "
          "scoped to it and without print rules, for embedding (what a notebook shows): that "
          "works for every report, a report without a ledger then leaving out the trend chart.")
      .def(py::pickle(&pickle_report, &unpickle_report))
      .def("__repr__", [](const report_state& state) {
        return "<caseledger.Report " + state.value.title + ": " +
               std::to_string(state.value.groups.size()) + " groups>";
      });

  py::class_<partial_document>(
      m, "PartialAggregate",
      "The metrics of one slice of a ledger, with the options they were computed under. "
      "Picklable; parts merge into exactly what one pass over the whole ledger gives.")
      .def("merge", &merge_into, py::arg("other"),
           "Adds other's groups into this one (in place). UsageError if the options differ.")
      .def_property_readonly(
          "options",
          [](const partial_document& document) { return options_dict(document.options); },
          "The options the part was computed under, as a dict.")
      .def(
          "to_json", [](const partial_document& document) { return to_json_text(document); },
          "The exact caseledger.partial/2 document as compact text.")
      .def_static(
          "from_json",
          [](const std::string& text) {
            py::gil_scoped_release release;
            return parse_partial_json(text);
          },
          py::arg("text"), "Reads a caseledger.partial/2 document. UsageError if it is not one.")
      .def(
          "__len__",
          [](const partial_document& document) { return document.parts.groups().size(); },
          "How many groups the part holds.")
      .def(
          "__eq__",
          [](const partial_document& a, const partial_document& b) {
            return a.parts == b.parts && same_options(a.options, b.options);
          },
          py::is_operator())
      .def(py::pickle([](const partial_document& document) { return to_json_text(document); },
                      [](const std::string& text) { return parse_partial_json(text); }))
      .def("__repr__", [](const partial_document& document) {
        return "<caseledger.PartialAggregate: " + std::to_string(document.parts.groups().size()) +
               " groups>";
      });

  m.def(
      "report",
      [](const std::shared_ptr<ledger>& book, date from, date to, std::optional<date> as_of,
         const py::object& group_by, int rate_decimals, bool key_only_resumption,
         std::string title) {
        return compute(book, make_options(from, to, as_of, group_by, rate_decimals,
                                          key_only_resumption, std::move(title)));
      },
      py::arg("ledger"), py::arg("from_"), py::arg("to"), py::kw_only(),
      py::arg("as_of") = py::none(), py::arg("group_by") = py::make_tuple("district"),
      py::arg("rate_decimals") = 1, py::arg("key_only_resumption") = false, py::arg("title") = "",
      (std::string("Computes the report over the whole ledger in one pass (the GIL is "
                   "released).\n\n") +
       report_arguments_doc + "UsageError for options that make no sense.")
          .c_str());

  m.def(
      "aggregate",
      [](const std::shared_ptr<ledger>& book, date from, date to, std::optional<date> as_of,
         const py::object& group_by, int rate_decimals, bool key_only_resumption, std::string title,
         std::pair<std::size_t, std::size_t> part, const py::object& kinds) {
        return aggregate_part(*book,
                              make_options(from, to, as_of, group_by, rate_decimals,
                                           key_only_resumption, std::move(title)),
                              part, choose_kinds(kinds));
      },
      py::arg("ledger"), py::arg("from_"), py::arg("to"), py::kw_only(),
      py::arg("as_of") = py::none(), py::arg("group_by") = py::make_tuple("district"),
      py::arg("rate_decimals") = 1, py::arg("key_only_resumption") = false, py::arg("title") = "",
      py::arg("part") = std::pair<std::size_t, std::size_t>{0, 1},
      py::arg("kinds") = py::make_tuple("enterprises", "projects", "teams", "cases", "measures"),
      (std::string("Computes the PartialAggregate of one slice of the ledger: part=(i, n) "
                   "takes the i-th of n contiguous slices (0-based) of every kind of record. "
                   "The parts of 0..n-1, merged and finished, give exactly report().\n\n") +
       report_arguments_doc +
       "kinds: the kinds of record to add (default all of them); a ledger split into "
       "files that each repeat the enterprises, projects and teams adds those from one "
       "file only. UsageError for an unknown kind.")
          .c_str());

  m.def(
      "stream_report",
      [](const py::object& paths, date from, date to, std::optional<date> as_of,
         const py::object& group_by, int rate_decimals, bool key_only_resumption, std::string title,
         const std::optional<std::filesystem::path>& json,
         const std::optional<std::filesystem::path>& xlsx,
         const std::optional<std::string>& language, std::optional<bool> money_in_wan,
         std::optional<bool> include_cases, std::size_t max_rows_per_sheet, unsigned threads,
         std::optional<bool> keep_extras, std::size_t max_problems,
         const std::optional<std::map<std::string, std::uint64_t>>& limits,
         const std::filesystem::path& layout, const std::optional<std::string>& unit_name,
         std::optional<int> money_decimals, const std::optional<std::filesystem::path>& html,
         const std::optional<calendar>& days, const std::string& encoding,
         const std::optional<std::filesystem::path>& mapping, std::string sheet) {
        const std::vector<std::filesystem::path> ledgers = ledger_paths(paths);
        const report_options options = make_options(from, to, as_of, group_by, rate_decimals,
                                                    key_only_resumption, std::move(title));
        stream_report_options stream;
        stream.encoding = text_encoding_named(encoding);
        stream.mapping = mapping.value_or(std::filesystem::path());
        stream.sheet = std::move(sheet);
        stream.reading = {.keep_extras = keep_extras,
                          .max_problems = max_problems,
                          .limits = make_read_limits(limits),
                          .workday_calendar = days};
        stream.json = json;
        stream.xlsx = xlsx;
        stream.workbook = make_xlsx_options(layout, unit_name, language, money_in_wan,
                                            money_decimals, include_cases, max_rows_per_sheet);
        stream.html = html;
        stream.page = make_html_options(language, money_decimals, std::nullopt);
        stream.threads = threads;
        auto state = std::make_shared<report_state>();
        py::gil_scoped_release release;
        state->value = stream_report(ledgers, options, stream);
        return state;
      },
      py::arg("path"), py::arg("from_"), py::arg("to"), py::kw_only(),
      py::arg("as_of") = py::none(), py::arg("group_by") = py::make_tuple("district"),
      py::arg("rate_decimals") = 1, py::arg("key_only_resumption") = false, py::arg("title") = "",
      py::arg("json") = py::none(), py::arg("xlsx") = py::none(), py::arg("language") = py::none(),
      py::arg("money_in_wan") = py::none(), py::arg("include_cases") = py::none(),
      py::arg("max_rows_per_sheet") = xlsx_options{}.max_rows_per_sheet, py::arg("threads") = 2,
      py::arg("keep_extras") = py::none(), py::arg("max_problems") = 1,
      py::arg("limits") = py::none(), py::arg("layout") = "office",
      py::arg("unit_name") = py::none(), py::arg("money_decimals") = py::none(),
      py::arg("html") = py::none(), py::arg("calendar") = py::none(), py::arg("encoding") = "auto",
      py::arg("mapping") = py::none(), py::arg("sheet") = "",
      (std::string(
           "Reads the ledger at path (any format Ledger.load reads: JSON, a flat CSV sheet, a "
           "folder of CSV tables, an xlsx, xls or ods workbook), or the ledgers of a list of "
           "paths consolidated as Ledger.consolidate consolidates them, without "
           "holding their cases and measures, and returns the report; json, xlsx and html, when "
           "given, are "
           "written as Report.write_json, Report.write_xlsx and Report.write_html would write "
           "them (language, money_in_wan, include_cases, max_rows_per_sheet, layout, unit_name, "
           "money_decimals as there). "
           "The GIL is released throughout; Ctrl-C takes effect when it returns. "
           "The returned Report keeps no ledger, so its write_xlsx raises UsageError."
           "\n\n") +
       report_arguments_doc +
       "threads: 1 reads on the calling thread, 2 parses on a second one (and reads half of "
       "a long CSV sheet's names there).\n"
       "keep_extras, max_problems, limits, calendar, encoding, mapping, sheet: as Ledger.load "
       "takes them (encoding for a CSV ledger only, mapping for CSV and workbooks, sheet for "
       "workbooks).\n"
       "A JSON ledger whose records come in another order than districts, enterprises, "
       "projects and teams, then cases, then measures is read again in two or three passes; "
       "a flat sheet (CSV or a workbook's) is read once for the figures alone unless grouped "
       "by team or unit, else twice; a workbook of several sheets of "
       "cases is read whole first. Several ledgers are read a pass at a time over all of "
       "them (what each names, then the cases and measures of each), or read whole where "
       "they cannot simply be added up (a problem in one, a case or measure id in two). Raises "
       "LedgerError if it breaks a rule, OSError if a file cannot be read or written, "
       "UsageError for a path of no ledger format, an option its format does not take, or "
       "options that make no sense.")
          .c_str());

  m.def("finish", &finish, py::arg("parts"), py::arg("ledger"),
        "Merges partial aggregates (all computed under the same options, taken from them) and "
        "makes the Report; ledger supplies the districts, teams and names. UsageError if "
        "parts is empty or the options differ.");
}

}  // namespace caseledger::python
