// money::parse (the JSON number form) and the cell form (detail::parse_cell_amount:
// "1,234.50", "40万元", "¥1.2亿"). Refusals are std::invalid_argument and overflow_error;
// an accepted amount must print as text that parses back to the same amount.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <stdexcept>

#include "caseledger/core/error.hpp"
#include "caseledger/core/money.hpp"
#include "fuzz_support.hpp"
#include "io/table/field_conversion.hpp"

namespace {

void check_round_trip(caseledger::money amount) {
  if (caseledger::money::parse(amount.to_string()) != amount) std::abort();
  for (int decimals = 0; decimals <= 6; ++decimals) {
    if (amount.to_wan_string(decimals).empty()) std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace caseledger;
  const std::string_view text = fuzzing::as_text(data, size);
  try {
    check_round_trip(money::parse(text));
  } catch (const std::invalid_argument&) {
  } catch (const overflow_error&) {
  }
  try {
    check_round_trip(detail::parse_cell_amount(text));
  } catch (const std::invalid_argument&) {
  } catch (const overflow_error&) {
  }
  return 0;
}
