// Traditional characters read like Simplified ones: a ledger written in 區縣, 問題類別,
// 補助金額（萬元）, 已辦結 (as the article this project grew from is) matches the aliases,
// which are written in Simplified. OpenCC's Traditional-to-Simplified conversion does the
// work; names (districts, enterprises) are never converted, only headers and choice values.
#pragma once

#include <string>
#include <string_view>

namespace caseledger::detail {

/// `text` in Simplified characters (OpenCC's t2s). ASCII text is returned as it is without
/// reaching OpenCC. Throws `file_error` naming OpenCC's configuration when it cannot be
/// loaded (the libopencc data package is missing).
std::string to_simplified(std::string_view text);

}  // namespace caseledger::detail
