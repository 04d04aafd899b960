// Text made safe for the places an HTML page puts it: element content and attribute
// values, and CSS strings (the print header's title).
#pragma once

#include <string>
#include <string_view>

namespace caseledger::detail {

/// Appends `text` as HTML reads it back literally, in content or in a quoted attribute:
/// & < > " ' as character references, and the C0 controls HTML forbids (all but tab, line
/// feed and carriage return) dropped.
void append_escaped(std::string& out, std::string_view text);

/// `text` as a quoted CSS string on one line: quotes, backslashes and < as hex escapes (so
/// that no `</style>` can end the style sheet early), controls as spaces.
std::string css_string(std::string_view text);

}  // namespace caseledger::detail
