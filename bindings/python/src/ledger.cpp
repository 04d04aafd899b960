// Problem, the enums and Ledger: reading a ledger from a file, from Python dicts or from
// JSON text, and validating one without keeping it.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <future>
#include <map>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <pybind11/operators.h>

#include "common.hpp"

namespace caseledger::python {
namespace {

using ledger_ptr = std::shared_ptr<ledger>;

template <class Enum>
void bind_enum(py::module_& m, const char* name, const char* doc) {
  py::enum_<Enum> values(m, name, doc);
  for (std::size_t i = 0; i < enum_count<Enum>; ++i) {
    const auto value = static_cast<Enum>(i);
    values.value(std::string(to_string(value)).c_str(), value);
  }
  values.def_property_readonly(
      "zh", [](Enum value) { return std::string(to_zh(value)); },
      "The value's Chinese name, e.g. CaseCategory.labour.zh == '用工'.");
  values.def(
      "__str__", [](Enum value) { return std::string(to_string(value)); },
      "The value's name in ledgers and reports, e.g. 'labour'.");
}

// Runs `work` (which must own everything it uses) on a thread of its own while this thread
// waits without the GIL, waking every 100 ms to let Python handle signals. Ctrl-C then
// raises KeyboardInterrupt at once; the abandoned work finishes in the background and its
// result is discarded. The readers have no cancellation point, so this is how a long load
// stays interruptible.
template <class Work>
auto run_interruptible(Work work) -> decltype(work()) {
  using result = decltype(work());
  auto task = std::make_shared<std::packaged_task<result()>>(std::move(work));
  auto future = task->get_future();
  std::thread([task] { (*task)(); }).detach();
  for (;;) {
    {
      py::gil_scoped_release release;
      if (future.wait_for(std::chrono::milliseconds(100)) == std::future_status::ready) break;
    }
    if (PyErr_CheckSignals() != 0) throw py::error_already_set();
  }
  return future.get();
}

// The reading options of Ledger.load's keywords. `mapping` is None in Python when there
// is none, which read_ledger spells as an empty path. `limits` maps limit names to values,
// set as the CLI's --limit NAME=VALUE sets them.
ledger_read_options reading_options(
    std::optional<bool> keep_extras, std::size_t max_problems, const std::string& encoding,
    std::string sheet, const std::optional<std::filesystem::path>& mapping,
    const std::optional<std::map<std::string, std::uint64_t>>& limits,
    const std::optional<calendar>& days) {
  return {.encoding = text_encoding_named(encoding),
          .sheet = std::move(sheet),
          .mapping = mapping.value_or(std::filesystem::path()),
          .case_number_scope = {},
          .common = {.keep_extras = keep_extras,
                     .max_problems = max_problems,
                     .limits = make_read_limits(limits),
                     .workday_calendar = days}};
}

// Reads a ledger of any format read_ledger knows, chosen by what `path` is.
ledger_ptr load(std::filesystem::path path, std::optional<bool> keep_extras,
                std::size_t max_problems, std::string encoding, std::string sheet,
                const std::optional<std::filesystem::path>& mapping,
                const std::optional<std::map<std::string, std::uint64_t>>& limits,
                const std::optional<calendar>& days) {
  ledger_read_options options =
      reading_options(keep_extras, max_problems, encoding, std::move(sheet), mapping, limits, days);
  return run_interruptible([path = std::move(path), options = std::move(options)] {
    return std::make_shared<ledger>(read_ledger(path, options));
  });
}

// Checks the ledger at `path` as it is read (stream_validate: read_ledger's problems,
// without holding its cases and measures).
void check_file(std::filesystem::path path, std::optional<bool> keep_extras,
                std::size_t max_problems, const std::string& encoding, std::string sheet,
                const std::optional<std::filesystem::path>& mapping,
                const std::optional<std::map<std::string, std::uint64_t>>& limits,
                const std::optional<calendar>& days) {
  const stream_report_options reading = reading_as(reading_options(
      keep_extras, max_problems, encoding, std::move(sheet), mapping, limits, days));
  run_interruptible([path = std::move(path), reading = std::move(reading)] {
    return stream_validate({path}, reading);
  });
}

// Reads several ledgers as one (read_ledgers).
ledger_ptr consolidate(std::vector<std::filesystem::path> paths, std::optional<bool> keep_extras,
                       std::size_t max_problems, std::string encoding, std::string sheet,
                       const std::optional<std::filesystem::path>& mapping,
                       const std::optional<std::map<std::string, std::uint64_t>>& limits,
                       const std::optional<calendar>& days) {
  ledger_read_options options =
      reading_options(keep_extras, max_problems, encoding, std::move(sheet), mapping, limits, days);
  return run_interruptible([paths = std::move(paths), options = std::move(options)] {
    return std::make_shared<ledger>(read_ledgers(paths, options));
  });
}

ledger_ptr from_json_text(std::string text, std::string source, std::optional<bool> keep_extras,
                          std::size_t max_problems) {
  const read_options options{
      .keep_extras = keep_extras, .max_problems = max_problems, .limits = {}};
  return run_interruptible([text = std::move(text), source = std::move(source), options] {
    return std::make_shared<ledger>(parse_json_ledger(text, source, options));
  });
}

// json.dumps' fallback for what JSON has no type for: a Decimal amount becomes its exact
// decimal string, a date its ISO form; anything else stays a TypeError.
py::object json_default(const py::handle& value) {
  const auto decimal_type = py::module_::import("decimal").attr("Decimal");
  const auto date_type = py::module_::import("datetime").attr("date");
  if (py::isinstance(value, decimal_type)) return py::str(value);
  if (py::isinstance(value, date_type)) return value.attr("isoformat")();
  throw py::type_error("Object of type " +
                       py::str(value.get_type().attr("__name__")).cast<std::string>() +
                       " is not JSON serializable");
}

std::string dumps(const py::object& document) {
  using namespace pybind11::literals;
  return py::module_::import("json")
      .attr("dumps")(document, "ensure_ascii"_a = false, "allow_nan"_a = false,
                     "default"_a = py::cpp_function(json_default))
      .cast<std::string>();
}

// The same reader as for files, so the rules and messages are the same. A line and column
// in the text serialised here would mean nothing to the caller, so problems keep only the
// JSON pointer, which locates the record in the dict as well.
ledger_ptr from_dict(const py::object& document, std::optional<bool> keep_extras,
                     std::size_t max_problems) {
  try {
    return from_json_text(dumps(document), "<dict>", keep_extras, max_problems);
  } catch (const ledger_error& error) {
    std::vector<problem> problems = error.problems();
    for (auto& found : problems) found.line = found.column = 0;
    throw ledger_error(std::move(problems));
  }
}

// ---- records as dicts, in the JSON ledger's shape ----

// A field's value as Python sees it: dates as datetime.date, amounts as decimal.Decimal,
// enum values by name.
py::object field_object(const std::string& value) { return py::str(value); }
template <class Enum>
requires std::is_enum_v<Enum> py::object field_object(const Enum& value) {
  return py::str(std::string(to_string(value)));
}
py::object field_object(const id_list& ids) {
  py::list list;
  for (const record_id& id : ids) list.append(py::cast(id));
  return list;
}
template <class Value>
py::object field_object(const Value& value) {
  return py::cast(value);
}
template <class Value>
py::object field_object(const std::optional<Value>& value) {
  return field_object(*value);
}

// A record's fields as the JSON ledger names them (the schema's fields, an optional one
// left out when not given), extras parsed back from their JSON text.
template <class Record>
py::dict to_dict(const Record& record) {
  py::dict fields;
  for_each_field<Record>([&](const auto& field) {
    const auto& value = record.*field.member;
    if (field.required() || is_given(value)) {
      fields[py::str(std::string(field.name))] = field_object(value);
    }
  });
  const auto loads = py::module_::import("json").attr("loads");
  for (const auto& [key, text] : record.extras) fields[py::str(key.str())] = loads(text);
  return fields;
}

template <class Record>
py::list to_list(const std::vector<Record>& records) {
  py::list list;
  for (const auto& record : records) list.append(to_dict(record));
  return list;
}

constexpr const char* record_kinds_text =
    "'districts', 'enterprises', 'projects', 'teams', 'units', 'cases' or 'measures'";

py::list records_of(const ledger& book, const std::string& kind) {
  if (kind == "districts") return to_list(book.districts());
  if (kind == "enterprises") return to_list(book.enterprises());
  if (kind == "projects") return to_list(book.projects());
  if (kind == "teams") return to_list(book.teams());
  if (kind == "units") return to_list(book.units());
  if (kind == "cases") return to_list(book.cases());
  if (kind == "measures") return to_list(book.measures());
  throw py::key_error("unknown record kind '" + kind + "' (expected " + record_kinds_text + ")");
}

/// The language a `messages=` argument names; UsageError for another name.
message_language messages_named(const std::string& name) {
  if (const auto language = message_language_named(name)) return *language;
  throw usage_error("messages: '" + name + "' is not en or zh");
}

}  // namespace

read_limits make_read_limits(const std::optional<std::map<std::string, std::uint64_t>>& limits) {
  read_limits result;
  if (limits) {
    for (const auto& [name, value] : *limits) {
      set_read_limit(result, name + "=" + std::to_string(value));
    }
  }
  return result;
}

void bind_ledger(py::module_& m) {
  py::class_<problem>(m, "Problem",
                      "One thing wrong with an input ledger, located as precisely as the input "
                      "allows. str(problem) is the one-line form the command line prints.")
      .def_readonly("file", &problem::file,
                    "The input as named: a path, '<dict>' for Ledger.from_dict, '<json>' for "
                    "Ledger.from_json.")
      .def_readonly("line", &problem::line, "1-based line, 0 when unknown.")
      .def_readonly("column", &problem::column,
                    "1-based column (bytes; a sheet's column number), 0 when unknown.")
      .def_readonly("sheet_cell", &problem::sheet_cell,
                    "Whether line and column are a sheet's row and column (xlsx, ods): "
                    "str() then names the cell as Excel does, 'book.xlsx[问题台账]:C17: …'.")
      .def_readonly("pointer", &problem::pointer,
                    "JSON pointer of the field or record, e.g. '/cases/17/resolved_on'.")
      .def_readonly("record_kind", &problem::record_kind,
                    "'case', 'measure', … ('' for the document itself).")
      .def_readonly("record_id", &problem::record_id, "The record's id where it is known.")
      .def_readonly("field", &problem::field,
                    "The field's name, e.g. 'resolved_on' ('' for the whole record).")
      .def_readonly("reason", &problem::reason, "What is wrong, e.g. \"unknown district 'gulou'\".")
      .def("__str__", &problem::to_string, "file:line:column: pointer (kind id): reason")
      .def(
          "describe",
          [](const problem& found, const std::string& messages) {
            return describe(found, messages_named(messages));
          },
          py::arg("messages") = "en",
          "The one line in 'en' (str(problem)) or 'zh': in Chinese the position, pointer, "
          "ids and values stay as they are, the record kind, the fields (by their Chinese "
          "headers) and the reason are worded in Chinese, e.g. "
          "\"in.json:5:3: /cases/1/resolved_on (问题 c1): 办结日期 2020-01-02 早于反映日期 "
          "2020-01-05\".")
      .def("__repr__",
           [](const problem& found) { return "<caseledger.Problem " + found.to_string() + ">"; })
      .def(py::self == py::self)
      // Picklable, so that a LedgerError (which lists its problems) raised in a worker
      // process reaches the caller as a LedgerError (multiprocessing, Dask).
      .def(py::pickle(
          [](const problem& found) {
            return py::make_tuple(found.file, found.line, found.column, found.sheet_cell,
                                  found.pointer, found.record_kind, found.record_id, found.field,
                                  found.reason);
          },
          [](const py::tuple& state) {
            if (state.size() != 9) throw py::value_error("not a pickled Problem");
            return problem{state[0].cast<std::string>(), state[1].cast<std::size_t>(),
                           state[2].cast<std::size_t>(), state[3].cast<bool>(),
                           state[4].cast<std::string>(), state[5].cast<std::string>(),
                           state[6].cast<std::string>(), state[7].cast<std::string>(),
                           state[8].cast<std::string>()};
          }));

  bind_enum<case_category>(m, "CaseCategory", "What a case (问题) is about.");
  bind_enum<case_channel>(m, "CaseChannel", "How a case reached the office.");
  bind_enum<case_status>(m, "CaseStatus", "Where a case stands.");
  bind_enum<measure_kind>(m, "MeasureKind", "What a support measure (帮扶措施) grants.");
  bind_enum<transport_mode>(m, "TransportMode", "How returning workers travelled (返岗运输).");
  bind_enum<worker_origin>(m, "WorkerOrigin", "Where returning workers came from.");
  bind_enum<team_kind>(m, "TeamKind", "What kind of team (服务队) serves enterprises.");
  bind_enum<satisfaction_level>(
      m, "Satisfaction",
      "What an enterprise said on the follow-up call (回访): satisfied (满意), "
      "basically_satisfied (基本满意) or dissatisfied (不满意).");
  bind_enum<group_dimension>(m, "GroupDimension", "What a report can be grouped by.");

  py::class_<ledger, ledger_ptr>(
      m, "Ledger",
      "A validated case ledger (台账). Every Ledger satisfies the rules of the domain: it is "
      "only made by reading, which checks them. Immutable, so threads may share it.")
      .def_static(
          "load", &load, py::arg("path"), py::kw_only(), py::arg("keep_extras") = py::none(),
          py::arg("max_problems") = 1, py::arg("encoding") = "auto", py::arg("sheet") = "",
          py::arg("mapping") = py::none(), py::arg("limits") = py::none(),
          py::arg("calendar") = py::none(),
          "Reads a ledger file of any format, chosen by what path is: a folder of CSV "
          "files (one per kind of record, only cases.csv required), a .csv flat case "
          "sheet, an .xlsx or Excel 97-2003 .xls workbook, an .ods spreadsheet or a "
          "caseledger.ledger/1 .json ledger (extensions "
          "in any case). The GIL is released while reading and Ctrl-C interrupts it.\n\n"
          "keep_extras: True keeps fields or columns the domain does not define, False "
          "refuses them, None (the default) keeps them in flat case sheets and refuses "
          "them elsewhere; max_problems is how many problems to collect before raising. "
          "encoding (CSV only): 'auto', 'utf-8', 'gb18030' or 'gbk'. sheet (xlsx, xls "
          "and ods only): the flat case sheet to read, or 'all'. mapping (CSV and workbooks): a "
          "JSON file of "
          "header and value spellings. limits: a dict raising or lowering reading "
          "limits by name, e.g. {'max_string_bytes': 16 << 20} (docs/limits.md). calendar: "
          "the Calendar that turns cases' due_workdays into due_on (default "
          "Calendar.china()).\n"
          "Raises LedgerError if the ledger breaks a rule, OSError if a file cannot be "
          "read, UsageError for a path of no known format, an unknown encoding or an "
          "option its format does not take.")
      .def_static("from_dict", &from_dict, py::arg("document"), py::kw_only(),
                  py::arg("keep_extras") = py::none(), py::arg("max_problems") = 1,
                  "Builds a ledger from Python dicts and lists in the JSON ledger's shape "
                  "({'format': 'caseledger.ledger/1', 'districts': [...], ...}). Amounts may "
                  "be decimal.Decimal, int or decimal strings, dates datetime.date or ISO "
                  "strings. The same rules and messages as a file apply; problems name the "
                  "file '<dict>' and locate the record by JSON pointer.")
      .def_static(
          "from_json",
          [](const py::object& text, std::optional<bool> keep_extras, std::size_t max_problems) {
            const std::string content = py::isinstance<py::bytes>(text)
                                            ? text.cast<py::bytes>().cast<std::string>()
                                            : text.cast<std::string>();
            return from_json_text(content, "<json>", keep_extras, max_problems);
          },
          py::arg("text"), py::kw_only(), py::arg("keep_extras") = py::none(),
          py::arg("max_problems") = 1,
          "Reads a JSON ledger held in a str or bytes; problems name the file '<json>'.")
      .def_static(
          "validate",
          [](const py::object& source, std::optional<bool> keep_extras, std::size_t max_problems,
             const std::string& encoding, const std::string& sheet,
             const std::optional<std::filesystem::path>& mapping,
             const std::optional<std::map<std::string, std::uint64_t>>& limits,
             const std::optional<calendar>& days) {
            const bool is_dict = py::isinstance<py::dict>(source);
            std::filesystem::path path;
            if (is_dict) {
              // A dict is the JSON ledger's shape already: the file options mean nothing.
              if (encoding != "auto")
                throw usage_error("the encoding option does not apply to a dict");
              if (!sheet.empty()) throw usage_error("the sheet option does not apply to a dict");
              if (mapping) throw usage_error("the mapping option does not apply to a dict");
              if (limits) throw usage_error("the limits option does not apply to a dict");
              if (days) throw usage_error("the calendar option does not apply to a dict");
            } else {
              try {
                path = source.cast<std::filesystem::path>();
              } catch (const py::cast_error&) {
                throw py::type_error("validate() takes a path (str or os.PathLike) or a dict");
              }
            }
            try {
              if (is_dict) {
                from_dict(source, keep_extras, max_problems);
              } else {
                check_file(path, keep_extras, max_problems, encoding, sheet, mapping, limits, days);
              }
            } catch (const ledger_error& error) {
              return error.problems();
            }
            return std::vector<problem>{};
          },
          py::arg("source"), py::kw_only(), py::arg("keep_extras") = py::none(),
          py::arg("max_problems") = 100, py::arg("encoding") = "auto", py::arg("sheet") = "",
          py::arg("mapping") = py::none(), py::arg("limits") = py::none(),
          py::arg("calendar") = py::none(),
          "Checks a ledger file (str or os.PathLike, any format Ledger.load reads, with the "
          "same encoding, sheet, mapping, limits and calendar options; read as stream_report "
          "reads it, without holding its cases and measures) or dict without keeping it; "
          "returns every "
          "Problem found, up to max_problems ([] when the ledger is valid): those Ledger.load "
          "raises. OSError and "
          "UsageError still raise when a file cannot be read or its format is unknown.")
      .def_static(
          "from_records",
          [](const py::kwargs& records) {
            py::dict document;
            document["format"] = "caseledger.ledger/1";
            for (const record_kind_names& kind : record_kinds) {
              document[py::str(std::string(kind.plural))] = py::list();
            }
            for (const auto& [kind, list] : records) document[kind] = list;
            return from_dict(document, false, 1);
          },
          "Builds a ledger from lists of record dicts given by kind: "
          "Ledger.from_records(districts=[...], cases=[...]); kinds left out are empty. The "
          "same as from_dict with the format filled in (an unknown kind is a LedgerError).")
      .def(
          "records", &records_of, py::arg("kind"),
          "The records of one kind ('districts', 'enterprises', 'projects', 'teams', 'units', "
          "'cases' or 'measures') as dicts in the JSON ledger's shape: absent optional fields left "
          "out, dates as datetime.date, amounts as decimal.Decimal, enum values by name, "
          "extras (with keep_extras) parsed. Ledger.from_dict accepts them back. Handy for "
          "pandas.DataFrame(book.records('cases')).")
      .def(
          "write_json",
          [](const ledger& book, const std::filesystem::path& path, const std::string& layout) {
            json_layout chosen = json_layout::indented;
            if (layout == "record_per_line") {
              chosen = json_layout::record_per_line;
            } else if (layout != "indented") {
              throw usage_error("unknown layout '" + layout +
                                "' (expected 'indented' or 'record_per_line')");
            }
            py::gil_scoped_release release;
            write_json_ledger(book, path, chosen);
          },
          py::arg("path"), py::kw_only(), py::arg("layout") = "indented",
          "Writes the ledger as a caseledger.ledger/1 JSON file at path, all or nothing: "
          "layout 'indented' (a field a line) or 'record_per_line' (a third smaller). "
          "Ledger.load reads it back as the same records.")
      .def_static("consolidate", &consolidate, py::arg("paths"), py::kw_only(),
                  py::arg("keep_extras") = py::none(), py::arg("max_problems") = 1,
                  py::arg("encoding") = "auto", py::arg("sheet") = "",
                  py::arg("mapping") = py::none(), py::arg("limits") = py::none(),
                  py::arg("calendar") = py::none(),
                  "Reads several ledgers (one per district, say; any formats, side by side) as "
                  "one consolidated ledger (汇总), taking Ledger.load's options. A record given "
                  "alike in two files counts once (see notes); an id given to different records "
                  "in two files raises LedgerError naming both; flat sheets' case numbers (序号) "
                  "are scoped to their file.")
      .def_property_readonly(
          "notes",
          [](const ledger& book) {
            py::list notes;
            for (const reading_note& noticed : book.notes()) {
              py::dict note;
              note["kind"] = to_string(noticed.what);
              note["file"] = noticed.file;
              note["line"] = noticed.line;
              note["column"] = noticed.column;
              note["sheet_cell"] = noticed.sheet_cell;
              note["text"] = noticed.text;
              notes.append(std::move(note));
            }
            return notes;
          },
          "What reading passed over without refusing, in order: dicts with kind "
          "('skipped_rows', 'extra_columns', 'total_mismatch', 'repeated_record', "
          "'sheets_read'), file, line, column and text. A 合计 row whose figure differs from "
          "its rows' sum is a 'total_mismatch' note.")
      .def(
          "describe_notes",
          [](const ledger& book, const std::string& messages) {
            const message_language language = messages_named(messages);
            std::vector<std::string> lines;
            for (const reading_note& noticed : book.notes()) {
              lines.push_back(describe(noticed, language));
            }
            return lines;
          },
          py::arg("messages") = "en",
          "The notes as `caseledger validate` prints them (without its 'note: '), one line "
          "each, in 'en' or 'zh' (Chinese): 'book.xlsx[问题台账]:42: 跳过合计行（“合计”），"
          "不计为问题'.")
      .def_property_readonly(
          "inputs", [](const ledger& book) { return inputs_list(book.inputs()); },
          "The files the ledger was read from, in the order given (each table of a CSV "
          "folder): dicts with name, bytes and sha256 (of the content, as sha256sum prints "
          "it); [] for a ledger built in code.")
      .def_property_readonly(
          "case_extra_columns", [](const ledger& book) { return book.case_extra_columns(); },
          "The columns a table gave its cases beyond the format's, in the table's order "
          "(each case's value is in its record's extras); [] for a JSON ledger.")
      .def_property_readonly(
          "counts",
          [](const ledger& book) {
            py::dict counts;
            counts["districts"] = book.districts().size();
            counts["enterprises"] = book.enterprises().size();
            counts["projects"] = book.projects().size();
            counts["teams"] = book.teams().size();
            counts["units"] = book.units().size();
            counts["cases"] = book.cases().size();
            counts["measures"] = book.measures().size();
            return counts;
          },
          "How many records of each kind: {'districts': 4, 'enterprises': …, 'projects': …, "
          "'teams': …, 'units': …, 'cases': …, 'measures': …}.")
      .def_property_readonly(
          "district_ids",
          [](const ledger& book) {
            std::vector<std::string> ids;
            for (const auto& record : book.districts()) ids.push_back(record.id.str());
            return ids;
          },
          "The districts' ids in ledger order.")
      .def(
          "__len__", [](const ledger& book) { return book.cases().size(); }, "The number of cases.")
      .def("__repr__", [](const ledger& book) {
        return "<caseledger.Ledger: " + std::to_string(book.districts().size()) + " districts, " +
               std::to_string(book.cases().size()) + " cases, " +
               std::to_string(book.measures().size()) + " measures>";
      });
}

}  // namespace caseledger::python
