// bare_xlsx_listing LEDGER.json OUT.xlsx FROM TO: the listing yardstick. Reads the ledger
// with caseledger, then writes the 明细 cells of the window with bare libxlsxwriter
// (constant memory), and prints the two phases' seconds.

#include <chrono>
#include <exception>
#include <iostream>

#include "caseledger/core/date.hpp"
#include "caseledger/io/json_ledger.hpp"
#include "yardsticks.hpp"

int main(int argc, char* argv[]) {
  if (argc != 5) {
    std::cerr << "Usage: bare_xlsx_listing LEDGER.json OUT.xlsx FROM TO\n";
    return 2;
  }
  try {
    using clock = std::chrono::steady_clock;
    const auto start = clock::now();
    const caseledger::ledger book = caseledger::read_json_ledger(argv[1]);
    const auto read = clock::now();
    const std::size_t rows = caseledger::bench::write_bare_listing(
        book, caseledger::date::parse(argv[3]), caseledger::date::parse(argv[4]), argv[2]);
    const auto written = clock::now();
    const auto seconds = [](clock::duration d) { return std::chrono::duration<double>(d).count(); };
    std::cout << "ok: " << rows << " rows; read " << seconds(read - start) << " s, listing "
              << seconds(written - read) << " s\n";
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "bare_xlsx_listing: " << e.what() << '\n';
    return 1;
  }
}
