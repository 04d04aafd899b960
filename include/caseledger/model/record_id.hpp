#pragma once

#include "caseledger/core/short_text.hpp"

namespace caseledger {

/// A record's id, or a reference to another record by its id: a `short_text`, kept inside
/// its 16 bytes up to 15 bytes ("C00000123", "cangshan"), as nearly every id is.
///
///     caseledger::case_record c;
///     c.id = "C0001";                 // or a std::string, a std::string_view
///     std::string_view text = c.id;   // the bytes, for as long as c.id holds them
///     std::string copy = c.id.str();  // a std::string of its own
///     if (c.district == "cangshan") …
using record_id = short_text;

}  // namespace caseledger
