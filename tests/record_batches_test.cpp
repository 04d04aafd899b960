// The queue between the streaming report's reading and checking threads: every batch
// arrives once and in order whether the reader runs ahead, stalls or stops early, though
// each side wakes the other only once `wake_after` batches of work or room are there.
#include <gtest/gtest.h>

#include <chrono>
#include <cstddef>
#include <future>
#include <optional>
#include <thread>
#include <vector>

#include "io/stream/record_batches.hpp"

namespace caseledger::detail {
namespace {

using namespace std::chrono_literals;

// A hang is a failure, not a timeout of the whole program: long enough never to be reached
// on a loaded machine by a queue that works.
constexpr auto hang = 60s;

// A batch whose one item says which it is (its size).
item_batch numbered(std::size_t number) {
  item_batch batch;
  batch.items.push_back({reading_note{}, {}});
  batch.size = number;
  return batch;
}

// Pops until the queue says it is done, each batch's number in turn.
std::vector<std::size_t> drain(batch_queue& queue) {
  std::vector<std::size_t> numbers;
  while (std::optional<item_batch> batch = queue.pop()) {
    numbers.push_back(batch->size);
    queue.recycle(std::move(*batch));
  }
  return numbers;
}

std::vector<std::size_t> one_to(std::size_t last) {
  std::vector<std::size_t> numbers;
  for (std::size_t n = 1; n <= last; ++n) numbers.push_back(n);
  return numbers;
}

TEST(RecordBatches, FewerBatchesThanWakeTheCheckerStillArriveWhenTheReaderCloses) {
  static_assert(batch_queue::wake_after > 1);
  for (std::size_t count = 0; count < batch_queue::wake_after; ++count) {
    batch_queue queue;
    auto checked = std::async(std::launch::async, [&] { return drain(queue); });
    std::this_thread::sleep_for(10ms);  // the checker is waiting before anything comes
    for (std::size_t n = 1; n <= count; ++n) ASSERT_TRUE(queue.push(numbered(n)));
    queue.close();
    ASSERT_EQ(checked.wait_for(hang), std::future_status::ready) << count << " batches";
    EXPECT_EQ(checked.get(), one_to(count));
  }
}

TEST(RecordBatches, AReaderFarAheadWaitsAndLosesNothing) {
  batch_queue queue;
  constexpr std::size_t count = 10 * batch_queue::capacity + 3;
  auto read = std::async(std::launch::async, [&] {
    for (std::size_t n = 1; n <= count; ++n) {
      if (!queue.push(numbered(n))) return false;
    }
    queue.close();
    return true;
  });
  // The checker starts late, so the reader has filled the queue and waits for room.
  std::this_thread::sleep_for(20ms);
  auto checked = std::async(std::launch::async, [&] { return drain(queue); });
  ASSERT_EQ(checked.wait_for(hang), std::future_status::ready);
  ASSERT_EQ(read.wait_for(hang), std::future_status::ready);
  EXPECT_TRUE(read.get());
  EXPECT_EQ(checked.get(), one_to(count));
}

TEST(RecordBatches, ABatchAtATimeWithPausesReachesTheCheckerInOrder) {
  batch_queue queue;
  auto checked = std::async(std::launch::async, [&] { return drain(queue); });
  // A slow reader (a pipe): one batch, then a pause in which the checker waits, over and
  // over, with the last few fewer than wake the checker.
  constexpr std::size_t count = 3 * batch_queue::wake_after + 1;
  for (std::size_t n = 1; n <= count; ++n) {
    ASSERT_TRUE(queue.push(numbered(n)));
    std::this_thread::sleep_for(1ms);
  }
  queue.close();
  ASSERT_EQ(checked.wait_for(hang), std::future_status::ready);
  EXPECT_EQ(checked.get(), one_to(count));
}

TEST(RecordBatches, ACheckerThatGivesUpReleasesAReaderWaitingForRoom) {
  batch_queue queue;
  auto read = std::async(std::launch::async, [&] {
    std::size_t pushed = 0;
    while (queue.push(numbered(pushed + 1))) ++pushed;
    return pushed;
  });
  std::this_thread::sleep_for(20ms);  // the queue is full and the reader waits
  queue.abandon();
  ASSERT_EQ(read.wait_for(hang), std::future_status::ready);
  EXPECT_EQ(read.get(), batch_queue::capacity);
}

TEST(RecordBatches, ABatchDoneWithIsFilledAgainWithItsItems) {
  batch_queue queue;
  ASSERT_TRUE(queue.push(numbered(1)));
  queue.close();
  std::optional<item_batch> batch = queue.pop();
  ASSERT_TRUE(batch);
  queue.recycle(std::move(*batch));
  const item_batch again = queue.reuse();
  EXPECT_EQ(again.size, 0u);
  EXPECT_EQ(again.items.size(), 1u);         // its items kept, to be copied over
  EXPECT_TRUE(queue.reuse().items.empty());  // none left: a new one
}

}  // namespace
}  // namespace caseledger::detail
