// GB18030 (and so GBK) text to UTF-8 by table: iconv once per process to fill it, a lookup
// per character after.
#pragma once

#include <string>
#include <string_view>

namespace caseledger::detail {

/// Appends the UTF-8 of `text` to `out`. `text` is GB18030 whose bytes were checked already
/// (csv_rows checks each as it reads): only whole one-, two- and four-byte sequences.
/// Returns the offset in `text` of the first four-byte sequence that has no Unicode
/// character (what follows it is not appended), or npos when every character was decoded.
///
/// Why a table: iconv costs a call and a reset per cell, which was a third of reading a
/// GB18030 sheet. The table holds what glibc's iconv gives for every two-byte code and for
/// the four-byte codes of the Basic Multilingual Plane, so that both always agree; the
/// four-byte codes beyond it (from 90 30 81 30, U+10000 on) are computed, as the standard
/// defines them.
std::size_t append_gb18030_as_utf8(std::string_view text, std::string& out);

/// Fills the table if it is not yet: a reader calls it before its first row, so that a
/// system whose iconv has no GB18030 fails there. Throws `std::system_error` with iconv's
/// reason.
void prepare_gb18030_table();

}  // namespace caseledger::detail
