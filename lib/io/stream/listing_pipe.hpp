// The listing's rows on their way to the thread that writes them while the ledger is read.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "io/xlsx/write/workbook_source.hpp"

namespace caseledger::detail {

// The listing's rows on their way to the eager workbook's writing thread, in batches; the
// producer waits when the writer is `capacity` batches behind (the rows stay in the
// compact listing meanwhile: the batches only point into it).
class listing_pipe {
 public:
  static constexpr std::size_t batch_size = 1024;
  static constexpr std::size_t capacity = 8;

  explicit listing_pipe(std::unique_ptr<eager_workbook> workbook) : workbook_(std::move(workbook)) {
    batch_.reserve(batch_size);
    writer_ = std::thread([this] { write(); });
  }

  // Stops the writer and frees the workbook unwritten (unless `finish` wrote it).
  ~listing_pipe() {
    {
      const std::lock_guard lock(mutex_);
      abandoned_ = true;
    }
    not_full_.notify_all();
    not_empty_.notify_all();
    if (writer_.joinable()) writer_.join();
  }
  listing_pipe(const listing_pipe&) = delete;
  listing_pipe& operator=(const listing_pipe&) = delete;

  // False once the writer failed: the pipe is of no more use.
  bool add(const listed_case& c) {
    batch_.push_back(c);
    return batch_.size() < batch_size || push();
  }

  // Waits for the writer to write every row; false when it failed.
  bool finish_rows() {
    if (!batch_.empty() && !push()) return false;
    {
      const std::lock_guard lock(mutex_);
      closed_ = true;
    }
    not_empty_.notify_all();
    writer_.join();
    return !failed_;
  }

  eager_workbook& workbook() { return *workbook_; }

 private:
  bool push() {
    std::unique_lock lock(mutex_);
    not_full_.wait(lock, [this] { return batches_.size() < capacity || failed_; });
    if (failed_) return false;
    batches_.push_back(std::move(batch_));
    not_empty_.notify_one();
    batch_ = {};
    batch_.reserve(batch_size);
    return true;
  }

  // The writing thread. An error here is not reported: the caller falls back to writing
  // the workbook the normal way, which meets the same error, if any, where it always did.
  void write() {
    for (;;) {
      std::vector<listed_case> batch;
      {
        std::unique_lock lock(mutex_);
        not_empty_.wait(lock, [this] { return !batches_.empty() || closed_ || abandoned_; });
        if (abandoned_ || batches_.empty()) return;
        batch = std::move(batches_.front());
        batches_.pop_front();
      }
      not_full_.notify_one();
      try {
        for (const listed_case& c : batch) workbook_->add(c);
      } catch (...) {
        const std::lock_guard lock(mutex_);
        failed_ = true;
        not_full_.notify_all();
        return;
      }
    }
  }

  std::unique_ptr<eager_workbook> workbook_;
  std::vector<listed_case> batch_;  // being filled by the producer
  std::mutex mutex_;
  std::condition_variable not_full_, not_empty_;
  std::deque<std::vector<listed_case>> batches_;
  bool closed_ = false;
  bool abandoned_ = false;
  bool failed_ = false;
  std::thread writer_;  // last: started once everything above is ready
};

}  // namespace caseledger::detail
