// Private to src/model: the one spelling table behind every ToString / Parse pair.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

#include "base/status.h"

namespace thads::model {

// `text` quoted for an error message: invalid UTF-8 repaired, control characters
// escaped, cut after 60 characters. Never fails.
std::string QuoteForMessage(std::string_view text);

// "a, b, c": the accepted spellings of an enumeration, in declaration order.
template <typename E, std::size_t N>
std::string AcceptedNames(const std::array<E, N>& all) {
  std::string out;
  for (E value : all) {
    if (!out.empty()) out += ", ";
    out += ToString(value);
  }
  return out;
}

// The value spelled exactly `text` (case-sensitive), or
// `expected one of a, b, c; got "x"`.
template <typename E, std::size_t N>
Result<E> ParseByName(const std::array<E, N>& all, std::string_view text) {
  for (E value : all) {
    if (ToString(value) == text) return value;
  }
  return Status::Invalid("expected one of " + AcceptedNames(all) + "; got " +
                         QuoteForMessage(text));
}

}  // namespace thads::model
