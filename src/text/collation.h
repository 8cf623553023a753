// Vietnamese sorting with ICU's "vi" collator: a < ă < â, d < đ, e < ê,
// o < ô < ơ, u < ư, tones ordered; NFC and NFD input sort alike.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace thads::text {

class VietnameseCollator {
 public:
  // Aborts only if ICU's own data is missing (a broken installation).
  VietnameseCollator();
  ~VietnameseCollator();
  VietnameseCollator(const VietnameseCollator&) = delete;
  VietnameseCollator& operator=(const VietnameseCollator&) = delete;

  // <0, 0, >0 like strcmp. Inputs: valid UTF-8. Thread-safe (const ICU calls).
  int Compare(std::string_view a, std::string_view b) const;
  // A byte string whose memcmp order is the collation order (for database indexes).
  std::string SortKey(std::string_view s) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The process-wide collator.
const VietnameseCollator& DefaultCollator();

// Sorts in Vietnamese order.
void SortVietnamese(std::vector<std::string>& items);

// Sorts people's names the way Vietnamese lists do: by given name (the last
// word), then by the rest of the name. Titles are ignored.
void SortByGivenName(std::vector<std::string>& names);

}  // namespace thads::text
