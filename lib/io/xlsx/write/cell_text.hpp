// Text as a spreadsheet cell can hold it, and how wide it looks.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace caseledger::detail {

/// The most UTF-16 code units Excel keeps in one cell.
inline constexpr std::size_t excel_max_text_units = 32'767;

/// Text made safe for a cell, and whether it had to be shortened.
struct cell_text {
  std::string text;
  bool cut = false;  ///< longer than excel_max_text_units, cut at a character boundary
};

/// `text` without the characters XML 1.0 forbids (C0 controls other than tab, line feed
/// and carriage return; U+FFFE, U+FFFF), with bytes that are not UTF-8 replaced by U+FFFD,
/// cut to `max_units` UTF-16 code units (a character outside the BMP counts two and is
/// never split).
///
/// With `escape_underscores`, a literal `_xHHHH_` gets its underscore written as
/// `_x005F_`: Excel and LibreOffice read `_xHHHH_` in a cell's string as an escaped
/// character, so "_x0041_" would otherwise show as "A". The escape counts towards
/// `max_units`.
cell_text to_cell_text(std::string_view text, std::size_t max_units = excel_max_text_units,
                       bool escape_underscores = false);

/// Whether `to_cell_text(text, max_units, escape_underscores)` gives `text` back unchanged
/// and uncut, so that it can be written as it is: a quick scan (ASCII eight bytes at a
/// time) for what the rules change. May say false for a text that would come back
/// unchanged (one of more than `max_units` bytes that still fits): `to_cell_text` decides.
bool cell_text_unchanged(std::string_view text, std::size_t max_units = excel_max_text_units,
                         bool escape_underscores = false);

/// How many columns `text` takes on screen: East Asian wide and full-width characters
/// count two, every other character one. A line break ends a line: the widest line counts.
std::size_t display_width(std::string_view text);

}  // namespace caseledger::detail
