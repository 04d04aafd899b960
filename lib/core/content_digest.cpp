#include "core/content_digest.hpp"

#include <openssl/evp.h>

#include <array>
#include <atomic>
#include <future>
#include <stdexcept>
#include <utility>

#include "core/input_file.hpp"

namespace caseledger::detail {

struct content_digest::state {
  EVP_MD_CTX* context = EVP_MD_CTX_new();
  ~state() { EVP_MD_CTX_free(context); }
};

content_digest::content_digest() : state_(std::make_unique<state>()) {
  if (state_->context == nullptr ||
      EVP_DigestInit_ex(state_->context, EVP_sha256(), nullptr) != 1) {
    throw std::runtime_error("OpenSSL cannot start a SHA-256 digest");
  }
}

content_digest::~content_digest() = default;

void content_digest::add(const char* data, std::size_t size) {
  if (size == 0) return;
  if (EVP_DigestUpdate(state_->context, data, size) != 1) {
    throw std::runtime_error("OpenSSL cannot hash with SHA-256");
  }
  bytes_ += size;
}

std::string content_digest::finish() {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  if (EVP_DigestFinal_ex(state_->context, digest.data(), &length) != 1) {
    throw std::runtime_error("OpenSSL cannot finish a SHA-256 digest");
  }
  static constexpr char digits[] = "0123456789abcdef";
  std::string text;
  text.reserve(2 * length);
  for (unsigned int i = 0; i < length; ++i) {
    text += digits[digest[i] >> 4];
    text += digits[digest[i] & 0xF];
  }
  return text;
}

namespace {

input_source describe(const std::filesystem::path& path, const std::atomic<bool>* abandoned) {
  input_file file(path);
  if (!file.is_regular()) throw std::logic_error("describe_input on what is not a regular file");
  content_digest digest;
  std::vector<char> buffer(std::size_t{1} << 20);
  while (const std::size_t got = file.read(buffer.data(), buffer.size())) {
    if (abandoned != nullptr && abandoned->load(std::memory_order_relaxed)) return {};
    digest.add(buffer.data(), got);
  }
  return {.name = input_name(path), .bytes = digest.bytes(), .sha256 = digest.finish()};
}

}  // namespace

input_source describe_input(const std::filesystem::path& path) { return describe(path, nullptr); }

struct input_descriptions::work {
  // Set when the reader gives up (its own error): the descriptions are not waited for.
  std::atomic<bool> abandoned{false};
  std::future<std::vector<input_source>> done;
};

input_descriptions::input_descriptions(std::vector<std::filesystem::path> files)
    : work_(std::make_unique<work>()) {
  if (files.empty()) return;  // standard input, described as it is read: no thread
  work_->done =
      std::async(std::launch::async, [files = std::move(files), &abandoned = work_->abandoned] {
        std::vector<input_source> described;
        for (const std::filesystem::path& file : files)
          described.push_back(describe(file, &abandoned));
        return described;
      });
}

input_descriptions::~input_descriptions() {
  if (!work_->done.valid()) return;
  work_->abandoned = true;
  try {
    work_->done.get();
  } catch (...) {  // NOLINT(bugprone-empty-catch): the reader's own error is the one to tell
  }
}

std::vector<input_source> input_descriptions::take() {
  return work_->done.valid() ? work_->done.get() : std::vector<input_source>{};
}

}  // namespace caseledger::detail
