// Safe reading of the office-editable XML files (templates, the office profile)
// into a plain element tree. Private to src/render; libxml2 stays in the .cc.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"

namespace thads::render {

// Largest XML file accepted, in bytes.
inline constexpr std::size_t kMaxXmlBytes = 1 << 20;

// An element or a run of character data. Strings are NFC UTF-8; comments and
// processing instructions are dropped; CDATA is plain text.
struct XmlNode {
  enum class Kind { kElement, kText };
  Kind kind = Kind::kElement;
  std::string name;  // element name; empty for text
  std::vector<std::pair<std::string, std::string>> attributes;  // document order
  std::string text;                                             // kText only
  int line = 0;  // 1-based line in the source file
  std::vector<XmlNode> children;

  // The attribute's value, or nullptr when absent.
  const std::string* Attribute(std::string_view attribute) const;
};

// Parses `bytes` (named `source` in messages) without network access, entity
// substitution or DTD loading. A DOCTYPE, internal subset or entity declaration
// is refused outright. Errors read "source:line: message". Thread-safe.
Result<XmlNode> ReadXmlMemory(std::string_view bytes, const std::string& source);

// Reads `path` (at most kMaxXmlBytes) and parses it as ReadXmlMemory does.
Result<XmlNode> ReadXmlFile(const std::string& path);

// Collapses every run of XML whitespace (space, tab, CR, LF) into one space
// and trims both ends.
std::string CollapseWhitespace(std::string_view text);

}  // namespace thads::render
