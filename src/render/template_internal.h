// The compiled form of a template, shared by the loader (template.cc) and the
// expander (template_expand.cc). Private to src/render.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "render/template.h"

namespace thads::render {

// Paragraph and text attributes as written on <body>, <style>, <p>, <table>,
// <cell>; unset members inherit from the enclosing context.
struct StyleSpec {
  std::optional<Align> align;
  std::optional<bool> bold, italic, underline;
  std::optional<double> size_pt, indent_pt, left_indent_pt, space_before_pt,
      space_after_pt, line_height;
  std::optional<bool> keep_with_next, keep_together;

  // Members set in `over` replace those here.
  void Overlay(const StyleSpec& over);
};

enum class Filter { kNone, kMoney, kDigits, kWords, kDate, kDmy, kUpper, kLower, kName };

struct Node {
  enum class Kind {
    // inline
    kText,
    kBold,
    kItalic,
    kUnderline,
    kBreak,
    kValue,
    // either, following the context
    kIf,
    kFor,
    // block
    kParagraph,
    kTable,
    kRule,
    kPageBreak,
    kSpacer,
    kHeader,
    kSignature,
    // structure
    kRow,
    kCell,
    kRecipient,
  };
  Kind kind = Kind::kText;
  int line = 0;
  std::string text;  // kText: raw character data

  StyleSpec style;  // kParagraph (named style already applied), kTable, kCell

  std::string field;              // kValue, kIf: the field path; kFor: the list path
  Filter filter = Filter::kNone;  // kValue
  std::optional<std::string> default_text;               // kValue
  std::optional<std::string> equals;                     // kIf
  std::vector<Node> else_children;                       // kIf
  std::string as, index_var;                             // kFor
  std::optional<std::string> separator, last_separator;  // kFor, inline only

  std::vector<double> columns;  // kTable, kHeader, kSignature: relative widths
  bool borders = false;         // kTable
  bool names_at_bottom = false;  // kTable: each cell's last paragraph on the row's bottom
  double padding_pt = 3;        // kTable
  std::optional<double> table_space_after_pt;  // kTable
  bool header_row = false;                     // kRow
  bool block_content = false;  // kCell: children are blocks, not one paragraph

  Rule rule;             // kRule
  double height_pt = 6;  // kSpacer; kSignature: room for the signature

  // kHeader: number and date fields, document kind ("QĐ" in "Số: 12/QĐ-THADS").
  std::string number_field, date_field, doc_kind;
  // kSignature: an office signer id, or a position (+ authority) and a name field.
  std::string signer_id, position, authority, name_field;

  std::vector<Node> children;
};

struct Template::Impl {
  std::string path;
  std::string title;
  std::vector<FieldSpec> fields;
  StyleSpec body_style;
  std::vector<Node> body;
  // Problems found while loading in TemplateCheck::kLenient ("file:line: ...").
  std::vector<std::string> problems;
  // First line that uses each declared field, by its full path
  // ("case.number", "obligations.amount" for a list's sub-field).
  std::map<std::string, int> first_use;
  // Office keys the body uses, with the first line of each.
  std::map<std::string, int> office_keys;
};

}  // namespace thads::render
