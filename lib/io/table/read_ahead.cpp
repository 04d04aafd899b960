#include "io/table/read_ahead.hpp"

#include <utility>

namespace caseledger::detail {
namespace {

// Rows a batch holds: enough that the lock is taken once per few hundred rows, few enough
// that the first rows (a header looked at to choose the sheet) come at once.
constexpr std::size_t first_batch_rows = 16;
constexpr std::size_t batch_rows = 256;
// Batches read ahead at most: the queue stays a few hundred rows, never the sheet.
constexpr std::size_t max_ready = 4;

}  // namespace

read_ahead_rows::read_ahead_rows(std::unique_ptr<row_source> source)
    : source_(std::move(source)), thread_([this] { read_batches(); }) {}

read_ahead_rows::~read_ahead_rows() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  thread_.join();
}

void read_ahead_rows::read_batches() {
  std::size_t size = first_batch_rows;
  for (;;) {
    batch made;
    made.rows.reserve(size);
    try {
      while (made.rows.size() < size) {
        table_row row;
        if (!source_->next(row)) {
          made.last = true;
          break;
        }
        made.rows.push_back(std::move(row));
      }
    } catch (...) {
      made.failure = std::current_exception();
      made.last = true;
    }
    made.declared_last_row = source_->declared_last_row();
    const bool last = made.last;
    {
      std::unique_lock lock(mutex_);
      changed_.wait(lock, [this] { return stopping_ || ready_.size() < max_ready; });
      if (stopping_) return;
      ready_.push_back(std::move(made));
    }
    changed_.notify_all();
    if (last) return;
    size = batch_rows;
  }
}

bool read_ahead_rows::next(table_row& row) {
  row.clear();
  while (at_ == current_.rows.size()) {
    if (current_.failure) std::rethrow_exception(std::exchange(current_.failure, nullptr));
    if (current_.last) return false;
    {
      std::unique_lock lock(mutex_);
      changed_.wait(lock, [this] { return !ready_.empty(); });
      current_ = std::move(ready_.front());
      ready_.pop_front();
    }
    changed_.notify_all();
    at_ = 0;
  }
  row.swap(current_.rows[at_++]);
  return true;
}

std::unique_ptr<row_source> read_ahead(std::unique_ptr<row_source> source) {
  if (std::thread::hardware_concurrency() < 2) return source;
  return std::make_unique<read_ahead_rows>(std::move(source));
}

}  // namespace caseledger::detail
