// A zip member's data deflated while it is written, a block at a time on worker threads:
// the listing's sheet, hundreds of megabytes of XML, no longer waits for the workbook's
// close to be compressed on one core.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "io/file/scratch_file.hpp"

namespace caseledger::detail {

/// Raw deflate data (zip's method 8) made of independent segments, each compressed at
/// zlib's level 5 and ended on a byte boundary (a sync flush), so that segments
/// compressed apart can be joined: `deflate_piece` for a short text, `deflate_stream` for a
/// long one, compressed in blocks of 1 MiB (each primed with the 32 KiB before it, so the
/// output is about as small as one stream's) on worker threads while the caller writes on.
/// The blocks are the same whatever the number of threads: so are the bytes.
struct deflated_size {
  std::uint32_t crc = 0;       ///< CRC-32 of the data before compression
  std::uint64_t original = 0;  ///< bytes before compression
  std::uint64_t compressed = 0;
};

/// `text` deflated as one segment; `last`: ends the deflate data (a final block).
std::string deflate_piece(std::string_view text, bool last, deflated_size& size);

class deflate_stream {
 public:
  /// Compressed blocks go to the end of `file`, which no one else may append to until
  /// `finish`; `workers` threads compress (at least one) until then.
  deflate_stream(scratch_file& file, unsigned workers);
  ~deflate_stream();
  deflate_stream(const deflate_stream&) = delete;
  deflate_stream& operator=(const deflate_stream&) = delete;

  /// Appends `bytes` to the data.
  void write(std::string_view bytes);

  /// Compresses what is left, waits for every block and lets the workers go; call once,
  /// after the last write. Throws `file_error` when the file could not be written.
  deflated_size finish();

  /// Gives the compressed segments, in order, in pieces of at most 1 MiB. After `finish`.
  void read(const std::function<void(std::string_view)>& sink) const;

 private:
  static constexpr std::size_t block_bytes = std::size_t{1} << 20;
  static constexpr std::size_t window_bytes = std::size_t{1} << 15;

  struct block {
    std::string input;
    std::string dictionary;  // the 32 KiB of data before it
    std::string output;
    std::uint32_t crc = 0;
    bool done = false;
    std::exception_ptr failure;
  };

  void submit();
  void work();
  // Lets the workers finish what was submitted and joins them.
  void stop();
  // Writes the finished blocks at the front to the file; with `wait`, waits for the front.
  void drain(bool wait);

  scratch_file& file_;
  std::uint64_t start_;  // where its blocks begin in file_
  deflated_size size_;
  std::string pending_;     // the block being filled
  std::string dictionary_;  // the end of the last block submitted
  std::mutex mutex_;
  std::condition_variable work_ready_, block_done_;
  std::deque<block> blocks_;          // submitted, not yet stored; stable addresses while in here
  std::size_t next_to_compress_ = 0;  // index into blocks_ of the first unclaimed block
  std::size_t in_flight_limit_;
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace caseledger::detail
