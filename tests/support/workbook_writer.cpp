#include "support/workbook_writer.hpp"

#include <gtest/gtest.h>

namespace caseledger::testing {

void write_workbook(const std::filesystem::path& path,
                    const std::vector<std::pair<std::string, sheet_rows>>& sheets,
                    bool inline_strings) {
  lxw_workbook_options options{};
  options.constant_memory = inline_strings ? LXW_TRUE : LXW_FALSE;
  lxw_workbook* book = workbook_new_opt(path.c_str(), &options);
  ASSERT_NE(book, nullptr);
  lxw_format* chinese_date = workbook_add_format(book);
  format_set_num_format(chinese_date, "yyyy\"年\"m\"月\"d\"日\"");
  for (const auto& [name, rows] : sheets) {
    lxw_worksheet* sheet = workbook_add_worksheet(book, name.c_str());
    for (lxw_row_t r = 0; r < rows.size(); ++r) {
      for (lxw_col_t c = 0; c < rows[r].size(); ++c) {
        const cell& value = rows[r][c];
        switch (value.kind) {
          case cell::type::text:
            worksheet_write_string(sheet, r, c, value.text.c_str(), nullptr);
            break;
          case cell::type::number:
            worksheet_write_number(sheet, r, c, value.number, nullptr);
            break;
          case cell::type::boolean:
            worksheet_write_boolean(sheet, r, c, value.number != 0, nullptr);
            break;
          case cell::type::day: {
            lxw_datetime when = value.when;
            worksheet_write_datetime(sheet, r, c, &when, chinese_date);
            break;
          }
          case cell::type::blank:
            break;
        }
      }
    }
  }
  ASSERT_EQ(workbook_close(book), LXW_NO_ERROR);
}

}  // namespace caseledger::testing
