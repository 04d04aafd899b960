// Built against the installed caseledger: the umbrella header, the library and what it
// links to must all come through find_package(caseledger) alone.
#include <caseledger/caseledger.hpp>
#include <cstdio>
#include <string>

int main() {
  // 闽侯县's waived electricity fees: a basic fee of 10万 yuan plus a 6万 tariff discount.
  const caseledger::money waived =
      caseledger::money::parse("100000.00") + caseledger::money::parse("6e4");
  const int days = caseledger::date::parse("2020-03-01") - caseledger::date::parse("2020-02-01");
  std::printf("%s: %s yuan = %s wan; February 2020 has %d days\n", caseledger::generator_name,
              waived.to_string().c_str(), waived.to_wan_string().c_str(), days);
  const bool right = waived.fen() == 16'000'000 && waived.to_string() == "160000.00" &&
                     waived.to_wan_string() == "16.00" && days == 29;
  return right ? 0 : 1;
}
