// Private to src/archive: the content-addressed blob store of an archive directory,
// and SHA-256 (OpenSSL, only in blob_store.cc). A blob lives in
// ROOT/ab/abcdef…(64 hex digits) and never changes once written.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "archive/store.h"
#include "base/status.h"

namespace thads::archive {

// Writes `bytes` to `path` atomically: a temporary file beside it, fsync, rename,
// fsync of the directory. Errors name the path.
Status WriteFileAtomically(const std::string& path, std::string_view bytes);
Result<std::string> ReadWholeFile(const std::string& path);

class BlobStore {
 public:
  explicit BlobStore(std::string root) : root_(std::move(root)) {}

  // Idempotent; atomic (temp file, fsync, rename). Returns the hash.
  Result<BlobHash> Put(std::string_view bytes) const;
  // Streams the file (any size) into the store.
  Result<BlobHash> PutFile(const std::string& path) const;
  Result<std::string> Get(const BlobHash& sha256) const;
  bool Exists(const BlobHash& sha256) const;
  std::string PathOf(const BlobHash& sha256) const;
  // "" when the blob is there, `size` bytes long and hashes to its name; otherwise
  // what is wrong ("missing", "corrupt: …").
  std::string Check(const BlobHash& sha256, std::int64_t size) const;
  const std::string& root() const { return root_; }

 private:
  std::string root_;
};

}  // namespace thads::archive
