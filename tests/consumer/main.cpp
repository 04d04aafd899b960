// Built against the installed caseledger: the umbrella header, the library and everything it
// links to (minizip and expat for xlsx ledgers, libxlsxwriter for workbooks) must come
// through find_package(caseledger) alone, or through pkg-config's caseledger.pc alone
// (Makefile). Reads the Fuzhou sample and a small xlsx ledger,
// writes both reports of each, and checks figures it knows.
//   consumer SAMPLE.json LEDGER.xlsx OUT_DIR
#include <caseledger/caseledger.hpp>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <string>

namespace {

bool written(const std::filesystem::path& path) {
  return std::filesystem::is_regular_file(path) && std::filesystem::file_size(path) > 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: consumer SAMPLE.json LEDGER.xlsx OUT_DIR\n");
    return 2;
  }
  try {
    const std::filesystem::path out = argv[3];
    caseledger::report_options q1;
    q1.from = caseledger::date::parse("2020-01-01");
    q1.to = caseledger::date::parse("2020-03-31");

    const caseledger::ledger sample = caseledger::read_ledger(argv[1]);
    const caseledger::report fuzhou = caseledger::compute_report(sample, q1);
    caseledger::write_json_report(fuzhou, out / "fuzhou.json");
    caseledger::write_xlsx_report(fuzhou, sample, out / "fuzhou.xlsx");
    const caseledger::group_metrics& cangshan = fuzhou.groups.front().metrics;
    std::printf("%s: 仓山区 coordinated %lld, resolved %lld\n", caseledger::generator_name,
                static_cast<long long>(cangshan.cases.coordinated),
                static_cast<long long>(cangshan.cases.resolved));

    const caseledger::ledger sheet = caseledger::read_ledger(argv[2]);
    const caseledger::report small = caseledger::compute_report(sheet, q1);
    caseledger::write_json_report(small, out / "small.json");
    caseledger::write_xlsx_report(small, sheet, out / "small.xlsx");

    const bool right = fuzhou.groups.front().key.front() == "cangshan" &&
                       cangshan.cases.coordinated == 186 && cangshan.cases.resolved == 184 &&
                       sheet.cases().size() == 2 && written(out / "fuzhou.json") &&
                       written(out / "fuzhou.xlsx") && written(out / "small.json") &&
                       written(out / "small.xlsx");
    return right ? 0 : 1;
  } catch (const caseledger::error& e) {
    std::fprintf(stderr, "consumer: %s\n", e.what());
    return 1;
  }
}
