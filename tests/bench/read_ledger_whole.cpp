// read_ledger_whole LEDGER…: the ledgers read whole into memory, as the library's
// read_ledgers gives them to a program that wants every record at hand (and as `caseledger
// validate` read them before it checked them as they came): the JSON-ingest and in-memory
// ledger benchmarks time it and take its peak memory. Prints the counts, as validate does.

#include <exception>
#include <filesystem>
#include <iostream>
#include <vector>

#include "caseledger/core/error.hpp"
#include "caseledger/io/read_ledger.hpp"

int main(int argc, char* argv[]) {
  if (argc < 2) {
    std::cerr << "Usage: read_ledger_whole LEDGER…\n";
    return 2;
  }
  try {
    const std::vector<std::filesystem::path> paths(argv + 1, argv + argc);
    const caseledger::ledger book = caseledger::read_ledgers(paths);
    std::cout << "ok: " << book.cases().size() << " cases, " << book.measures().size()
              << " measures, " << book.districts().size() << " districts, "
              << book.enterprises().size() << " enterprises, " << book.projects().size()
              << " projects, " << book.teams().size() << " teams\n";
    return 0;
  } catch (const caseledger::ledger_error& e) {
    std::cerr << "read_ledger_whole: " << e.problems().size() << " problems\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "read_ledger_whole: " << e.what() << '\n';
    return 1;
  }
}
