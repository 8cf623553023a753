// Private to src/cli: how commands find the archive and a case in it.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "archive/store.h"
#include "base/status.h"

namespace thads::cli {

// The archive every command uses when --archive is not given.
inline constexpr const char* kDefaultArchive = "thads-archive";

// Opens the archive at `location` (a folder or a PostgreSQL connection
// string); the audit log's actor is $USER.
Result<std::unique_ptr<archive::Store>> OpenArchive(const std::string& location, bool create);

// Finds a case by "#12", "12" or a judgment number.
Result<std::int64_t> ResolveCase(archive::Store& store, const std::string& what);

}  // namespace thads::cli
