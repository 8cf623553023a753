// JSON reading and writing of the model: the extraction result (the contract in
// docs/extraction-schema.md), Case and GeneratedDocument (docs/model.md).
//
// Readers take bytes from outside. They check, in order: size, UTF-8 (error names
// the byte offset), nesting depth, JSON syntax (line and column), duplicate keys,
// then every key; each string is NFC-normalized. Errors name the input and the
// key path: `judgment.json: parties[2].role: expected one of nguyen_don, …; got
// "plaintiff"`. Keys that may be null may also be absent; unknown keys are kept in
// each object's ExtraKeys. Writers give pretty JSON (2-space indent, keys in
// schema order, then unknown keys, UTF-8 unescaped, nulls explicit) ending in a
// newline; a value read and written back comes out byte for byte as written.
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

// `what` names the input in errors, e.g. "judgment.json".
Result<ExtractionResult> ParseExtractionJson(std::string_view json_text,
                                             std::string_view what);
Result<Case> ParseCaseJson(std::string_view json_text, std::string_view what);
Result<GeneratedDocument> ParseGeneratedDocumentJson(std::string_view json_text,
                                                     std::string_view what);

// Strings that are not valid NFC UTF-8 are written repaired (U+FFFD) and in NFC;
// a date that is not a valid calendar date is written as null.
std::string ToJson(const ExtractionResult& result);
std::string ToJson(const Case& case_file);
std::string ToJson(const GeneratedDocument& document);

}  // namespace thads::model
