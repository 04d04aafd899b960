#include "caseledger/io/output_file.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "caseledger/core/error.hpp"
#include "support/test_support.hpp"

namespace {

namespace fs = std::filesystem;
using caseledger::file_error;
using caseledger::output_file;
using caseledger::testing::read_text;
using caseledger::testing::scratch_dir;
using caseledger::testing::write_text;

/// The names in `folder`, sorted.
std::vector<std::string> names_in(const fs::path& folder) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(folder)) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

TEST(OutputFile, CommitPutsTheContentInPlace) {
  scratch_dir dir;
  {
    output_file out(dir / "q1.json");
    out.stream() << "{\"a\": 1}\n";
    out.commit();
  }
  EXPECT_EQ(read_text(dir / "q1.json"), "{\"a\": 1}\n");
  EXPECT_EQ(names_in(dir.path()), std::vector<std::string>{"q1.json"});
}

TEST(OutputFile, CommitReplacesAnOldTarget) {
  scratch_dir dir;
  write_text(dir / "q1.json", "old");
  output_file out(dir / "q1.json");
  out.stream() << "new";
  out.commit();
  EXPECT_EQ(read_text(dir / "q1.json"), "new");
  EXPECT_EQ(names_in(dir.path()), std::vector<std::string>{"q1.json"});
}

TEST(OutputFile, TheTemporaryIsAHiddenFileBesideTheTarget) {
  scratch_dir dir;
  output_file out(dir / "q1.json");
  EXPECT_EQ(out.target(), dir / "q1.json");
  EXPECT_EQ(out.temporary_path().parent_path(), dir.path());
  const std::string name = out.temporary_path().filename().string();
  ASSERT_EQ(name.size(), std::string(".q1.json.tmp-").size() + 6);
  EXPECT_EQ(name.rfind(".q1.json.tmp-", 0), 0u) << name;
  EXPECT_TRUE(fs::is_regular_file(out.temporary_path()));
}

TEST(OutputFile, TwoWritersOfOneTargetGetTwoTemporaries) {
  scratch_dir dir;
  output_file first(dir / "q1.json");
  output_file second(dir / "q1.json");
  EXPECT_NE(first.temporary_path(), second.temporary_path());
}

TEST(OutputFile, WithoutCommitNothingIsLeft) {
  scratch_dir dir;
  {
    output_file out(dir / "q1.json");
    out.stream() << "half a report";
  }
  EXPECT_TRUE(names_in(dir.path()).empty());
}

TEST(OutputFile, WithoutCommitAnOldTargetStaysAsItWas) {
  scratch_dir dir;
  write_text(dir / "q1.json", "old");
  try {
    output_file out(dir / "q1.json");
    out.stream() << "half a report";
    throw std::runtime_error("the writer failed");
  } catch (const std::runtime_error&) {
  }
  EXPECT_EQ(read_text(dir / "q1.json"), "old");
  EXPECT_EQ(names_in(dir.path()), std::vector<std::string>{"q1.json"});
}

TEST(OutputFile, AWriterMayOpenTheTemporaryItself) {
  scratch_dir dir;
  output_file out(dir / "q1.xlsx");
  write_text(out.temporary_path(), "workbook bytes");
  out.commit();
  EXPECT_EQ(read_text(dir / "q1.xlsx"), "workbook bytes");
  EXPECT_EQ(names_in(dir.path()), std::vector<std::string>{"q1.xlsx"});
}

TEST(OutputFile, WritesMoreThanOneBufferFull) {
  scratch_dir dir;
  std::string content;
  for (int i = 0; i < 100'000; ++i) content += std::to_string(i) + "\n";
  output_file out(dir / "big.txt");
  out.stream() << content;
  out.commit();
  EXPECT_EQ(read_text(dir / "big.txt"), content);
}

TEST(OutputFile, TheFileGetsTheUsualPermissions) {
  scratch_dir dir;
  const mode_t previous = ::umask(022);
  {
    output_file out(dir / "q1.json");
    out.commit();
  }
  ::umask(previous);
  EXPECT_EQ(fs::status(dir / "q1.json").permissions(),
            fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
                fs::perms::others_read);
}

TEST(OutputFile, AMissingFolderIsAFileError) {
  scratch_dir dir;
  const fs::path target = dir / "missing" / "q1.json";
  try {
    output_file out(target);
    FAIL() << "no error";
  } catch (const file_error& e) {
    EXPECT_EQ(e.path(), target);
    EXPECT_EQ(e.code(), std::errc::no_such_file_or_directory);
    EXPECT_EQ(std::string(e.what()),
              "cannot write '" + target.string() + "': No such file or directory");
  }
}

TEST(OutputFile, AFolderThatIsAFileIsAFileError) {
  scratch_dir dir;
  write_text(dir / "plain", "not a folder");
  const fs::path target = dir / "plain" / "q1.json";
  try {
    output_file out(target);
    FAIL() << "no error";
  } catch (const file_error& e) {
    EXPECT_EQ(e.code(), std::errc::not_a_directory);
    EXPECT_EQ(std::string(e.what()), "cannot write '" + target.string() + "': Not a directory");
  }
}

TEST(OutputFile, AReadOnlyFolderIsAFileError) {
  // Root writes into read-only folders, so the check only means something for other users.
  if (::geteuid() == 0) GTEST_SKIP() << "running as root, which ignores folder permissions";
  scratch_dir dir;
  fs::create_directory(dir / "locked");
  fs::permissions(dir / "locked", fs::perms::owner_read | fs::perms::owner_exec);
  try {
    output_file out(dir / "locked" / "q1.json");
    FAIL() << "no error";
  } catch (const file_error& e) {
    EXPECT_EQ(e.code(), std::errc::permission_denied);
  }
  fs::permissions(dir / "locked", fs::perms::owner_all);
}

TEST(OutputFile, ATargetThatNamesAFolderIsAFileError) {
  scratch_dir dir;
  fs::create_directory(dir / "q1.json");
  for (const fs::path& target : {dir.path() / "", dir / "q1.json"}) {
    try {
      output_file out(target);
      FAIL() << "no error for " << target;
    } catch (const file_error& e) {
      EXPECT_EQ(e.code(), std::errc::is_a_directory);
      EXPECT_EQ(std::string(e.what()), "cannot write '" + target.string() + "': Is a directory");
    }
  }
  EXPECT_EQ(names_in(dir.path()), std::vector<std::string>{"q1.json"});
}

TEST(OutputFile, AFailedRenameIsAFileErrorAndLeavesNoTemporary) {
  scratch_dir dir;
  {
    output_file out(dir / "q1.json");
    out.stream() << "report";
    fs::create_directory(dir / "q1.json");  // appears while the report is being written
    try {
      out.commit();
      FAIL() << "no error";
    } catch (const file_error& e) {
      EXPECT_EQ(e.code(), std::errc::is_a_directory);
      EXPECT_EQ(std::string(e.what()),
                "cannot replace '" + (dir / "q1.json").string() + "': Is a directory");
    }
  }
  EXPECT_EQ(names_in(dir.path()), std::vector<std::string>{"q1.json"});
}

TEST(OutputFile, FinishWritesWithoutReplacing) {
  scratch_dir dir;
  write_text(dir / "q1.json", "old");
  {
    output_file out(dir / "q1.json");
    out.stream() << "new";
    out.finish();
    EXPECT_EQ(read_text(dir / "q1.json"), "old");
    EXPECT_EQ(read_text(out.temporary_path()), "new");
  }
  EXPECT_EQ(read_text(dir / "q1.json"), "old");
  EXPECT_EQ(names_in(dir.path()), std::vector<std::string>{"q1.json"});
  output_file out(dir / "q1.json");
  out.stream() << "new";
  out.finish();
  out.commit();
  out.commit();
  EXPECT_EQ(read_text(dir / "q1.json"), "new");
}

/// Lowers this process's file size limit for its lifetime, so that writes past it fail
/// the way a full disk makes them fail (with EFBIG rather than ENOSPC).
class file_size_limit {
 public:
  explicit file_size_limit(rlim_t bytes) {
    ::getrlimit(RLIMIT_FSIZE, &saved_);
    previous_handler_ = std::signal(SIGXFSZ, SIG_IGN);
    rlimit lowered = saved_;
    lowered.rlim_cur = bytes;
    ::setrlimit(RLIMIT_FSIZE, &lowered);
  }
  ~file_size_limit() {
    ::setrlimit(RLIMIT_FSIZE, &saved_);
    std::signal(SIGXFSZ, previous_handler_);
  }
  file_size_limit(const file_size_limit&) = delete;
  file_size_limit& operator=(const file_size_limit&) = delete;

 private:
  rlimit saved_{};
  void (*previous_handler_)(int) = nullptr;
};

TEST(OutputFile, AFailedWriteIsReportedByCommitWithTheReason) {
  scratch_dir dir;
  write_text(dir / "q1.json", "old");
  {
    file_size_limit limit(1000);
    output_file out(dir / "q1.json");
    out.stream() << std::string(200'000, 'x');
    try {
      out.commit();
      FAIL() << "no error";
    } catch (const file_error& e) {
      EXPECT_EQ(e.code(), std::errc::file_too_large);
      EXPECT_EQ(std::string(e.what()),
                "cannot write '" + (dir / "q1.json").string() + "': File too large");
    }
  }
  EXPECT_EQ(read_text(dir / "q1.json"), "old");
  EXPECT_EQ(names_in(dir.path()), std::vector<std::string>{"q1.json"});
}

}  // namespace

namespace {

/// Writes `text` to a file under /proc/self (a namespace's id maps); false if it cannot.
bool write_proc(const char* name, const std::string& text) {
  std::ofstream file(name);
  file << text;
  file.flush();
  return static_cast<bool>(file);
}

/// Runs `body` in a child process that has a mount namespace of its own, in which `folder`
/// is a fresh tmpfs of `size` bytes; the child's exit status is what `body` returns (0 for
/// success, anything else names the check that failed). nullopt when this system lets no
/// process make a mount namespace (neither as root nor in a user namespace). Nothing
/// outside the child sees the mount, and it goes with the child.
std::optional<int> in_private_tmpfs(const fs::path& folder, std::size_t size,
                                    const std::function<int()>& body) {
  constexpr int cannot = 77;
  const pid_t child = ::fork();
  if (child == 0) {
    int status = cannot;
    if (::unshare(CLONE_NEWNS) != 0) {
      const uid_t uid = ::getuid();
      const gid_t gid = ::getgid();
      if (::unshare(CLONE_NEWUSER | CLONE_NEWNS) != 0 ||
          !write_proc("/proc/self/setgroups", "deny") ||
          !write_proc("/proc/self/uid_map", "0 " + std::to_string(uid) + " 1") ||
          !write_proc("/proc/self/gid_map", "0 " + std::to_string(gid) + " 1")) {
        ::_exit(cannot);
      }
    }
    // Private first, so that the tmpfs never shows in the namespace the tests run in.
    const std::string options = "size=" + std::to_string(size);
    if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) == 0 &&
        ::mount("tmpfs", folder.c_str(), "tmpfs", 0, options.c_str()) == 0) {
      try {
        status = body();
      } catch (...) {
        status = 99;
      }
    }
    ::_exit(status);
  }
  int status = 0;
  if (child < 0 || ::waitpid(child, &status, 0) != child || !WIFEXITED(status)) return 98;
  if (WEXITSTATUS(status) == cannot) return std::nullopt;
  return WEXITSTATUS(status);
}

TEST(OutputFile, AFullDiskIsAFileErrorAndLeavesTheOldReport) {
  scratch_dir dir;
  const fs::path target = dir / "q1.json";
  const auto result = in_private_tmpfs(dir.path(), 64 * 1024, [&] {
    write_text(target, "old report");
    try {
      output_file out(target);
      out.stream() << std::string(1 << 20, 'x');  // 16 times what the disk holds
      out.commit();
      return 1;
    } catch (const file_error& e) {
      if (e.code() != std::errc::no_space_on_device) return 2;
      if (std::string(e.what()) !=
          "cannot write '" + target.string() + "': No space left on device") {
        return 3;
      }
    }
    if (read_text(target) != "old report") return 4;
    if (names_in(dir.path()) != std::vector<std::string>{"q1.json"}) return 5;
    return 0;
  });
  if (!result) GTEST_SKIP() << "this system allows no private mount namespace for a small tmpfs";
  EXPECT_EQ(*result, 0);
}

TEST(OutputFile, AReadOnlyFileSystemIsAFileErrorAndLeavesTheOldReport) {
  // Root ignores a folder's permissions, not a read-only mount.
  scratch_dir dir;
  const fs::path target = dir / "q1.json";
  const auto result = in_private_tmpfs(dir.path(), 64 * 1024, [&] {
    write_text(target, "old report");
    if (::mount(nullptr, dir.path().c_str(), nullptr, MS_REMOUNT | MS_RDONLY, nullptr) != 0) {
      return 77;
    }
    try {
      output_file out(target);
      return 1;
    } catch (const file_error& e) {
      if (e.code() != std::errc::read_only_file_system) return 2;
      if (std::string(e.what()) !=
          "cannot write '" + target.string() + "': Read-only file system") {
        return 3;
      }
    }
    if (read_text(target) != "old report") return 4;
    if (names_in(dir.path()) != std::vector<std::string>{"q1.json"}) return 5;
    return 0;
  });
  if (!result) GTEST_SKIP() << "this system allows no private mount namespace for a small tmpfs";
  EXPECT_EQ(*result, 0);
}

TEST(OutputFile, ASymbolicLinkIsWrittenThroughAndStaysALink) {
  // latest.json -> reports/q1.json: the report is replaced, the link stays; the temporary
  // goes beside the report (the rename must stay within its folder).
  scratch_dir dir;
  fs::create_directory(dir / "reports");
  write_text(dir / "reports" / "q1.json", "old report");
  fs::create_symlink("reports/q1.json", dir / "latest.json");
  {
    output_file out(dir / "latest.json");
    out.stream() << "new report";
    out.commit();
    EXPECT_EQ(out.target(), dir / "latest.json");
  }
  EXPECT_TRUE(fs::is_symlink(fs::symlink_status(dir / "latest.json")));
  EXPECT_EQ(fs::read_symlink(dir / "latest.json"), "reports/q1.json");
  EXPECT_EQ(read_text(dir / "reports" / "q1.json"), "new report");
  EXPECT_EQ(names_in(dir.path()), (std::vector<std::string>{"latest.json", "reports"}));
  EXPECT_EQ(names_in(dir / "reports"), std::vector<std::string>{"q1.json"});

  // A link to a file not written yet creates it; a chain of links is followed to its end.
  fs::create_symlink("reports/q2.json", dir / "next.json");
  fs::create_symlink("next.json", dir / "chain.json");
  output_file chained(dir / "chain.json");
  chained.stream() << "q2";
  chained.commit();
  EXPECT_EQ(read_text(dir / "reports" / "q2.json"), "q2");
  EXPECT_TRUE(fs::is_symlink(fs::symlink_status(dir / "chain.json")));
  EXPECT_TRUE(fs::is_symlink(fs::symlink_status(dir / "next.json")));

  // A link to a folder is refused, as the folder itself is.
  fs::create_symlink("reports", dir / "folder.json");
  EXPECT_THROW(output_file(dir / "folder.json"), file_error);
}

TEST(OutputFile, ADeviceIsNeverReplaced) {
  // /dev/full as the target: renaming a temporary onto it would replace the device.
  struct stat before {};
  ASSERT_EQ(::stat("/dev/full", &before), 0);
  try {
    output_file out("/dev/full");
    FAIL() << "no error";
  } catch (const file_error& e) {
    EXPECT_EQ(std::string(e.what()),
              "cannot write '/dev/full': not a regular file (a report only replaces a regular "
              "file)");
  }
  struct stat after {};
  ASSERT_EQ(::stat("/dev/full", &after), 0);
  EXPECT_TRUE(S_ISCHR(after.st_mode));
  EXPECT_EQ(after.st_ino, before.st_ino);
  for (const auto& entry : fs::directory_iterator("/dev")) {
    EXPECT_FALSE(entry.path().filename().string().starts_with(".full.tmp-")) << entry.path();
  }
}

TEST(OutputFile, AFifoIsNeverReplaced) {
  scratch_dir dir;
  ASSERT_EQ(::mkfifo((dir / "q1.json").c_str(), 0600), 0);
  EXPECT_THROW(output_file(dir / "q1.json"), file_error);
  EXPECT_TRUE(fs::is_fifo(dir / "q1.json"));
  EXPECT_EQ(names_in(dir.path()), std::vector<std::string>{"q1.json"});
}

}  // namespace

namespace {

/// Runs `write` with the process's standard output sent to `file`; restores it after.
void with_standard_output_in(const fs::path& file, const std::function<void()>& write) {
  const int saved = ::dup(STDOUT_FILENO);
  ASSERT_GE(saved, 0);
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  ASSERT_GE(fd, 0);
  ::dup2(fd, STDOUT_FILENO);
  ::close(fd);
  write();
  ::dup2(saved, STDOUT_FILENO);
  ::close(saved);
}

/// The temporaries standard-output files left in the system's temporary folder.
std::size_t stdout_temporaries() {
  std::size_t found = 0;
  for (const auto& entry : fs::directory_iterator(fs::temp_directory_path())) {
    if (entry.path().filename().string().rfind(".caseledger-stdout.tmp-", 0) == 0) ++found;
  }
  return found;
}

TEST(OutputFile, StandardOutputGetsTheContentAtCommitOnly) {
  for (const char* name : {"-", "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"}) {
    EXPECT_TRUE(output_file::names_standard_output(name)) << name;
  }
  EXPECT_FALSE(output_file::names_standard_output("-.json"));
  EXPECT_FALSE(output_file::names_standard_output("/dev/stderr"));
  scratch_dir dir;
  const std::size_t before = stdout_temporaries();
  with_standard_output_in(dir / "out", [] {
    output_file out("-");
    EXPECT_TRUE(out.to_standard_output());
    out.stream() << "报告";
    out.finish();
    EXPECT_EQ(out.target(), "-");
    out.commit();
  });
  EXPECT_EQ(read_text(dir / "out"), "报告");
  with_standard_output_in(dir / "failed", [] {
    output_file out("-");
    out.stream() << "half a report";
  });  // never committed
  EXPECT_EQ(read_text(dir / "failed"), "");
  EXPECT_EQ(stdout_temporaries(), before);
}

TEST(OutputFile, CheckTargetRefusesWhatTheConstructorWouldWithoutCreatingAnything) {
  scratch_dir dir;
  write_text(dir / "file", "x");
  EXPECT_THROW(output_file::check_target(dir.path()), file_error);
  EXPECT_THROW(output_file::check_target("/dev/null"), file_error);
  EXPECT_THROW(output_file::check_target(dir / "file" / "q1.json"), file_error);
  EXPECT_THROW(output_file::check_target(dir / "missing" / "q1.json"), file_error);
  EXPECT_NO_THROW(output_file::check_target(dir / "q1.json"));
  EXPECT_NO_THROW(output_file::check_target("-"));
  EXPECT_EQ(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator{}), 1);
}

}  // namespace
