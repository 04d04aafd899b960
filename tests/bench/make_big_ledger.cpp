// make_big_ledger --cases N --seed S [--process] --format json|csv OUT: writes a big synthetic
// ledger (tests/bench/big_ledger.hpp) as a JSON file or a folder of CSV files, streaming.

#include <charconv>
#include <cstdint>
#include <exception>
#include <fstream>
#include <iostream>
#include <string>
#include <string_view>

#include "big_ledger.hpp"

namespace {

constexpr std::string_view usage =
    "Usage: make_big_ledger --cases N [--seed S] [--process] --format json|csv OUT\n"
    "Writes a synthetic ledger of N cases (about N/2 measures, N/10 enterprises): OUT is a\n"
    ".json file, or a folder of CSV files for --format csv. The same N and S always give\n"
    "the same bytes. --process adds the handling process's fields (units, lead and\n"
    "co-handling units, working-day deadlines, extensions, follow-up calls, satisfaction);\n"
    "without it the ledger has none of them.\n";

std::uint64_t parse_count(std::string_view option, std::string_view text) {
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size()) {
    throw std::invalid_argument(std::string(option) + ": '" + std::string(text) +
                                "' is not a whole number");
  }
  return value;
}

}  // namespace

int main(int argc, char* argv[]) {
  try {
    caseledger::bench::big_ledger_spec spec;
    std::string format;
    std::string out;
    bool have_cases = false;
    for (int i = 1; i < argc; ++i) {
      const std::string_view arg = argv[i];
      const auto value = [&]() -> std::string_view {
        if (i + 1 >= argc) throw std::invalid_argument(std::string(arg) + " needs a value");
        return argv[++i];
      };
      if (arg == "--help" || arg == "-h") {
        std::cout << usage;
        return 0;
      } else if (arg == "--cases") {
        spec.cases = parse_count(arg, value());
        have_cases = true;
      } else if (arg == "--seed") {
        spec.seed = parse_count(arg, value());
      } else if (arg == "--process") {
        spec.process = true;
      } else if (arg == "--format") {
        format = value();
      } else if (!arg.starts_with("-") && out.empty()) {
        out = arg;
      } else {
        throw std::invalid_argument("unexpected argument '" + std::string(arg) + "'");
      }
    }
    if (!have_cases || out.empty() || (format != "json" && format != "csv")) {
      std::cerr << usage;
      return 2;
    }
    if (format == "csv") {
      caseledger::bench::write_big_ledger_csv(out, spec);
    } else {
      std::ofstream file(out, std::ios::binary | std::ios::trunc);
      if (!file) throw std::runtime_error("cannot open " + out);
      caseledger::bench::write_big_ledger_json(file, spec);
      file.close();
      if (!file) throw std::runtime_error("cannot write " + out);
    }
    return 0;
  } catch (const std::invalid_argument& e) {
    std::cerr << "make_big_ledger: " << e.what() << '\n' << usage;
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "make_big_ledger: " << e.what() << '\n';
    return 1;
  }
}
