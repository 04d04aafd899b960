// The one place caseledger sets a member of a libxlsxwriter struct by hand.
//
// A cell's style is written into the sheet as its format's number (xf_index), which
// libxlsxwriter assigns when a cell first uses the format. The listing written while a
// ledger is read (the eager workbook, workbook_source.hpp) goes out before the statistics
// sheets that come first in the file have used their formats, so its cells are written
// with stand-in formats that carry the numbers the real formats will get; at close the
// numbers are checked, and on a mismatch the eager workbook is dropped unwritten.
//
// libxlsxwriter's format.h says lxw_format's members are not to be modified: this relies on
// a format whose xf_index is already set never being looked up among the workbook's styles
// (it is not in the workbook's list). Checked against libxlsxwriter 1.1.x; CMakeLists.txt
// refuses to configure with any other version.
#pragma once

#include <cstdint>

#include <xlsxwriter.h>

namespace caseledger::detail {

/// A format outside any workbook whose cells are written with style number `xf_index`.
/// Null when memory runs out; free it with lxw_format_free.
lxw_format* new_stand_in_format(std::int32_t xf_index);

}  // namespace caseledger::detail
