#include "archive/blob_store.h"

#include <fcntl.h>
#include <openssl/evp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <memory>

namespace thads::archive {
namespace {

namespace fs = std::filesystem;

std::string Errno(const std::string& what) { return what + ": " + std::strerror(errno); }

class Hasher {
 public:
  Hasher() : ctx_(EVP_MD_CTX_new(), EVP_MD_CTX_free) {
    EVP_DigestInit_ex(ctx_.get(), EVP_sha256(), nullptr);
  }
  void Update(const void* data, std::size_t size) { EVP_DigestUpdate(ctx_.get(), data, size); }
  BlobHash Hex() {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_DigestFinal_ex(ctx_.get(), digest, &len);
    static const char* kHex = "0123456789abcdef";
    BlobHash out;
    for (unsigned int i = 0; i < len; ++i) {
      out += kHex[digest[i] >> 4];
      out += kHex[digest[i] & 15];
    }
    return out;
  }

 private:
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx_;
};

// A unique temporary name beside `path` (same filesystem, so rename is atomic).
std::string TempNameFor(const std::string& path) {
  static std::atomic<unsigned> counter{0};
  return path + ".tmp." + std::to_string(getpid()) + "." + std::to_string(counter++);
}

Status SyncDirectory(const std::string& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd < 0) return Status::IoError(Errno(dir));
  const int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) return Status::IoError(Errno(dir));
  return Status::Ok();
}

// Writes and fsyncs a new file; removes it on failure.
class TempFile {
 public:
  explicit TempFile(std::string path) : path_(std::move(path)) {
    fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  }
  ~TempFile() {
    if (fd_ >= 0) ::close(fd_);
    if (!kept_) ::unlink(path_.c_str());
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  Status opened() const {
    return fd_ >= 0 ? Status::Ok() : Status::IoError(Errno("cannot create " + path_));
  }
  Status Write(const char* data, std::size_t size) {
    while (size > 0) {
      const ssize_t n = ::write(fd_, data, size);
      if (n < 0) {
        if (errno == EINTR) continue;
        return Status::IoError(Errno("cannot write " + path_));
      }
      data += n;
      size -= static_cast<std::size_t>(n);
    }
    return Status::Ok();
  }
  // fsync, close and rename over `target`.
  Status Publish(const std::string& target) {
    if (::fsync(fd_) != 0) return Status::IoError(Errno("cannot sync " + path_));
    const int rc = ::close(fd_);
    fd_ = -1;
    if (rc != 0) return Status::IoError(Errno("cannot close " + path_));
    if (::rename(path_.c_str(), target.c_str()) != 0) {
      return Status::IoError(Errno("cannot rename " + path_ + " to " + target));
    }
    kept_ = true;
    return SyncDirectory(fs::path(target).parent_path().string());
  }

 private:
  std::string path_;
  int fd_ = -1;
  bool kept_ = false;
};

Status EnsureDirectory(const std::string& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Status::IoError("cannot create " + dir + ": " + ec.message());
  return Status::Ok();
}

// Calls `f` on the file's bytes in order, a chunk at a time; stops at its first error.
template <typename F>
Status ForEachChunk(const std::string& path, F&& f) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status::IoError(Errno("cannot read " + path));
  char buffer[1 << 16];
  Status s;
  while (s.ok()) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) s = Status::IoError(Errno("cannot read " + path));
    if (n <= 0) break;
    s = f(buffer, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return s;
}

}  // namespace

BlobHash Sha256Hex(std::string_view bytes) {
  Hasher h;
  h.Update(bytes.data(), bytes.size());
  return h.Hex();
}

Result<BlobHash> Sha256OfFile(const std::string& path) {
  Hasher h;
  THADS_RETURN_IF_ERROR(ForEachChunk(path, [&](const char* data, std::size_t n) {
    h.Update(data, n);
    return Status::Ok();
  }));
  return h.Hex();
}

Status WriteFileAtomically(const std::string& path, std::string_view bytes) {
  TempFile tmp(TempNameFor(path));
  THADS_RETURN_IF_ERROR(tmp.opened());
  THADS_RETURN_IF_ERROR(tmp.Write(bytes.data(), bytes.size()));
  return tmp.Publish(path);
}

Result<std::string> ReadWholeFile(const std::string& path) {
  std::string out;
  THADS_RETURN_IF_ERROR(ForEachChunk(path, [&](const char* data, std::size_t n) {
    out.append(data, n);
    return Status::Ok();
  }));
  return out;
}

std::string BlobStore::PathOf(const BlobHash& sha256) const {
  return root_ + "/" + sha256.substr(0, 2) + "/" + sha256;
}

bool BlobStore::Exists(const BlobHash& sha256) const {
  struct stat st{};
  return IsBlobHash(sha256) && ::stat(PathOf(sha256).c_str(), &st) == 0;
}

Result<BlobHash> BlobStore::Put(std::string_view bytes) const {
  const BlobHash hash = Sha256Hex(bytes);
  if (Exists(hash)) return hash;
  const std::string path = PathOf(hash);
  THADS_RETURN_IF_ERROR(EnsureDirectory(fs::path(path).parent_path().string()));
  THADS_RETURN_IF_ERROR(WriteFileAtomically(path, bytes));
  return hash;
}

Result<BlobHash> BlobStore::PutFile(const std::string& path) const {
  THADS_RETURN_IF_ERROR(EnsureDirectory(root_));
  TempFile tmp(TempNameFor(root_ + "/incoming"));
  THADS_RETURN_IF_ERROR(tmp.opened());
  Hasher h;
  THADS_RETURN_IF_ERROR(ForEachChunk(path, [&](const char* data, std::size_t n) {
    h.Update(data, n);
    return tmp.Write(data, n);
  }));
  const BlobHash hash = h.Hex();
  if (Exists(hash)) return hash;  // the temporary file goes away
  const std::string target = PathOf(hash);
  THADS_RETURN_IF_ERROR(EnsureDirectory(fs::path(target).parent_path().string()));
  THADS_RETURN_IF_ERROR(tmp.Publish(target));
  return hash;
}

Result<std::string> BlobStore::Get(const BlobHash& sha256) const {
  if (!IsBlobHash(sha256)) return Status::Invalid("not a SHA-256 hash: '" + sha256 + "'");
  const std::string path = PathOf(sha256);
  struct stat st{};
  if (::stat(path.c_str(), &st) != 0) return Status::NotFound("blob " + sha256 + " is missing: " + path);
  Result<std::string> bytes = ReadWholeFile(path);
  if (!bytes.ok()) return bytes.status();
  if (Sha256Hex(*bytes) != sha256) {
    return Status::Error(StatusCode::kCorrupt, "blob " + sha256 + " is corrupt: " + path);
  }
  return bytes;
}

std::string BlobStore::Check(const BlobHash& sha256, std::int64_t size) const {
  const std::string path = PathOf(sha256);
  struct stat st{};
  if (::stat(path.c_str(), &st) != 0) return "missing";
  if (st.st_size != size) {
    return "corrupt: " + std::to_string(st.st_size) + " bytes instead of " + std::to_string(size);
  }
  Result<BlobHash> actual = Sha256OfFile(path);
  if (!actual.ok()) return actual.status().message();
  if (*actual != sha256) return "corrupt: its bytes hash to " + *actual;
  return "";
}

}  // namespace thads::archive
