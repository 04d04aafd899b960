#include "io/table/recorded_sheet.hpp"

#include <algorithm>
#include <utility>

namespace caseledger::detail {
namespace {

// The recording, row after row: the row's line and its number of cells, then each cell as
// a tag, a cell in its place (its row's line, column 1 or the one after the previous
// cell's) or
// placed (its own line and column), then its text's length and bytes. Numbers are
// little-endian base-128 varints: most cells take two bytes besides their text.
constexpr char in_place = 0;
constexpr char placed = 1;
// The recording is kept in blocks of about this size, each row whole in one block: a
// string grown by doubling would copy the whole recording again and again.
constexpr std::size_t block_bytes = std::size_t{1} << 20;

void put_number(std::string& out, std::uint64_t value) {
  while (value >= 0x80) {
    out += static_cast<char>((value & 0x7F) | 0x80);
    value >>= 7;
  }
  out += static_cast<char>(value);
}

std::uint64_t take_number(const std::string& in, std::size_t& at) {
  std::uint64_t value = 0;
  for (unsigned shift = 0;; shift += 7) {
    const auto byte = static_cast<unsigned char>(in[at++]);
    value |= std::uint64_t{byte & 0x7Fu} << shift;
    if ((byte & 0x80) == 0) return value;
  }
}

}  // namespace

// Hands out the rows of the sheet being read, recording each into the book's recording;
// the recording is the book's once the sheet's last row has been handed out.
class recorded_book::recorder final : public row_source {
 public:
  recorder(recorded_book& book, std::size_t index, std::unique_ptr<row_source> rows)
      : book_(book), index_(index), rows_(std::move(rows)) {
    book_.recorded_sheet_.reset();
    book_.recording_.clear();
  }

  bool next(table_row& row) override {
    if (!rows_->next(row)) {
      book_.declared_last_row_ = rows_->declared_last_row();
      book_.recorded_sheet_ = index_;
      return false;
    }
    std::string& out = row_;
    out.clear();
    const std::uint32_t line = row.empty() ? 0 : row.front().line;
    put_number(out, line);
    put_number(out, row.size());
    std::uint32_t column = 1;
    for (const table_cell& cell : row) {
      if (cell.line == line && cell.column == column) {
        out += in_place;
      } else {
        out += placed;
        put_number(out, cell.line);
        put_number(out, cell.column);
      }
      column = cell.column + 1;
      put_number(out, cell.text.size());
      out += cell.text;
    }
    std::vector<std::string>& blocks = book_.recording_;
    if (blocks.empty() || blocks.back().size() + out.size() > blocks.back().capacity()) {
      blocks.emplace_back().reserve(std::max(block_bytes, out.size()));
    }
    blocks.back() += out;
    return true;
  }

  std::uint32_t declared_last_row() const override { return rows_->declared_last_row(); }

 private:
  recorded_book& book_;
  std::size_t index_;
  std::unique_ptr<row_source> rows_;
  std::string row_;  // the row being recorded
};

// Hands the recorded rows out again.
class recorded_book::replayer final : public row_source {
 public:
  explicit replayer(const recorded_book& book) : book_(book) {}

  bool next(table_row& row) override {
    const std::vector<std::string>& blocks = book_.recording_;
    if (block_ < blocks.size() && at_ == blocks[block_].size()) {
      ++block_;
      at_ = 0;
    }
    if (block_ == blocks.size()) return false;
    const std::string& in = blocks[block_];
    const auto line = static_cast<std::uint32_t>(take_number(in, at_));
    row.resize(take_number(in, at_));
    std::uint32_t column = 1;
    for (table_cell& cell : row) {
      if (in[at_++] == in_place) {
        cell.line = line;
        cell.column = column;
      } else {
        cell.line = static_cast<std::uint32_t>(take_number(in, at_));
        cell.column = static_cast<std::uint32_t>(take_number(in, at_));
      }
      column = cell.column + 1;
      const std::size_t size = take_number(in, at_);
      cell.text.assign(in, at_, size);
      at_ += size;
    }
    return true;
  }

  std::uint32_t declared_last_row() const override { return book_.declared_last_row_; }

 private:
  const recorded_book& book_;
  std::size_t block_ = 0;  // the block of the next row
  std::size_t at_ = 0;     // its first byte in the block
};

recorded_book::recorded_book(std::unique_ptr<sheet_book> book) : book_(std::move(book)) {}

recorded_book::~recorded_book() = default;

std::unique_ptr<row_source> recorded_book::open_sheet(std::size_t index) {
  if (recorded_sheet_ == index) return std::make_unique<replayer>(*this);
  ++sheets_read_;
  if (!record_next_) {
    record_next_ = true;
    return book_->open_sheet(index);
  }
  return std::make_unique<recorder>(*this, index, book_->open_sheet(index));
}

}  // namespace caseledger::detail
