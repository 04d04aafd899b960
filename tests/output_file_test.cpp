#include "caseledger/io/output_file.hpp"

#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <filesystem>
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
