// Document templates: XML files an office edits (templates/*.xml) that declare
// their fields and describe an official document; Expand fills one with a case's
// data and yields the LayoutDocument the layout engine places on pages.
// The language is documented in docs/templates.md.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "render/layout.h"
#include "render/office_profile.h"

namespace thads::render {

enum class FieldType {
  kText,    // JSON string
  kName,    // JSON string: a person's or organization's name
  kMoney,   // JSON integer: whole đồng, >= 0
  kDate,    // JSON string: ISO date "2024-02-05"
  kNumber,  // JSON integer
  kFlag,    // JSON true/false
  kList,    // JSON array of objects, each with the sub-fields
};

// "text", "money", ... as written in templates.
std::string_view FieldTypeName(FieldType type);

// One entry of a template's <fields>.
struct FieldSpec {
  std::string name;  // dotted path into the data; relative to the item for sub-fields
  FieldType type = FieldType::kText;
  bool required = false;
  std::string label;              // what the field means, for people; may be empty
  int line = 0;                   // where it is declared
  std::vector<FieldSpec> fields;  // kList: the fields of each item
};

enum class TemplateCheck {
  kStrict,   // the first problem of any kind fails the load
  kLenient,  // only unreadable or unsafe XML fails; CheckTemplate lists the rest
};

// A loaded template. Cheap to copy (shares its immutable contents); thread-safe.
class Template {
 public:
  const std::string& path() const;
  const std::string& title() const;  // <template title="...">
  const std::vector<FieldSpec>& fields() const;

  struct Impl;  // defined in template_internal.h
  explicit Template(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}
  const Impl& impl() const { return *impl_; }

 private:
  std::shared_ptr<const Impl> impl_;
};

// Reads a template with hardened XML parsing (no DTD, no entities, no network,
// at most 1 MB). Errors read "file:line: message": malformed XML, unknown
// elements or attributes, fields used but not declared, filters that do not fit
// the field's type (kStrict only for the last three).
Result<Template> LoadTemplate(const std::string& path,
                              TemplateCheck check = TemplateCheck::kStrict);

// Fills `tmpl` with `data_json` (a JSON object; strings UTF-8, made NFC) and the
// office profile. Errors name the data key and the template line that uses it:
// a missing required field, a type mismatch, invalid UTF-8, a JSON syntax error,
// an office key the profile lacks.
Result<LayoutDocument> Expand(const Template& tmpl, std::string_view data_json,
                              const OfficeProfile& office);

// For `thads render --check`: one "file:line: problem" per entry, empty when
// the template is clean. Lists fields used but not declared, declared but never
// used, unknown elements and attributes, and office keys of an unknown shape;
// with a profile, also office keys (signers, citations, fees) it does not hold.
std::vector<std::string> CheckTemplate(const Template& tmpl);
std::vector<std::string> CheckTemplate(const Template& tmpl, const OfficeProfile& office);

}  // namespace thads::render
