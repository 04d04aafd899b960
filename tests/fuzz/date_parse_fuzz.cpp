// date::parse (exactly "YYYY-MM-DD") and the cell form (detail::parse_cell_date:
// "2020/1/5", "2020年1月5日", Excel serials). Refusals are std::invalid_argument. An
// accepted ISO date prints as the very text read; any accepted date prints as text that
// parses back to it. The first four bytes, as a day count, also exercise from_days.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

#include "caseledger/core/date.hpp"
#include "fuzz_support.hpp"
#include "io/table/field_conversion.hpp"

namespace {

void check_date(caseledger::date day) {
  if (!day.ymd().ok()) std::abort();
  if (day.first_of_month() > day || day.first_of_next_month() <= day) std::abort();
  if (day.month_key().empty()) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace caseledger;
  const std::string_view text = fuzzing::as_text(data, size);
  try {
    const date day = date::parse(text);
    check_date(day);
    if (day.to_string() != text) std::abort();
  } catch (const std::invalid_argument&) {
  }
  try {
    const date day = detail::parse_cell_date(text);
    check_date(day);
    if (date::parse(day.to_string()) != day) std::abort();
  } catch (const std::invalid_argument&) {
  }
  if (size >= sizeof(std::int32_t)) {
    // Any day count the ledger could hold; printing it must not misbehave, whatever the year.
    std::int32_t days = 0;
    std::memcpy(&days, data, sizeof days);
    const date day = date::from_days(days);
    if (day.to_string().empty() || day.month_key().empty()) std::abort();
  }
  return 0;
}
