#include "options.hpp"

#include <algorithm>
#include <boost/program_options.hpp>
#include <cstdlib>
#include <sstream>
#include <stdexcept>
#include <string_view>
#include <vector>

#include "caseledger/core/date.hpp"
#include "caseledger/core/error.hpp"
#include "caseledger/io/calendar_file.hpp"

namespace caseledger::cli {
namespace {

namespace po = boost::program_options;

constexpr std::string_view program_usage =
    "Usage: caseledger <command> [options]\n"
    "\n"
    "Turns an enterprise-assistance case ledger (台账) into reports.\n"
    "\n"
    "Commands:\n"
    "  report LEDGER…    compute a report and write it as JSON and/or an Excel workbook\n"
    "  headline LEDGER…  print the report's headline sentences (text or Markdown)\n"
    "  validate LEDGER…  check ledgers and list every problem in them\n"
    "\n"
    "Options:\n"
    "  -h [ --help ]     show this help (caseledger <command> --help for a command's)\n"
    "  --version         show the version\n"
    "\n"
    "Exit status: 0 success, 1 bad input (ledger or file), 2 bad usage.\n";

constexpr std::string_view report_usage =
    "Usage: caseledger report LEDGER… --from YYYY-MM-DD --to YYYY-MM-DD\n"
    "                         [options] --json OUT.json [--xlsx OUT.xlsx] [--html OUT.html]\n"
    "\n"
    "Computes the report over the LEDGERs and writes it. A LEDGER is a caseledger.ledger/1\n"
    "JSON file, a folder of CSV files (cases.csv, …), a flat case sheet (.csv), an .xlsx or\n"
    ".xls workbook or an .ods spreadsheet, or - for a JSON ledger on standard input; --json -\n"
    "(or --xlsx -, --html -) writes to standard output. Several LEDGERs (one per district, say) "
    "are\n"
    "consolidated into one report\n"
    "(汇总): a record given in two of them alike counts once; an id given to different\n"
    "records in two of them is a problem naming both.\n"
    "Office sheets are read as offices make them: title and 填报 rows above the header, a\n"
    "header of two rows, 合计 and 小计 rows (their figures checked against the rows: a\n"
    "difference is a warning) and notes under the table are not cases.\n"
    "Outputs are written all or nothing: on any error no output is changed.\n"
    "\n"
    "One LEDGER, of any format, is read in one pass or a few: only its districts,\n"
    "enterprises, projects and teams are kept whole, the cases and measures are checked and\n"
    "counted as they pass (and the listing of the workbook kept compactly), so memory stays\n"
    "small for millions of cases. A JSON file whose records come in another order than\n"
    "districts, enterprises, projects and teams, then cases, then measures is read again in\n"
    "two or three passes; on standard input that order is required. A flat sheet (CSV, or a\n"
    "workbook's sheet of cases) is read once for the figures unless they are grouped by team\n"
    "or unit, else twice (a workbook parsed once); a workbook of several sheets of cases is\n"
    "read whole.\n"
    "Several LEDGERs are read a pass at a time over all of them: what each names first, then\n"
    "the cases and measures of each; where they cannot simply be added up (a problem in one,\n"
    "a case or measure id in two), they are read whole.\n"
    "The outputs and the problems are the same either way.\n";

constexpr std::string_view headline_usage =
    "Usage: caseledger headline LEDGER… --from YYYY-MM-DD --to YYYY-MM-DD [options]\n"
    "\n"
    "Computes the report over LEDGER and prints one headline sentence per group, then one\n"
    "for the total, in plain text (a line each) or Markdown.\n";

constexpr std::string_view validate_usage =
    "Usage: caseledger validate LEDGER… [options]\n"
    "\n"
    "Checks the LEDGERs (JSON, a folder of CSV files, a .csv flat sheet, an .xlsx or .xls\n"
    "workbook or an .ods spreadsheet, - for JSON on standard input; several are checked as one\n"
    "consolidated ledger) and prints every problem,\n"
    "one per line, to the standard error; on a valid ledger, what was read past (rows that\n"
    "are not cases, columns kept as extras, totals that disagree) is listed as notes.\n"
    "The LEDGERs are read as report reads them, checked as their records come, without\n"
    "holding their cases (standard input is read whole: its records may come in any order).\n";

/// The parser settings every command shares: no abbreviated option names, so that a typo
/// is an error rather than a guess.
constexpr int parser_style =
    po::command_line_style::default_style & ~po::command_line_style::allow_guessing;

std::string help_text(std::string_view usage, const po::options_description& options) {
  std::ostringstream text;
  text << usage << "\n" << options;
  return text.str();
}

/// Parses `args` against `options` and the positional LEDGERs (one or more); `help` is
/// set when --help was given, before required options are checked.
po::variables_map parse_arguments(const std::vector<std::string>& args,
                                  const po::options_description& options, bool& help) {
  po::options_description hidden;
  hidden.add_options()("ledger", po::value<std::vector<std::string>>(), "the ledgers");
  po::options_description all;
  all.add(options).add(hidden);
  po::positional_options_description positional;
  positional.add("ledger", -1);
  po::variables_map values;
  po::store(
      po::command_line_parser(args).options(all).positional(positional).style(parser_style).run(),
      values);
  help = values.count("help") > 0;
  if (help) return values;
  if (values.count("ledger") == 0) throw usage_error("no LEDGER given");
  po::notify(values);
  return values;
}

std::vector<std::filesystem::path> ledgers_of(const po::variables_map& values) {
  std::vector<std::filesystem::path> ledgers;
  for (const std::string& given : values["ledger"].as<std::vector<std::string>>()) {
    if (given == "-" && std::find(ledgers.begin(), ledgers.end(), "-") != ledgers.end()) {
      throw usage_error("standard input (-) is given twice as a LEDGER");
    }
    ledgers.emplace_back(given);
  }
  return ledgers;
}

date parse_date(const std::string& option, const std::string& text) {
  try {
    return date::parse(text);
  } catch (const std::invalid_argument& e) {
    throw usage_error("--" + option + ": " + e.what());
  }
}

std::vector<group_dimension> parse_group_by(const std::string& text) {
  std::vector<group_dimension> dimensions;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = text.find(',', start);
    const std::string name = text.substr(start, comma - start);
    const auto dimension = enum_from_string<group_dimension>(name);
    if (!dimension) {
      throw usage_error("--group-by: unknown dimension '" + name +
                        "' (district, category, channel, month, team, unit)");
    }
    dimensions.push_back(*dimension);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return dimensions;
}

/// The options that say what to compute, shared by report and headline.
/// The options every command reads its ledger with (besides --keep-extras).
void add_reading_options(po::options_description& options) {
  options.add_options()  //
      ("progress", po::bool_switch(),
       "show progress on the standard error (the default when it is a terminal)")  //
      ("quiet", po::bool_switch(), "show no progress")                             //
      ("messages", po::value<std::string>(),
       "the language of problems and notes: en or zh (Chinese); by default zh when the "
       "locale is Chinese (LC_ALL, LC_MESSAGES or LANG such as zh_CN.UTF-8), else en")  //
      ("encoding", po::value<std::string>()->default_value("auto"),
       "CSV encoding: auto, utf-8, gb18030, gbk")  //
      ("sheet", po::value<std::string>(),
       "xlsx: the flat case sheet to read, or all (default: the first sheet of cases and "
       "those with its columns)")                                                         //
      ("mapping", po::value<std::string>(), "CSV/xlsx: a header and value mapping file")  //
      ("calendar", po::value<std::string>(),
       "a working-day calendar file over China's (docs/calendar.md), for cases' "
       "due_workdays")  //
      ("limit", po::value<std::vector<std::string>>()->composing(),
       "raise or lower a reading limit, NAME=VALUE (repeatable; K, M, G suffixes): "
       "max_depth (64), max_string_bytes (1M), max_number_chars (64), max_fields (1024), "
       "max_part_bytes (1G), max_compression_ratio (200), max_shared_strings (8M), "
       "max_shared_string_bytes (256M); see docs/limits.md");
}

/// --progress or --quiet, when given.
std::optional<bool> parse_progress(const po::variables_map& values) {
  const bool progress = values["progress"].as<bool>();
  const bool quiet = values["quiet"].as<bool>();
  if (progress && quiet) throw usage_error("--progress and --quiet contradict each other");
  if (progress || quiet) return progress;
  return std::nullopt;
}

/// The language of messages the locale asks for, as POSIX orders its variables: the first
/// of LC_ALL, LC_MESSAGES and LANG that is set, Chinese when it names a Chinese locale
/// (zh_CN.UTF-8, zh_TW, zh), English otherwise.
message_language locale_messages() {
  for (const char* variable : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* value = std::getenv(variable);
    if (value == nullptr || *value == '\0') continue;
    return std::string_view(value).starts_with("zh") ? message_language::zh : message_language::en;
  }
  return message_language::en;
}

/// --messages: en or zh, by default the locale's.
message_language parse_messages(const po::variables_map& values) {
  if (!values.count("messages")) return locale_messages();
  const std::string& name = values["messages"].as<std::string>();
  if (const auto language = message_language_named(name)) return *language;
  throw usage_error("--messages: '" + name + "' is not en or zh");
}

/// What add_reading_options and --keep-extras asked for; `messages`, the language of the
/// --calendar file's problems.
void parse_reading(const po::variables_map& values, ledger_read_options& reading,
                   message_language messages) {
  const bool keep = values["keep-extras"].as<bool>();
  const bool strict = values["strict-columns"].as<bool>();
  if (keep && strict) throw usage_error("--keep-extras and --strict-columns contradict each other");
  if (keep || strict) reading.common.keep_extras = keep;
  reading.encoding = text_encoding_named(values["encoding"].as<std::string>());
  if (values.count("sheet")) reading.sheet = values["sheet"].as<std::string>();
  if (values.count("mapping")) reading.mapping = values["mapping"].as<std::string>();
  if (values.count("calendar")) {
    try {
      reading.common.workday_calendar = read_calendar(values["calendar"].as<std::string>());
    } catch (const ledger_error& e) {
      throw option_file_problems{e, messages};
    }
  }
  if (values.count("limit")) {
    for (const std::string& assignment : values["limit"].as<std::vector<std::string>>()) {
      try {
        set_read_limit(reading.common.limits, assignment);
      } catch (const usage_error& e) {
        throw usage_error(std::string("--limit: ") + e.what());
      }
    }
  }
}

void add_computation_options(po::options_description& options) {
  options.add_options()                                                                    //
      ("help,h", "show this help")                                                         //
      ("from", po::value<std::string>()->required(), "first day of the window")            //
      ("to", po::value<std::string>()->required(), "last day of the window (included)")    //
      ("as-of", po::value<std::string>(), "the day the figures stand at (default: --to)")  //
      ("group-by", po::value<std::string>()->default_value("district"),
       "comma-separated dimensions: district, category, channel, month, team, unit")      //
      ("rate-decimals", po::value<int>()->default_value(1), "decimals of rates, 0 to 6")  //
      ("key-only-resumption", po::bool_switch(),
       "track resumption of key enterprises and projects only")  //
      ("title", po::value<std::string>(), "the report's title")  //
      ("compare", po::value<std::string>(),
       "compare with: previous (环比), year-ago (同比) or FROM..TO")  //
      ("aging-buckets", po::value<std::string>()->default_value("7,30,90"),
       "backlog age buckets: increasing last days, e.g. 7,30,90")  //
      ("alert", po::value<std::vector<std::string>>()->composing(),
       "a threshold, e.g. resolution_rate<85% or district=cangshan:open_older_than_30>0 "
       "(repeatable)")                                                                      //
      ("alerts", po::value<std::string>(), "read thresholds from this file")                //
      ("templates", po::value<std::string>(), "headline templates replacing the built-in")  //
      ("keep-extras", po::bool_switch(),
       "keep fields the format does not define (flat case sheets keep them by default)")  //
      ("strict-columns", po::bool_switch(),
       "refuse fields the format does not define, flat case sheets' columns too");
  add_reading_options(options);
}

po::options_description report_options_description() {
  po::options_description options("Report options");
  add_computation_options(options);
  options.add_options()                                                    //
      ("json", po::value<std::string>(), "write the JSON report here")     //
      ("xlsx", po::value<std::string>(), "write the Excel workbook here")  //
      ("html", po::value<std::string>(),
       "write the HTML page here: one self-contained file for a phone, a desktop or A4 paper")  //
      ("stream", po::bool_switch(),
       "accepted for compatibility, changes nothing: one JSON ledger, flat CSV sheet or "
       "folder of CSV tables is always read without holding its cases")  //
      ("threads", po::value<unsigned>()->default_value(2),
       "1 (read, check and count on one thread, and deflate the workbook's case listing on "
       "one more) or 2 (a second thread writes the case listing, or parses when there is "
       "none, and reads half of a long CSV sheet's names; the listing deflated on as many "
       "threads as there are cores, at most four)")  //
      ("money-unit", po::value<std::string>(),
       "the workbook's amounts in yuan (元, two decimals; the default) or wan (万元, up to six)")  //
      ("money-decimals", po::value<int>(),
       "the decimals the workbook's and the page's amounts show with, 0 to 6 (2 by default; "
       "the cells keep the exact amount)")  //
      ("language", po::value<std::string>(),
       "the workbook's and the page's language: zh-Hans (the default), "
       "zh-Hant or en")  //
      ("layout", po::value<std::string>(),
       "the workbook's layout: office (the 汇总表 form, the default), data (plain tables for "
       "further processing) or a layout file (JSON, docs/xlsx.md); the switches below "
       "override it")  //
      ("unit-name", po::value<std::string>(),
       "the office form's 填报单位 (blank, to fill in by hand, when not given)")              //
      ("no-listing", po::bool_switch(), "leave the case listing (明细) out of the workbook")  //
      ("rows-per-sheet", po::value<std::size_t>(),
       "cases per listing sheet before it goes on in 明细(2), … (1 to 1048575, the default)");
  return options;
}

/// A language as the options name it: zh-Hans, zh-Hant or en, in any case.
report_language parse_language(const std::string& text) {
  std::string name = text;
  for (char& c : name) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  if (name == "zh-hans") return report_language::zh_hans;
  if (name == "zh-hant") return report_language::zh_hant;
  if (name == "en") return report_language::en;
  throw usage_error("--language: '" + text + "' is not zh-Hans, zh-Hant or en");
}

/// The workbook switches of `report`, each refused without --xlsx (or --html, for the two
/// the page shares): a switch that changes nothing is a mistake worth hearing of.
xlsx_options parse_workbook_options(const po::variables_map& values, bool has_xlsx, bool has_html) {
  xlsx_options workbook;
  for (const char* name : {"money-unit", "rows-per-sheet", "layout", "unit-name"}) {
    if (values.count(name) && !has_xlsx) {
      throw usage_error(std::string("--") + name + " applies to the workbook: give --xlsx");
    }
  }
  for (const char* name : {"money-decimals", "language"}) {
    if (values.count(name) && !has_xlsx && !has_html) {
      throw usage_error(std::string("--") + name +
                        " applies to the workbook and the page: give --xlsx or --html");
    }
  }
  if (values["no-listing"].as<bool>() && !has_xlsx) {
    throw usage_error("--no-listing applies to the workbook: give --xlsx");
  }
  if (values.count("layout")) {
    const std::string layout = values["layout"].as<std::string>();
    if (layout == "data") {
      workbook.form = workbook_form::data;
    } else if (layout != "office") {
      workbook = read_workbook_layout(layout);
    }
  }
  if (values.count("unit-name")) workbook.unit_name = values["unit-name"].as<std::string>();
  if (values.count("money-unit")) {
    const std::string unit = values["money-unit"].as<std::string>();
    if (unit != "yuan" && unit != "wan") {
      throw usage_error("--money-unit: '" + unit + "' is not yuan or wan");
    }
    workbook.money_in_wan = unit == "wan";
  }
  if (values.count("money-decimals")) {
    workbook.money_decimals = values["money-decimals"].as<int>();
    if (workbook.money_decimals < 0 || workbook.money_decimals > 6) {
      throw usage_error("--money-decimals must be between 0 and 6, not " +
                        std::to_string(workbook.money_decimals));
    }
  }
  if (values.count("language"))
    workbook.language = parse_language(values["language"].as<std::string>());
  if (values["no-listing"].as<bool>()) workbook.include_cases = false;
  if (values.count("rows-per-sheet")) {
    workbook.max_rows_per_sheet = values["rows-per-sheet"].as<std::size_t>();
    if (workbook.max_rows_per_sheet == 0 || workbook.max_rows_per_sheet > 1'048'575) {
      throw usage_error("--rows-per-sheet must be between 1 and 1048575, not " +
                        std::to_string(workbook.max_rows_per_sheet));
    }
  }
  return workbook;
}

po::options_description headline_options_description() {
  po::options_description options("Headline options");
  add_computation_options(options);
  options.add_options()                                                                //
      ("format", po::value<std::string>()->default_value("text"), "text or markdown")  //
      ("language", po::value<std::string>()->default_value("zh-Hans"), "zh-Hans, zh-Hant or en");
  return options;
}

std::vector<std::int32_t> parse_aging_buckets(const std::string& text) {
  std::vector<std::int32_t> limits;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = text.find(',', start);
    const std::string part = text.substr(start, comma - start);
    if (part.empty() || part.size() > 6 ||
        part.find_first_not_of("0123456789") != std::string::npos) {
      throw usage_error("--aging-buckets: '" + part + "' is not a whole number of days");
    }
    limits.push_back(std::stoi(part));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return limits;
}

/// Fills what add_computation_options asked for.
report_request computation_request(const po::variables_map& values) {
  report_request request;
  request.ledgers = ledgers_of(values);
  request.progress = parse_progress(values);
  request.messages = parse_messages(values);
  request.options.from = parse_date("from", values["from"].as<std::string>());
  request.options.to = parse_date("to", values["to"].as<std::string>());
  if (values.count("as-of")) {
    request.options.as_of = parse_date("as-of", values["as-of"].as<std::string>());
  }
  request.options.group_by = parse_group_by(values["group-by"].as<std::string>());
  request.options.rate_decimals = values["rate-decimals"].as<int>();
  request.options.key_only_resumption = values["key-only-resumption"].as<bool>();
  if (values.count("title")) request.options.title = values["title"].as<std::string>();
  if (values.count("compare")) {
    try {
      request.options.compare = comparison_spec::parse(values["compare"].as<std::string>());
    } catch (const usage_error& e) {
      throw usage_error(std::string("--compare: ") + e.what());
    }
  }
  request.options.aging_limits = parse_aging_buckets(values["aging-buckets"].as<std::string>());
  if (values.count("alert")) {
    for (const std::string& text : values["alert"].as<std::vector<std::string>>()) {
      try {
        request.options.alerts.push_back(alert_threshold::parse(text));
      } catch (const usage_error& e) {
        throw usage_error(std::string("--alert: ") + e.what());
      }
    }
  }
  if (values.count("alerts")) request.alerts_file = values["alerts"].as<std::string>();
  if (values.count("templates")) request.templates = values["templates"].as<std::string>();
  parse_reading(values, request.reading, request.messages);
  return request;
}

po::options_description validate_options_description() {
  po::options_description options("Validate options");
  options.add_options()             //
      ("help,h", "show this help")  //
      ("max-problems", po::value<std::size_t>()->default_value(100),
       "stop after this many problems (at least 1)")  //
      ("keep-extras", po::bool_switch(),
       "keep fields the format does not define (flat case sheets keep them by default)")  //
      ("strict-columns", po::bool_switch(),
       "refuse fields the format does not define, flat case sheets' columns too");
  add_reading_options(options);
  return options;
}

request parse_report(const std::vector<std::string>& args) {
  const po::options_description options = report_options_description();
  bool help = false;
  const po::variables_map values = parse_arguments(args, options, help);
  if (help) return help_request{help_text(report_usage, options)};

  report_request request = computation_request(values);
  if (values.count("json")) request.json = values["json"].as<std::string>();
  if (values.count("xlsx")) request.xlsx = values["xlsx"].as<std::string>();
  if (values.count("html")) request.html = values["html"].as<std::string>();
  if (!request.json && !request.xlsx && !request.html) {
    throw usage_error("nothing to write: give --json OUT.json, --xlsx OUT.xlsx or --html OUT.html");
  }
  request.stream = values["stream"].as<bool>();
  request.threads = values["threads"].as<unsigned>();
  if (request.threads != 1 && request.threads != 2) {
    throw usage_error("--threads must be 1 or 2, not " + std::to_string(request.threads));
  }
  request.workbook =
      parse_workbook_options(values, request.xlsx.has_value(), request.html.has_value());
  request.page = {.language = request.workbook.language,
                  .title = request.workbook.title,
                  .money_decimals = request.workbook.money_decimals};
  request.options.validate();
  return request;
}

request parse_headline(const std::vector<std::string>& args) {
  const po::options_description options = headline_options_description();
  bool help = false;
  const po::variables_map values = parse_arguments(args, options, help);
  if (help) return help_request{help_text(headline_usage, options)};

  headline_request request;
  request.report = computation_request(values);
  const std::string format = values["format"].as<std::string>();
  if (format == "markdown") {
    request.format = headline_format::markdown;
  } else if (format != "text") {
    throw usage_error("--format: '" + format + "' is not text or markdown");
  }
  request.language = parse_language(values["language"].as<std::string>());
  request.report.options.validate();
  return request;
}

request parse_validate(const std::vector<std::string>& args) {
  const po::options_description options = validate_options_description();
  bool help = false;
  const po::variables_map values = parse_arguments(args, options, help);
  if (help) return help_request{help_text(validate_usage, options)};

  validate_request request;
  request.ledgers = ledgers_of(values);
  request.progress = parse_progress(values);
  request.messages = parse_messages(values);
  request.reading.common.max_problems = values["max-problems"].as<std::size_t>();
  if (request.reading.common.max_problems == 0)
    throw usage_error("--max-problems must be at least 1");
  parse_reading(values, request.reading, request.messages);
  return request;
}

/// The command line without a command: --help, --version, or a mistake.
request parse_program_options(const std::vector<std::string>& args) {
  if (args.empty()) {
    throw usage_error("no command given (report, headline, validate; see caseledger --help)");
  }
  const std::string& first = args.front();
  if (first == "--help" || first == "-h") return help_request{std::string(program_usage)};
  if (first == "--version") return version_request{};
  if (first.starts_with("-")) {
    throw usage_error("unknown option '" + first + "' (see caseledger --help)");
  }
  throw usage_error("unknown command '" + first +
                    "' (report, headline, validate; see caseledger --help)");
}

}  // namespace

request parse_command_line(int argc, const char* const argv[]) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() ||
      (args.front() != "report" && args.front() != "validate" && args.front() != "headline")) {
    return parse_program_options(args);
  }
  const std::string& command = args.front();
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  // Every mistake in a command's arguments names the command and where its help is.
  const auto mistake = [&command](const std::string& what) {
    return usage_error(command + ": " + what + " (see caseledger " + command + " --help)");
  };
  try {
    if (command == "report") return parse_report(rest);
    if (command == "headline") return parse_headline(rest);
    return parse_validate(rest);
  } catch (const po::error& e) {
    throw mistake(e.what());
  } catch (const usage_error& e) {
    throw mistake(e.what());
  }
}

}  // namespace caseledger::cli
