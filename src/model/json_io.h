// JSON reading and writing of the model. Readers take bytes from outside and fail
// with `<what>: <key path>: <problem>`; writers give the layout that reads back byte
// for byte. The rules, limits and key names are in docs/model.md.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "base/status.h"
#include "model/case.h"
#include "model/document.h"
#include "model/judgment.h"

namespace thads::model {

// Input limits; larger input is refused with an error, never a crash.
inline constexpr std::size_t kMaxJsonBytes = 16 * 1024 * 1024;
inline constexpr int kMaxJsonDepth = 64;  // the top-level object is depth 1
inline constexpr std::size_t kMaxJsonKeysPerObject = 1000;
inline constexpr std::size_t kMaxJsonValues = 1000000;

// `what` names the input in errors, e.g. "judgment.json". Strings come back NFC;
// unknown keys land in each object's `extra`; nullable keys may be absent.
Result<ExtractionResult> ParseExtractionJson(std::string_view json_text,
                                             std::string_view what);
Result<Case> ParseCaseJson(std::string_view json_text, std::string_view what);
Result<GeneratedDocument> ParseGeneratedDocumentJson(std::string_view json_text,
                                                     std::string_view what);

// Pretty JSON, 2-space indent, known keys in schema order then `extra`, UTF-8
// unescaped, nulls explicit, final newline. Strings are written NFC (invalid bytes
// as U+FFFD); a date that is not a calendar day is written as null.
std::string ToJson(const ExtractionResult& result);
std::string ToJson(const Case& case_file);
std::string ToJson(const GeneratedDocument& document);

}  // namespace thads::model
