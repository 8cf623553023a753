#include "text/collation.h"

#include <unicode/coll.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cstdlib>

#include "text/names.h"

namespace thads::text {

struct VietnameseCollator::Impl {
  std::unique_ptr<icu::Collator> collator;
};

VietnameseCollator::VietnameseCollator() : impl_(std::make_unique<Impl>()) {
  UErrorCode status = U_ZERO_ERROR;
  impl_->collator.reset(icu::Collator::createInstance(icu::Locale("vi"), status));
  if (U_FAILURE(status) || !impl_->collator) std::abort();
  // NFD and NFC input must sort alike.
  impl_->collator->setAttribute(UCOL_NORMALIZATION_MODE, UCOL_ON, status);
}

VietnameseCollator::~VietnameseCollator() = default;

int VietnameseCollator::Compare(std::string_view a, std::string_view b) const {
  UErrorCode status = U_ZERO_ERROR;
  const UCollationResult r = impl_->collator->compareUTF8(
      icu::StringPiece(a.data(), static_cast<int32_t>(a.size())),
      icu::StringPiece(b.data(), static_cast<int32_t>(b.size())), status);
  if (U_FAILURE(status)) return a.compare(b);
  return r == UCOL_LESS ? -1 : (r == UCOL_EQUAL ? 0 : 1);
}

std::string VietnameseCollator::SortKey(std::string_view s) const {
  const icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  std::string key(64, '\0');
  int32_t n = impl_->collator->getSortKey(u, reinterpret_cast<uint8_t*>(key.data()),
                                          static_cast<int32_t>(key.size()));
  if (n > static_cast<int32_t>(key.size())) {
    key.resize(static_cast<std::size_t>(n));
    n = impl_->collator->getSortKey(u, reinterpret_cast<uint8_t*>(key.data()), n);
  }
  key.resize(n > 0 ? static_cast<std::size_t>(n - 1) : 0);  // drop the trailing NUL
  return key;
}

const VietnameseCollator& DefaultCollator() {
  static const VietnameseCollator collator;
  return collator;
}

void SortVietnamese(std::vector<std::string>& items) {
  const VietnameseCollator& c = DefaultCollator();
  std::stable_sort(items.begin(), items.end(),
                   [&](const std::string& a, const std::string& b) { return c.Compare(a, b) < 0; });
}

void SortByGivenName(std::vector<std::string>& names) {
  const VietnameseCollator& c = DefaultCollator();
  struct Keyed {
    std::string given;
    std::string rest;
    std::string original;
  };
  std::vector<Keyed> keyed;
  keyed.reserve(names.size());
  for (std::string& n : names) {
    const PersonName p = SplitName(n);
    keyed.push_back({p.given, p.family + " " + p.middle, std::move(n)});
  }
  std::stable_sort(keyed.begin(), keyed.end(), [&](const Keyed& a, const Keyed& b) {
    const int g = c.Compare(a.given, b.given);
    return g != 0 ? g < 0 : c.Compare(a.rest, b.rest) < 0;
  });
  for (std::size_t i = 0; i < names.size(); ++i) names[i] = std::move(keyed[i].original);
}

}  // namespace thads::text
