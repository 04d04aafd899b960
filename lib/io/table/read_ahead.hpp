// A sheet's rows read on a second thread: while the rows already read become records, the
// next ones are inflated and parsed (an office sheet's XML costs about as much as the
// records made from it, and a report of one sheet otherwise leaves the second core idle).
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "io/table/ledger_tables.hpp"

namespace caseledger::detail {

/// The rows of `source`, read ahead by a thread of their own into a short queue of
/// batches; the rows, their order and any exception `source` throws come out of `next()`
/// exactly as from `source` itself, the exception at the row where `source` threw it. A
/// problem past the last row asked for is never thrown. `source` must be used by nothing
/// else while this lives (it is destroyed with this, after the thread has stopped).
class read_ahead_rows final : public row_source {
 public:
  explicit read_ahead_rows(std::unique_ptr<row_source> source);
  ~read_ahead_rows() override;
  read_ahead_rows(const read_ahead_rows&) = delete;
  read_ahead_rows& operator=(const read_ahead_rows&) = delete;

  bool next(table_row& row) override;
  std::uint32_t declared_last_row() const override { return current_.declared_last_row; }

 private:
  struct batch {
    std::vector<table_row> rows;
    std::exception_ptr failure;           // what `source` threw after the rows
    bool last = false;                    // `source` has no more rows (or threw)
    std::uint32_t declared_last_row = 0;  // `source`'s, read on its thread
  };

  void read_batches();

  std::unique_ptr<row_source> source_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<batch> ready_;  // read, not yet handed out; at most `max_ready` batches
  bool stopping_ = false;    // the reader is going away: the thread stops at once
  batch current_;            // the batch `next()` hands out rows from
  std::size_t at_ = 0;       // the next row of `current_`
  std::thread thread_;       // last: started once everything above exists
};

/// `source` read ahead on a second thread when the machine has a second core, else itself.
std::unique_ptr<row_source> read_ahead(std::unique_ptr<row_source> source);

}  // namespace caseledger::detail
