// UTF-8 validation at the boundary. Every byte string from outside (files, stdin,
// JSON, OCR output, templates, queries) passes through here before any other code
// sees it; invalid input is an error naming the byte offset, or is repaired only
// when the caller asks for it explicitly.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "base/status.h"

namespace thads::text {

enum class Utf8Mode {
  kStrict,  // invalid input is an error
  kRepair,  // each invalid sequence becomes U+FFFD
};

// Checks that `bytes` is well-formed UTF-8 (no overlongs, no surrogates, nothing
// above U+10FFFF, no truncated sequence, no NUL byte). `what` names the input in
// the error, e.g. "judgment.txt" or "key 'parties[2].name'".
// Error message: "<what>: invalid UTF-8 at byte 17: truncated sequence".
Status ValidateUtf8(std::string_view bytes, std::string_view what);

// Offset of the first invalid byte, or npos when `bytes` is valid.
std::size_t FindInvalidUtf8(std::string_view bytes);

// Replaces every invalid sequence by U+FFFD (each maximal invalid subpart,
// as the Unicode standard recommends). Always returns valid UTF-8.
std::string RepairUtf8(std::string_view bytes);

// Decodes valid UTF-8 into code points. Precondition: ValidateUtf8 passed.
std::u32string DecodeUtf8(std::string_view valid_utf8);
std::string EncodeUtf8(std::u32string_view code_points);
void AppendUtf8(char32_t code_point, std::string& out);

}  // namespace thads::text
