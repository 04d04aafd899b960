#pragma once

#include <filesystem>
#include <memory>
#include <ostream>

namespace caseledger {

/// A file written all or nothing: the content goes to a temporary file beside the target,
/// and `commit()` renames it into place. If `commit()` is never reached (an exception, an
/// early return), the destructor removes the temporary, so a failed run leaves no partial
/// file and an old report at the target stays as it was.
///
///     caseledger::output_file out("q1.json");
///     out.stream() << text;
///     out.commit();
class output_file {
 public:
  /// Reserves a temporary name beside `target` (".<name>.tmp-XXXXXX", created empty with
  /// the usual permissions). A symbolic link is followed: the file it names (which need
  /// not exist yet) is the one replaced, beside which the temporary goes, and the link
  /// stays a link. Throws `file_error` if the folder does not exist or is not writable, or
  /// if `target` is a folder or anything else that is not a regular file (a device such as
  /// /dev/full, a pipe): renaming onto it would replace it.
  ///
  /// `-` (and /dev/stdout, /dev/fd/1, /proc/self/fd/1) is standard output, whatever it is
  /// (a pipe, a terminal, a file the shell opened): the content goes to a temporary in the
  /// system's temporary folder and is copied there at `commit()`.
  explicit output_file(std::filesystem::path target);

  /// Throws the `file_error` the constructor would, without creating anything: for a
  /// caller that checks its outputs before the work that fills them. Also refuses a folder
  /// that does not exist or takes no new file.
  static void check_target(const std::filesystem::path& target);

  /// Whether `target` names standard output (see the constructor).
  static bool names_standard_output(const std::filesystem::path& target);
  /// Removes the temporary unless `commit()` succeeded.
  ~output_file();
  output_file(const output_file&) = delete;
  output_file& operator=(const output_file&) = delete;

  /// The temporary file, for writers that open files themselves (libxlsxwriter).
  const std::filesystem::path& temporary_path() const noexcept { return temporary_; }
  /// The file `commit()` puts in place.
  const std::filesystem::path& target() const noexcept { return target_; }
  bool to_standard_output() const noexcept { return to_standard_output_; }

  /// A binary stream on the temporary file, opened on first use. A failed write does not
  /// throw here: `commit()` reports it with the operating system's reason.
  std::ostream& stream();

  /// Flushes and closes the stream (if used), checks every write succeeded and syncs the
  /// data to disk, without renaming. With several outputs that go together, finish every
  /// one before committing any, so that a failure leaves none of them in place. Throws
  /// `file_error` naming the target and the reason.
  void finish();

  /// `finish()` (if not done yet), then renames the temporary onto the target. Throws
  /// `file_error` naming the target and the reason. Committing twice does nothing.
  void commit();

 private:
  class file_buffer;  // the temporary's descriptor and write buffer (output_file.cpp)

  // The file a target names, through its symbolic links; throws for a folder or a target
  // that is not a regular file.
  static std::filesystem::path destination_of(const std::filesystem::path& target);

  std::filesystem::path target_;
  bool to_standard_output_ = false;
  std::filesystem::path destination_;  // the target, through its symbolic links
  std::filesystem::path temporary_;
  std::unique_ptr<file_buffer> buffer_;
  std::ostream stream_{nullptr};
  bool finished_ = false;
  bool committed_ = false;
};

}  // namespace caseledger
