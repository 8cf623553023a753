#include "cli/archive_access.h"

#include <cstdlib>

namespace thads::cli {

Result<std::unique_ptr<archive::Store>> OpenArchive(const std::string& location, bool create) {
  archive::StoreOptions o;
  o.location = location;
  o.create_if_missing = create;
  if (const char* user = std::getenv("USER"); user != nullptr && *user != '\0') o.actor = user;
  return archive::Store::Open(o);
}

// Finds a case by "#12", "12" or a judgment number.
Result<std::int64_t> ResolveCase(archive::Store& store, const std::string& what) {
  std::string digits = what.starts_with("#") ? what.substr(1) : what;
  if (!digits.empty() && digits.size() < 18 && digits.find_first_not_of("0123456789") == std::string::npos) {
    return std::stoll(digits);
  }
  auto found = store.FindCasesByNumber(what);
  if (!found.ok()) return found.status();
  if (found->empty()) return Status::NotFound("no case with judgment number '" + what + "'");
  if (found->size() > 1) {
    std::string ids;
    for (const auto& c : *found) ids += (ids.empty() ? "#" : ", #") + std::to_string(c.id);
    return Status::Invalid("judgment number '" + what + "' belongs to several courts' cases (" +
                           ids + "); give the case number");
  }
  return found->front().id;
}

}  // namespace thads::cli
