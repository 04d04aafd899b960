// The listing's sheet as caseledger writes it itself: deflated in blocks on worker threads
// (deflate_stream), in the markup libxlsxwriter writes (sheet_rows), checked against zlib's
// inflate and against libxlsxwriter writing the same cells.
#include <unzip.h>
#include <xlsxwriter.h>
#include <zlib.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "io/xlsx/write/deflate_stream.hpp"
#include "io/xlsx/write/sheet_rows.hpp"
#include "support/test_support.hpp"

namespace caseledger::detail {
namespace {

using caseledger::testing::scratch_dir;

std::string inflate_raw(std::string_view compressed) {
  z_stream z{};
  EXPECT_EQ(inflateInit2(&z, -MAX_WBITS), Z_OK);
  std::string out;
  char buffer[1 << 16];
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  z.avail_in = static_cast<uInt>(compressed.size());
  int result = Z_OK;
  while (result == Z_OK) {
    z.next_out = reinterpret_cast<Bytef*>(buffer);
    z.avail_out = sizeof buffer;
    result = inflate(&z, Z_NO_FLUSH);
    out.append(buffer, sizeof buffer - z.avail_out);
  }
  EXPECT_EQ(result, Z_STREAM_END) << "the joined segments are not one finished deflate stream";
  EXPECT_EQ(z.avail_in, 0U) << "bytes after the end of the stream";
  inflateEnd(&z);
  return out;
}

std::uint32_t crc_of(std::string_view data) {
  return static_cast<std::uint32_t>(
      crc32(0, reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(data.size())));
}

/// Rows of XML with numbers that vary (compressible, not trivially) and now and then a run
/// of bytes from a generator (incompressible).
std::string sample_data(std::size_t size) {
  std::string data;
  std::uint64_t state = 20200331;
  while (data.size() < size) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    if (state % 7 == 0) {
      for (int i = 0; i < 64; ++i) data += static_cast<char>((state >> (i % 56)) & 0xFF);
    } else {
      data += "<row r=\"" + std::to_string(state % 100000) +
              "\"><c r=\"A1\" t=\"inlineStr\"><is><t>仓山区" + std::to_string(state >> 40) +
              "</t></is></c></row>";
    }
  }
  data.resize(size);
  return data;
}

struct stream_result {
  std::string compressed;
  deflated_size size;
};

stream_result deflate_in_pieces(scratch_file& file, std::string_view data, unsigned workers) {
  deflate_stream stream(file, workers);
  std::uint64_t state = workers;
  for (std::size_t at = 0; at < data.size();) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    const std::size_t piece = std::min<std::size_t>(data.size() - at, 1 + (state >> 33) % 300'000);
    stream.write(data.substr(at, piece));
    at += piece;
  }
  stream_result result;
  result.size = stream.finish();
  stream.read([&](std::string_view part) { result.compressed.append(part); });
  return result;
}

TEST(DeflateStream, ItsBlocksJoinIntoOneDeflateStreamOfTheData) {
  const scratch_dir dir;
  // Every stream one after the other in one file, as a workbook's sheets are.
  scratch_file file(dir.path(), dir / "out.xlsx");
  constexpr std::size_t block = std::size_t{1} << 20;
  for (const std::size_t size :
       {std::size_t{0}, std::size_t{1}, block - 1, block, block + 1, 3 * block + block / 2}) {
    SCOPED_TRACE("size " + std::to_string(size));
    const std::string data = sample_data(size);
    const stream_result one = deflate_in_pieces(file, data, 1);
    const stream_result three = deflate_in_pieces(file, data, 3);
    EXPECT_EQ(one.compressed, three.compressed) << "the bytes depend on the threads";
    EXPECT_EQ(one.size.original, size);
    EXPECT_EQ(one.size.compressed, one.compressed.size());
    EXPECT_EQ(one.size.crc, crc_of(data));
    deflated_size end;
    const std::string finished = one.compressed + deflate_piece("", true, end);
    EXPECT_EQ(inflate_raw(finished), data);
    if (size > block) {
      EXPECT_LT(one.compressed.size(), size * 7 / 10) << "the blocks compress poorly";
    }
  }
}

TEST(DeflateStream, TwoStreamsWritingOneFileAtOnceAreALogicError) {
  const scratch_dir dir;
  scratch_file file(dir.path(), dir / "out.xlsx");
  const std::string data = sample_data(3 * (std::size_t{1} << 19));  // a block and a half
  deflate_stream first(file, 1);
  first.write(data);  // a block submitted, stored only when `first` is next called
  deflate_stream second(file, 1);
  second.write(data);
  second.finish();
  EXPECT_THROW(first.finish(), std::logic_error);
}

TEST(DeflateStream, APieceAloneAndPiecesJoined) {
  deflated_size head, tail;
  const std::string first = deflate_piece("<sheetData>", false, head);
  const std::string last = deflate_piece("</sheetData></worksheet>", true, tail);
  EXPECT_EQ(inflate_raw(first + last), "<sheetData></sheetData></worksheet>");
  EXPECT_EQ(head.original, 11U);
  EXPECT_EQ(head.crc, crc_of("<sheetData>"));
  EXPECT_EQ(tail.compressed, last.size());
}

/// The inside of the `<sheetData>` of `member` in the package, and its dimension's range.
std::pair<std::string, std::string> sheet_data_of(const std::filesystem::path& package,
                                                  const std::string& member) {
  unzFile zip = unzOpen64(package.c_str());
  EXPECT_NE(zip, nullptr);
  EXPECT_EQ(unzLocateFile(zip, member.c_str(), 1), UNZ_OK);
  EXPECT_EQ(unzOpenCurrentFile(zip), UNZ_OK);
  std::string xml;
  char buffer[1 << 16];
  for (int got; (got = unzReadCurrentFile(zip, buffer, sizeof buffer)) > 0;) {
    xml.append(buffer, static_cast<std::size_t>(got));
  }
  unzCloseCurrentFile(zip);
  unzClose(zip);
  const std::size_t start = xml.find("<sheetData>") + 11;
  const std::size_t end = xml.find("</sheetData>");
  const std::size_t ref = xml.find("<dimension ref=\"") + 16;
  return {xml.substr(start, end - start), xml.substr(ref, xml.find('"', ref) - ref)};
}

TEST(SheetRows, WritesTheCellsAsLibxlsxwriterWritesThem) {
  const scratch_dir dir;
  // Texts as to_cell_text leaves them: spaces and line breaks at either end, the three
  // characters XML escapes, a carriage return (written _x000D_), Chinese.
  const std::vector<std::string> texts = {"plain",
                                          " leading space",
                                          "trailing space ",
                                          "\tleading tab",
                                          "a&b<c>d\"e'f",
                                          "two\nlines\n",
                                          "carriage\rreturn",
                                          "仓山区 福州市（福建）",
                                          "_x005F_x0041_",
                                          "&",
                                          "x",
                                          "\n"};
  const std::vector<double> numbers = {43831,           0,    -5,   1.5,   1e20, 0.1 + 0.2,
                                       123456789012345, -0.0, 1e15, 2.5e-7};

  const std::filesystem::path lxw_path = dir / "lxw.xlsx";
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  lxw_workbook* book = workbook_new_opt(lxw_path.c_str(), &options);
  lxw_worksheet* sheet = workbook_add_worksheet(book, nullptr);
  lxw_format* bold = workbook_add_format(book);
  format_set_bold(bold);
  lxw_format* dated = workbook_add_format(book);
  format_set_num_format(dated, "yyyy-mm-dd");
  const std::int32_t bold_index = lxw_format_get_xf_index(bold);
  const std::int32_t date_index = lxw_format_get_xf_index(dated);

  scratch_file file(dir.path(), dir / "ours.xlsx");
  sheet_rows rows(file, 2);
  std::uint32_t row = 1;  // the first row left empty, as a sheet may start lower
  for (std::size_t i = 0; i < texts.size(); ++i, ++row) {
    const bool styled = i % 2 == 1;
    worksheet_write_string(sheet, row, 0, texts[i].c_str(), styled ? bold : nullptr);
    rows.text(row, 0, texts[i], styled ? bold_index : 0);
    worksheet_write_string(sheet, row, 3, "", nullptr);  // nothing, both ways
    rows.text(row, 3, "", 0);
    const double value = numbers[i % numbers.size()];
    worksheet_write_number(sheet, row, static_cast<lxw_col_t>(27 + i), value,
                           styled ? dated : nullptr);
    rows.number(row, static_cast<std::uint16_t>(27 + i), value, styled ? date_index : 0);
  }
  ASSERT_EQ(workbook_close(book), LXW_NO_ERROR);
  rows.finish();
  std::string ours;
  rows.data().read([&](std::string_view part) { ours.append(part); });
  deflated_size end;
  ours = inflate_raw(ours + deflate_piece("", true, end));

  const auto [theirs, dimension] = sheet_data_of(lxw_path, "xl/worksheets/sheet1.xml");
  EXPECT_EQ(ours, theirs);
  EXPECT_EQ(rows.dimension(), dimension);
  // The cases the comparison stands for are there.
  EXPECT_NE(theirs.find("carriage_x000D_return"), std::string::npos);
  EXPECT_NE(theirs.find("<t xml:space=\"preserve\"> leading space</t>"), std::string::npos);
  EXPECT_NE(theirs.find("a&amp;b&lt;c&gt;d\"e'f"), std::string::npos);
  EXPECT_NE(theirs.find("<v>1E+20</v>"), std::string::npos);
}

TEST(SheetRows, ADimensionOfOneCellOrNone) {
  const scratch_dir dir;
  scratch_file file(dir.path(), dir / "a.xlsx");
  sheet_rows none(file, 1);
  EXPECT_EQ(none.dimension(), "");
  sheet_rows one(file, 1);
  one.text(4, 2, "只此一格", 0);
  EXPECT_EQ(one.dimension(), "C5");
  one.number(5, 30, 1, 0);
  EXPECT_EQ(one.dimension(), "C5:AE6");
}

TEST(SheetRows, RefusesCellsOutOfOrder) {
  const scratch_dir dir;
  scratch_file file(dir.path(), dir / "a.xlsx");
  sheet_rows rows(file, 1);
  rows.text(3, 2, "a", 0);
  EXPECT_THROW(rows.text(3, 2, "b", 0), std::logic_error);
  EXPECT_THROW(rows.text(2, 5, "c", 0), std::logic_error);
}

}  // namespace
}  // namespace caseledger::detail
