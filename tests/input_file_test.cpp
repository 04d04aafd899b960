// Inputs that change or vanish while they are read: every reader reads through
// detail::input_file, which refuses a file that changed and reads one that was removed
// from its open descriptor.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "caseledger/core/error.hpp"
#include "caseledger/io/read_ledger.hpp"
#include "caseledger/io/xlsx_ledger.hpp"
#include "core/input_file.hpp"
#include "support/test_support.hpp"

namespace caseledger {
namespace {

namespace fs = std::filesystem;
using testing::scratch_dir;
using testing::write_text;

std::string changed_message(const fs::path& path) {
  return "cannot read '" + path.string() + "': the file changed while it was being read";
}

// Reads the rest of `file` in chunks of `chunk` bytes.
std::string read_rest(detail::input_file& file, std::size_t chunk = 4) {
  std::string content;
  std::vector<char> buffer(chunk);
  while (const std::size_t got = file.read(buffer.data(), buffer.size())) {
    content.append(buffer.data(), got);
  }
  return content;
}

// Reads `file` to the end and returns what the error said ("" if none).
std::string error_reading(detail::input_file& file) {
  try {
    read_rest(file);
  } catch (const file_error& e) {
    return e.what();
  }
  return "";
}

TEST(InputFile, ReadsAWholeUnchangedFile) {
  scratch_dir dir;
  write_text(dir / "in.json", "0123456789");
  detail::input_file file(dir / "in.json");
  EXPECT_TRUE(file.is_regular());
  EXPECT_EQ(read_rest(file), "0123456789");
}

TEST(InputFile, AFileTruncatedWhileReadIsRefused) {
  scratch_dir dir;
  write_text(dir / "in.json", "0123456789");
  detail::input_file file(dir / "in.json");
  char first[4];
  ASSERT_EQ(file.read(first, sizeof first), 4U);
  fs::resize_file(dir / "in.json", 6);
  EXPECT_EQ(error_reading(file), changed_message(dir / "in.json"));
}

TEST(InputFile, AFileAppendedToWhileReadIsRefused) {
  scratch_dir dir;
  write_text(dir / "in.json", "0123456789");
  detail::input_file file(dir / "in.json");
  char first[4];
  ASSERT_EQ(file.read(first, sizeof first), 4U);
  {
    const int fd = ::open((dir / "in.json").c_str(), O_WRONLY | O_APPEND);
    ASSERT_GE(fd, 0);
    ASSERT_EQ(::write(fd, "more", 4), 4);
    ::close(fd);
  }
  EXPECT_EQ(error_reading(file), changed_message(dir / "in.json"));
}

TEST(InputFile, AFileRewrittenInPlaceToTheSameSizeIsRefused) {
  scratch_dir dir;
  write_text(dir / "in.json", "0123456789");
  // A modification time of its own, so that the rewrite below surely gets another one.
  const timespec times[2] = {{1'000'000'000, 0}, {1'000'000'000, 0}};
  ASSERT_EQ(::utimensat(AT_FDCWD, (dir / "in.json").c_str(), times, 0), 0);
  detail::input_file file(dir / "in.json");
  char first[4];
  ASSERT_EQ(file.read(first, sizeof first), 4U);
  {
    const int fd = ::open((dir / "in.json").c_str(), O_WRONLY);
    ASSERT_GE(fd, 0);
    ASSERT_EQ(::pwrite(fd, "ABCD", 4, 6), 4);
    ::close(fd);
  }
  EXPECT_EQ(error_reading(file), changed_message(dir / "in.json"));
}

TEST(InputFile, AFileRemovedOrRenamedAfterOpeningIsReadWhole) {
  scratch_dir dir;
  write_text(dir / "in.json", "0123456789");
  write_text(dir / "other.json", "abcdefghij");
  detail::input_file removed(dir / "in.json");
  detail::input_file renamed(dir / "other.json");
  fs::remove(dir / "in.json");
  fs::rename(dir / "other.json", dir / "moved.json");
  EXPECT_EQ(read_rest(removed), "0123456789");
  EXPECT_EQ(read_rest(renamed), "abcdefghij");
}

TEST(InputFile, AFileReplacedByRenameIsReadAsItWasWhenOpened) {
  // What an editor's atomic save does: the open descriptor keeps the old file.
  scratch_dir dir;
  write_text(dir / "in.json", "old content");
  detail::input_file file(dir / "in.json");
  write_text(dir / "new.json", "new content, longer");
  fs::rename(dir / "new.json", dir / "in.json");
  EXPECT_EQ(read_rest(file), "old content");
}

TEST(InputFile, AVanishedPathIsAFileErrorNamingIt) {
  scratch_dir dir;
  try {
    detail::input_file file(dir / "gone.json");
    FAIL() << "no error";
  } catch (const file_error& e) {
    EXPECT_EQ(e.code(), std::errc::no_such_file_or_directory);
    EXPECT_EQ(std::string(e.what()),
              "cannot open '" + (dir / "gone.json").string() + "': No such file or directory");
  }
}

TEST(InputFile, EveryReaderGivesAFileErrorForAVanishedLedger) {
  // Each format's reader, and the CSV folder's tables, open the file they were given;
  // one that is gone by then is the same clear error.
  scratch_dir dir;
  fs::create_directory(dir / "folder");
  for (const fs::path& path : {dir / "gone.json", dir / "gone.csv", dir / "gone.xlsx"}) {
    try {
      read_ledger(path);
      FAIL() << "no error for " << path;
    } catch (const file_error& e) {
      EXPECT_EQ(std::string(e.what()),
                "cannot open '" + path.string() + "': No such file or directory");
    }
  }
}

TEST(InputFile, AnXlsxPathThatIsAFolderIsAFileError) {
  scratch_dir dir;
  fs::create_directory(dir / "book.xlsx");
  try {
    read_xlsx_ledger(dir / "book.xlsx");
    FAIL() << "no error";
  } catch (const file_error& e) {
    EXPECT_EQ(std::string(e.what()),
              "cannot open '" + (dir / "book.xlsx").string() + "': Is a directory");
  }
}

TEST(InputFile, ReadWholeFileChecksToo) {
  scratch_dir dir;
  write_text(dir / "mapping.json", "{}");
  EXPECT_EQ(detail::read_whole_file(dir / "mapping.json"), "{}");
  EXPECT_THROW(detail::read_whole_file(dir / "missing.json"), file_error);
}

}  // namespace
}  // namespace caseledger
