#include "io/xlsx/write/stand_in_format.hpp"

namespace caseledger::detail {

lxw_format* new_stand_in_format(std::int32_t xf_index) {
  lxw_format* format = lxw_format_new();
  if (format != nullptr) format->xf_index = xf_index;
  return format;
}

}  // namespace caseledger::detail
