// simdjson_ledger LEDGER.json [--build]: the JSON-ingest yardstick. Reads the ledger with
// simdjson into caseledger's records (--build: and through ledger_builder, giving the
// ledger read_ledgers gives), then prints the counts and the phases' seconds.

#include <chrono>
#include <exception>
#include <iostream>
#include <string_view>

#include <simdjson.h>

#include "yardsticks.hpp"

int main(int argc, char* argv[]) {
  const bool build = argc == 3 && std::string_view(argv[2]) == "--build";
  if (argc != 2 && !build) {
    std::cerr << "Usage: simdjson_ledger LEDGER.json [--build]\n";
    return 2;
  }
  try {
    using clock = std::chrono::steady_clock;
    const auto start = clock::now();
    const simdjson::padded_string text = simdjson::padded_string::load(argv[1]);
    const auto loaded = clock::now();
    caseledger::bench::ledger_records records =
        caseledger::bench::simdjson_read_records({text.data(), text.size()});
    const auto parsed = clock::now();
    const std::size_t cases = records.cases.size();
    const std::size_t measures = records.measures.size();
    if (build) caseledger::bench::build_ledger(std::move(records));
    const auto built = clock::now();
    const auto seconds = [](clock::duration d) { return std::chrono::duration<double>(d).count(); };
    std::cout << "ok: " << cases << " cases, " << measures << " measures; load "
              << seconds(loaded - start) << " s, parse " << seconds(parsed - loaded) << " s";
    if (build) std::cout << ", build " << seconds(built - parsed) << " s";
    std::cout << '\n';
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "simdjson_ledger: " << e.what() << '\n';
    return 1;
  }
}
