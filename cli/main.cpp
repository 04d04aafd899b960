// The caseledger program: `caseledger report …`, `caseledger headline …` and
// `caseledger validate …`
// (see `caseledger --help` and cli/options.cpp for the command line).
#include <algorithm>
#include <exception>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <system_error>
#include <tuple>
#include <utility>
#include <variant>
#include <vector>

#include "caseledger/core/error.hpp"
#include "caseledger/io/output_file.hpp"
#include "caseledger/io/read_ledger.hpp"
#include "caseledger/io/stream_report.hpp"
#include "caseledger/metrics/alerts.hpp"
#include "caseledger/metrics/report.hpp"
#include "caseledger/text/headline.hpp"
#include "caseledger/text/messages.hpp"
#include "caseledger/version.hpp"
#include "options.hpp"
#include "progress.hpp"

namespace {

using namespace caseledger;

constexpr int exit_success = 0;
constexpr int exit_bad_input = 1;
constexpr int exit_bad_usage = 2;

/// "1 case", "3 cases".
std::string count_of(std::size_t n, const std::string& noun) {
  return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

/// One line per problem, nothing around it, so that editors and scripts can jump to each;
/// each file's in the order of its lines, the files in the order their first problem came
/// (the library reports problems in the order its checks found them: a reference checked
/// once every record is read comes after the lines read before it).
void print_problems(const ledger_error& e, message_language messages) {
  std::map<std::string, std::size_t> file_order;
  for (const problem& p : e.problems()) file_order.try_emplace(p.file, file_order.size());
  std::vector<problem> in_order = e.problems();
  std::stable_sort(in_order.begin(), in_order.end(), [&](const problem& a, const problem& b) {
    return std::tuple(file_order.at(a.file), a.line, a.column) <
           std::tuple(file_order.at(b.file), b.line, b.column);
  });
  for (const problem& p : in_order) std::cerr << describe(p, messages) << '\n';
}

/// A total row whose figures differ from its rows' is the office's to hear of, on the
/// standard error, while the report is made all the same (validate lists every note).
void warn_of_total(const reading_note& noticed, message_language messages,
                   cli::progress_meter& meter) {
  if (noticed.what == reading_note::kind::total_mismatch) {
    meter.say("caseledger: warning: " + describe(noticed, messages));
  }
}

/// The LEDGERs as the command line gave them, for a message about all of them.
std::string ledger_names(const std::vector<std::filesystem::path>& ledgers) {
  std::string names;
  for (const auto& ledger : ledgers) {
    if (!names.empty()) names += ", ";
    names += ledger == "-" ? "<stdin>" : ledger.string();
  }
  return names;
}

/// Runs `make` (the report's computation), naming the ledgers in an overflow: a total too
/// large for 64 bits is about the input, which the library's message cannot name.
template <typename Make>
auto naming_ledgers(const std::vector<std::filesystem::path>& ledgers, Make make) {
  try {
    return make();
  } catch (const caseledger::overflow_error& e) {
    throw caseledger::overflow_error(ledger_names(ledgers) + ": " + e.what());
  }
}

/// The options a request asks for, with the thresholds and templates its files hold.
report_options requested_options(const cli::report_request& request) {
  report_options options = request.options;
  if (request.alerts_file) {
    for (alert_threshold& threshold : read_alert_thresholds(*request.alerts_file)) {
      options.alerts.push_back(std::move(threshold));
    }
  }
  if (request.templates) {
    options.headlines =
        std::make_shared<const headline_templates>(headline_templates::read(*request.templates));
  }
  return options;
}

/// The report over the ledgers `request` names, each read in one pass or a few
/// (stream_report: the same outputs and problems as reading them whole, in a fraction of
/// the memory and time), reading and writing as `outputs` says (made with `reading_as` the
/// request's reading options; no output: the report only). `--stream` changes nothing: it is
/// what the report does.
report one_pass_report(const cli::report_request& request, const report_options& options,
                       stream_report_options& outputs) {
  outputs.threads = request.threads;
  cli::progress_meter meter(cli::progress_wanted(request.progress),
                            cli::input_bytes(request.ledgers));
  meter.phase("reading", true);  // computing as it reads, and then writing
  outputs.noticed = [&](const reading_note& noticed) {
    warn_of_total(noticed, request.messages, meter);
  };
  return naming_ledgers(request.ledgers, [&] {  // commits the outputs together
    return stream_report(request.ledgers, options, outputs);
  });
}

/// Writes every requested output to its temporary, and renames them into place only when
/// all are complete: a failure anywhere leaves every old output as it was.
int run_report(const cli::report_request& request) {
  const report_options options = requested_options(request);
  // Each output is checked before any work: a folder, a device or a folder that takes no
  // file is refused now, not after minutes of reading.
  bool to_standard_output = false;
  for (const auto& output : {request.json, request.xlsx, request.html}) {
    if (!output) continue;
    if (output_file::names_standard_output(*output)) {
      if (to_standard_output)
        throw usage_error("--json, --xlsx and --html cannot share standard output");
      to_standard_output = true;
    }
    output_file::check_target(*output);
  }
  // With a report on standard output, what the program says goes to the standard error.
  std::ostream& say = to_standard_output ? std::cerr : std::cout;
  stream_report_options outputs = reading_as(request.reading);
  outputs.json = request.json;
  outputs.xlsx = request.xlsx;
  outputs.workbook = request.workbook;
  outputs.html = request.html;
  outputs.page = request.page;
  one_pass_report(request, options, outputs);
  for (const auto& written : {request.json, request.xlsx, request.html}) {
    if (written) say << "wrote " << written->string() << '\n';
  }
  return exit_success;
}

/// One sentence per group, then the total's: a line each, or a Markdown list under the
/// report's title with the total as its own paragraph.
int run_headline(const cli::headline_request& request) {
  const report_options options = requested_options(request.report);
  stream_report_options report_only = reading_as(request.report.reading);
  const report r = one_pass_report(request.report, options, report_only);
  const bool markdown = request.format == cli::headline_format::markdown;
  if (markdown) std::cout << "## " << r.title << "\n\n";
  for (const report_group& group : r.groups) {
    std::cout << (markdown ? "- " : "") << group.headline.in(request.language) << '\n';
  }
  if (markdown) std::cout << '\n';
  std::cout << r.total.headline.in(request.language) << '\n';
  return exit_success;
}

/// validate's last line for a valid ledger: "ok: 3 cases, 2 measures, …" (units only when
/// it has some), or "通过：问题 3 个，帮扶措施 2 项，…".
std::string ledger_counts(const record_counts& counted, message_language messages) {
  struct kind_count {
    std::size_t count;
    const char* english;
    const char* chinese;
    const char* measure_word;  // 个, 项, 家, 支
    bool always;               // shown when there are none
  };
  const kind_count counts[] = {{counted.cases, "case", "问题", "个", true},
                               {counted.measures, "measure", "帮扶措施", "项", true},
                               {counted.districts, "district", "区县", "个", true},
                               {counted.enterprises, "enterprise", "企业", "家", true},
                               {counted.projects, "project", "项目", "个", true},
                               {counted.teams, "team", "服务队", "支", true},
                               {counted.units, "unit", "责任单位", "个", false}};
  const bool zh = messages == message_language::zh;
  std::string line = zh ? "通过：" : "ok: ";
  bool first = true;
  for (const kind_count& kind : counts) {
    if (!kind.always && kind.count == 0) continue;
    if (!first) line += zh ? "，" : ", ";
    first = false;
    line +=
        zh ? std::string(kind.chinese) + " " + std::to_string(kind.count) + " " + kind.measure_word
           : count_of(kind.count, kind.english);
  }
  return line;
}

/// Checks the ledgers as they are read, without holding their cases (stream_validate: the
/// problems, notes and counts of reading them whole).
int run_validate(const cli::validate_request& request) {
  try {
    std::vector<reading_note> notes;
    const record_counts counted = [&] {
      cli::progress_meter meter(cli::progress_wanted(request.progress),
                                cli::input_bytes(request.ledgers));
      meter.phase("reading", true);
      stream_report_options reading = reading_as(request.reading);
      reading.noticed = [&notes](const reading_note& noticed) { notes.push_back(noticed); };
      return stream_validate(request.ledgers, reading);
    }();
    for (const reading_note& noticed : notes) {
      std::cout << "note: " << describe(noticed, request.messages) << '\n';
    }
    std::cout << ledger_counts(counted, request.messages) << '\n';
    return exit_success;
  } catch (const ledger_error& e) {
    print_problems(e, request.messages);
    const std::size_t found = e.problems().size();
    const bool stopped = found >= request.reading.common.max_problems;
    if (request.messages == message_language::zh) {
      std::cout << "未通过：" << found << " 处错误"
                << (stopped ? "（已达 --max-problems，未再检查）" : "");
    } else {
      std::cout << "invalid: " << count_of(found, "problem")
                << (stopped ? " (stopped at --max-problems)" : "");
    }
    std::cout << '\n';
    return exit_bad_input;
  }
}

int run(const cli::request& request) {
  return std::visit(
      [](const auto& r) -> int {
        using type = std::decay_t<decltype(r)>;
        if constexpr (std::is_same_v<type, cli::help_request>) {
          std::cout << r.text;
          return exit_success;
        } else if constexpr (std::is_same_v<type, cli::version_request>) {
          std::cout << generator_name << '\n';
          return exit_success;
        } else if constexpr (std::is_same_v<type, cli::report_request>) {
          return run_report(r);
        } else if constexpr (std::is_same_v<type, cli::headline_request>) {
          return run_headline(r);
        } else {
          return run_validate(r);
        }
      },
      request);
}

}  // namespace

int main(int argc, char* argv[]) {
  // The language the command line asked problems in, once it has been read.
  message_language messages = message_language::en;
  try {
    const cli::request request = cli::parse_command_line(argc, argv);
    messages = std::visit(
        [](const auto& r) {
          using type = std::decay_t<decltype(r)>;
          if constexpr (std::is_same_v<type, cli::report_request> ||
                        std::is_same_v<type, cli::validate_request>) {
            return r.messages;
          } else if constexpr (std::is_same_v<type, cli::headline_request>) {
            return r.report.messages;
          } else {
            return message_language::en;
          }
        },
        request);
    return run(request);
  } catch (const usage_error& e) {
    std::cerr << "caseledger: " << e.what() << '\n';
    return exit_bad_usage;
  } catch (const cli::option_file_problems& e) {
    print_problems(e.problems, e.messages);
    return exit_bad_input;
  } catch (const ledger_error& e) {
    print_problems(e, messages);
    return exit_bad_input;
  } catch (const std::exception& e) {
    // file_error, overflow_error: the input or the disk, not the command line. The message
    // names the file itself.
    std::cerr << "caseledger: " << e.what() << '\n';
    return exit_bad_input;
  }
}
