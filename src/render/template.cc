// Loading a template: safe XML in, the compiled Node tree out, every element,
// attribute and field reference checked against the language of
// docs/templates.md. Expansion lives in template_expand.cc.
#include "render/template.h"

#include <algorithm>
#include <charconv>
#include <set>

#include "render/template_internal.h"
#include "render/xml_reader.h"

namespace thads::render {
namespace {

enum class Context { kBlock, kInline, kRows, kCells, kRecipients };

using Names = std::vector<std::string_view>;

// Attributes of <body>, <style>, <p> and <cell>, plus `more`.
Names StyleAttributes(Names more = {}) {
  Names names = {"align",       "bold",        "italic",         "underline",
                 "size",        "indent",      "left-indent",    "space-before",
                 "space-after", "line-height", "keep-with-next", "keep-together"};
  names.insert(names.end(), more.begin(), more.end());
  return names;
}

bool IsBlockElement(std::string_view name) {
  return name == "p" || name == "table" || name == "rule" || name == "pagebreak" ||
         name == "spacer" || name == "nd30-header" || name == "nd30-signature";
}

bool IsInlineElement(std::string_view name) {
  return name == "b" || name == "i" || name == "u" || name == "br" || name == "v";
}

bool IsKnownElement(std::string_view name) {
  return IsBlockElement(name) || IsInlineElement(name) || name == "if" || name == "for" ||
         name == "else" || name == "row" || name == "cell" || name == "recipient" ||
         name == "template" || name == "fields" || name == "field" || name == "styles" ||
         name == "style" || name == "body";
}

// A name segment: ASCII letters, digits, '_' and '-'.
bool IsNameToken(std::string_view s) {
  if (s.empty()) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_' || c == '-';
  });
}

std::vector<std::string> SplitPath(std::string_view path) {
  std::vector<std::string> parts;
  while (true) {
    const std::size_t dot = path.find('.');
    parts.emplace_back(path.substr(0, dot));
    if (dot == std::string_view::npos) break;
    path.remove_prefix(dot + 1);
  }
  return parts;
}

bool IsFieldPath(std::string_view path) {
  for (const std::string& part : SplitPath(path)) {
    if (!IsNameToken(part)) return false;
  }
  return true;
}

std::string FirstSegment(std::string_view path) {
  return std::string(path.substr(0, path.find('.')));
}

std::optional<double> ParseNumber(std::string_view s) {
  double value = 0;
  const char* end = s.data() + s.size();
  auto [ptr, ec] = std::from_chars(s.data(), end, value);
  if (ec != std::errc() || ptr != end) return std::nullopt;
  return value;
}

// "6", "6pt", "10mm", "1cm" -> points.
std::optional<double> ParseLength(std::string_view s) {
  double scale = 1;
  if (s.ends_with("pt")) {
    s.remove_suffix(2);
  } else if (s.ends_with("mm")) {
    s.remove_suffix(2);
    scale = kPointsPerMm;
  } else if (s.ends_with("cm")) {
    s.remove_suffix(2);
    scale = 10 * kPointsPerMm;
  }
  std::optional<double> n = ParseNumber(s);
  if (!n || *n < 0 || *n > 2000) return std::nullopt;
  return *n * scale;
}

std::optional<Filter> ParseFilter(std::string_view s) {
  if (s == "money") return Filter::kMoney;
  if (s == "digits") return Filter::kDigits;
  if (s == "words") return Filter::kWords;
  if (s == "date") return Filter::kDate;
  if (s == "dmy") return Filter::kDmy;
  if (s == "upper") return Filter::kUpper;
  if (s == "lower") return Filter::kLower;
  if (s == "name") return Filter::kName;
  return std::nullopt;
}

bool FilterFits(Filter filter, FieldType type) {
  switch (filter) {
    case Filter::kNone:
      return type != FieldType::kList && type != FieldType::kFlag;
    case Filter::kMoney:
    case Filter::kDigits:
      return type == FieldType::kMoney || type == FieldType::kNumber;
    case Filter::kWords:
      return type == FieldType::kMoney;
    case Filter::kDate:
    case Filter::kDmy:
      return type == FieldType::kDate;
    case Filter::kUpper:
    case Filter::kLower:
    case Filter::kName:
      return type == FieldType::kText || type == FieldType::kName;
  }
  return false;
}

std::optional<FieldType> ParseFieldType(std::string_view s) {
  if (s == "text") return FieldType::kText;
  if (s == "name") return FieldType::kName;
  if (s == "money") return FieldType::kMoney;
  if (s == "date") return FieldType::kDate;
  if (s == "number") return FieldType::kNumber;
  if (s == "flag") return FieldType::kFlag;
  if (s == "list") return FieldType::kList;
  return std::nullopt;
}

// What a field reference must resolve to.
enum class Use { kValue, kCondition, kList, kDate, kNumberText, kNameText };

// A loop variable in scope while compiling.
struct Binding {
  std::string var;
  std::string index_var;
  const FieldSpec* list = nullptr;
  std::string spec_key;  // full declared path of the list
};

class Compiler {
 public:
  Compiler(std::string path, Template::Impl& impl)
      : path_(std::move(path)), impl_(impl) {}

  void CompileRoot(const XmlNode& root) {
    if (root.name != "template") {
      Problem(root, "the root element must be <template>, not <" + root.name + ">");
      return;
    }
    CheckAttributes(root, {"title", "description"});
    if (const std::string* title = root.Attribute("title")) {
      impl_.title = CollapseWhitespace(*title);
    }
    if (impl_.title.empty()) Problem(root, "<template> needs title=\"...\"");
    const XmlNode* fields = nullptr;
    const XmlNode* styles = nullptr;
    const XmlNode* body = nullptr;
    for (const XmlNode& child : root.children) {
      if (child.kind == XmlNode::Kind::kText) {
        if (!CollapseWhitespace(child.text).empty()) {
          Problem(child, "text directly inside <template>");
        }
        continue;
      }
      const XmlNode** slot = child.name == "fields"   ? &fields
                             : child.name == "styles" ? &styles
                             : child.name == "body"   ? &body
                                                      : nullptr;
      if (slot == nullptr) {
        Problem(child, IsKnownElement(child.name)
                           ? "<" + child.name + "> belongs inside <body>"
                           : "unknown element <" + child.name +
                                 "> in <template> (expected fields, styles, body)");
      } else if (*slot != nullptr) {
        Problem(child, "<" + child.name + "> appears twice");
      } else {
        *slot = &child;
      }
    }
    if (fields != nullptr) {
      CheckAttributes(*fields, {});
      impl_.fields = CompileFields(*fields, /*in_list=*/false);
      CheckPrefixes(impl_.fields, "");
    }
    if (styles != nullptr) CompileStyles(*styles);
    if (body == nullptr) {
      Problem(root, "<template> has no <body>");
      return;
    }
    CheckAttributes(*body, StyleAttributes());
    impl_.body_style = ParseStyle(*body);
    std::vector<Binding> scope;
    impl_.body = CompileChildren(*body, Context::kBlock, scope);
  }

 private:
  void Problem(const XmlNode& at, const std::string& message) {
    impl_.problems.push_back(path_ + ":" + std::to_string(at.line) + ": " + message);
  }

  void CheckAttributes(const XmlNode& node, const Names& allowed) {
    for (const auto& [key, value] : node.attributes) {
      const bool known = std::find(allowed.begin(), allowed.end(), key) != allowed.end();
      if (!known) Problem(node, "unknown attribute '" + key + "' on <" + node.name + ">");
    }
  }

  std::optional<bool> Bool(const XmlNode& node, std::string_view attr) {
    const std::string* v = node.Attribute(attr);
    if (v == nullptr) return std::nullopt;
    if (*v == "yes" || *v == "true") return true;
    if (*v == "no" || *v == "false") return false;
    Problem(node, std::string(attr) + "=\"" + *v + "\": expected yes or no");
    return std::nullopt;
  }

  std::optional<double> Length(const XmlNode& node, std::string_view attr) {
    const std::string* v = node.Attribute(attr);
    if (v == nullptr) return std::nullopt;
    std::optional<double> pt = ParseLength(*v);
    if (!pt) {
      Problem(node, std::string(attr) + "=\"" + *v +
                        "\": expected a length such as 6, 6pt, 10mm or 1cm");
    }
    return pt;
  }

  std::optional<Align> AlignAttr(const XmlNode& node) {
    const std::string* v = node.Attribute("align");
    if (v == nullptr) return std::nullopt;
    if (*v == "left") return Align::kLeft;
    if (*v == "center") return Align::kCenter;
    if (*v == "right") return Align::kRight;
    if (*v == "justify") return Align::kJustify;
    Problem(node, "align=\"" + *v + "\": expected left, center, right or justify");
    return std::nullopt;
  }

  std::vector<double> Columns(const XmlNode& node, bool required) {
    const std::string* v = node.Attribute("columns");
    if (v == nullptr) {
      if (required)
        Problem(node, "<" + node.name + "> needs columns=\"...\" (e.g. \"1 3 2\")");
      return {};
    }
    std::vector<double> weights;
    std::string_view rest = *v;
    while (!rest.empty()) {
      const std::size_t start = rest.find_first_not_of(' ');
      if (start == std::string_view::npos) break;
      rest.remove_prefix(start);
      const std::size_t end = std::min(rest.find(' '), rest.size());
      std::optional<double> w = ParseNumber(rest.substr(0, end));
      if (!w || *w <= 0) {
        Problem(node,
                "columns=\"" + *v + "\": expected positive numbers such as \"1 3 2\"");
        return {};
      }
      weights.push_back(*w);
      rest.remove_prefix(end);
    }
    if (weights.empty() || weights.size() > 20) {
      Problem(node, "columns=\"" + *v + "\": expected 1 to 20 column weights");
      return {};
    }
    return weights;
  }

  StyleSpec ParseStyle(const XmlNode& node) {
    StyleSpec s;
    s.align = AlignAttr(node);
    s.bold = Bool(node, "bold");
    s.italic = Bool(node, "italic");
    s.underline = Bool(node, "underline");
    if (const std::string* v = node.Attribute("size")) {
      std::optional<double> size = ParseNumber(*v);
      if (!size || *size < 4 || *size > 72) {
        Problem(node, "size=\"" + *v + "\": expected a font size in points, 4 to 72");
      } else {
        s.size_pt = size;
      }
    }
    s.indent_pt = Length(node, "indent");
    s.left_indent_pt = Length(node, "left-indent");
    s.space_before_pt = Length(node, "space-before");
    s.space_after_pt = Length(node, "space-after");
    if (const std::string* v = node.Attribute("line-height")) {
      std::optional<double> lh = ParseNumber(*v);
      if (!lh || *lh < 0.5 || *lh > 4) {
        Problem(node, "line-height=\"" + *v + "\": expected a multiple such as 1.15");
      } else {
        s.line_height = lh;
      }
    }
    s.keep_with_next = Bool(node, "keep-with-next");
    s.keep_together = Bool(node, "keep-together");
    return s;
  }

  // ---- <fields> ----------------------------------------------------------

  std::vector<FieldSpec> CompileFields(const XmlNode& parent, bool in_list) {
    std::vector<FieldSpec> specs;
    std::set<std::string> names;
    for (const XmlNode& node : parent.children) {
      if (node.kind == XmlNode::Kind::kText) {
        if (!CollapseWhitespace(node.text).empty()) Problem(node, "text inside <fields>");
        continue;
      }
      if (node.name != "field") {
        Problem(node, "unknown element <" + node.name + "> in <" + parent.name +
                          "> (expected <field>)");
        continue;
      }
      CheckAttributes(node, {"name", "type", "required", "label"});
      FieldSpec spec;
      spec.line = node.line;
      const std::string* name = node.Attribute("name");
      if (name == nullptr || !IsFieldPath(*name)) {
        Problem(node,
                "<field> needs name=\"...\": dotted names of letters, digits, '_' "
                "and '-' (e.g. case.number)");
        continue;
      }
      spec.name = *name;
      if (!in_list && FirstSegment(spec.name) == "office") {
        Problem(node, "field '" + spec.name +
                          "': names under office. come from the office "
                          "profile and are not declared");
        continue;
      }
      if (!names.insert(spec.name).second) {
        Problem(node, "field '" + spec.name + "' is declared twice");
        continue;
      }
      const std::string* type = node.Attribute("type");
      std::optional<FieldType> parsed = type ? ParseFieldType(*type) : FieldType::kText;
      if (!parsed) {
        Problem(node, "field '" + spec.name + "': type=\"" + *type +
                          "\" is not one of text, name, money, date, number, flag, list");
        continue;
      }
      spec.type = *parsed;
      spec.required = Bool(node, "required").value_or(false);
      if (const std::string* label = node.Attribute("label")) {
        spec.label = CollapseWhitespace(*label);
      }
      if (spec.type == FieldType::kList) {
        spec.fields = CompileFields(node, /*in_list=*/true);
        CheckPrefixes(spec.fields, spec.name + ".");
        if (spec.fields.empty()) {
          Problem(node, "list '" + spec.name + "' declares no <field> for its items");
        }
      } else {
        for (const XmlNode& child : node.children) {
          if (child.kind == XmlNode::Kind::kElement ||
              !CollapseWhitespace(child.text).empty()) {
            Problem(child, "field '" + spec.name + "' is not a list and holds nothing");
            break;
          }
        }
      }
      specs.push_back(std::move(spec));
    }
    return specs;
  }

  // "case" (text) and "case.number" cannot both be declared.
  void CheckPrefixes(const std::vector<FieldSpec>& specs, const std::string& prefix) {
    for (const FieldSpec& a : specs) {
      for (const FieldSpec& b : specs) {
        if (b.name.size() > a.name.size() && b.name.starts_with(a.name) &&
            b.name[a.name.size()] == '.') {
          impl_.problems.push_back(path_ + ":" + std::to_string(b.line) + ": field '" +
                                   prefix + b.name + "' is inside field '" + prefix +
                                   a.name + "', which holds a value, not fields");
        }
      }
    }
  }

  // ---- <styles> ----------------------------------------------------------

  void CompileStyles(const XmlNode& styles) {
    CheckAttributes(styles, {});
    for (const XmlNode& node : styles.children) {
      if (node.kind == XmlNode::Kind::kText) {
        if (!CollapseWhitespace(node.text).empty()) Problem(node, "text inside <styles>");
        continue;
      }
      if (node.name != "style") {
        Problem(node,
                "unknown element <" + node.name + "> in <styles> (expected <style>)");
        continue;
      }
      CheckAttributes(node, StyleAttributes({"name"}));
      const std::string* name = node.Attribute("name");
      if (name == nullptr || !IsNameToken(*name)) {
        Problem(node, "<style> needs name=\"...\" of letters, digits, '_' and '-'");
        continue;
      }
      if (!styles_.emplace(*name, ParseStyle(node)).second) {
        Problem(node, "style '" + *name + "' is defined twice");
      }
      if (!node.children.empty()) Problem(node, "<style> holds no content");
    }
  }

  // ---- field references ----------------------------------------------------

  // Checks one reference and records its use; returns its type when known.
  std::optional<FieldType> Reference(const XmlNode& at, const std::string& path,
                                     const std::vector<Binding>& scope, Use use) {
    if (!IsFieldPath(path)) {
      Problem(at,
              "'" + path + "' is not a field name (dotted names such as case.number)");
      return std::nullopt;
    }
    const std::vector<std::string> parts = SplitPath(path);
    std::optional<FieldType> type;
    std::string what = "field '" + path + "'";
    if (parts[0] == "office") {
      if (Status shape = CheckOfficeKeyShape(path); !shape.ok()) {
        Problem(at, shape.message());
        return std::nullopt;
      }
      impl_.office_keys.emplace(path, at.line);
      type = FieldType::kText;
      what = "office key '" + path + "'";
    } else {
      const Binding* binding = nullptr;
      for (auto it = scope.rbegin(); it != scope.rend(); ++it) {
        if (it->var == parts[0] || it->index_var == parts[0]) {
          binding = &*it;
          break;
        }
      }
      const FieldSpec* spec = nullptr;
      std::string spec_key;
      if (binding != nullptr && binding->index_var == parts[0]) {
        if (parts.size() > 1) {
          Problem(at,
                  "'" + parts[0] + "' is the item number of a <for>; it has no fields");
          return std::nullopt;
        }
        type = FieldType::kNumber;
      } else if (binding != nullptr) {
        if (parts.size() == 1) {
          Problem(at, "'" + path + "' is an item of '" + binding->spec_key +
                          "': name one of its fields (" + path + ".…)");
          return std::nullopt;
        }
        const std::string rest = path.substr(parts[0].size() + 1);
        for (const FieldSpec& f : binding->list->fields) {
          if (f.name == rest) spec = &f;
        }
        spec_key = binding->spec_key + "." + rest;
        if (spec == nullptr) {
          Problem(at, "field '" + path + "' is not declared: list '" + binding->spec_key +
                          "' has no item field '" + rest + "'");
          return std::nullopt;
        }
      } else {
        for (const FieldSpec& f : impl_.fields) {
          if (f.name == path) spec = &f;
        }
        spec_key = path;
        if (spec == nullptr) {
          Problem(at, "field '" + path + "' is used but not declared in <fields>");
          return std::nullopt;
        }
      }
      if (spec != nullptr) {
        impl_.first_use.emplace(spec_key, at.line);
        type = spec->type;
      }
    }
    const bool fits = [&] {
      switch (use) {
        case Use::kValue:
          return *type != FieldType::kList && *type != FieldType::kFlag;
        case Use::kCondition:
          return true;
        case Use::kList:
          return *type == FieldType::kList;
        case Use::kDate:
          return *type == FieldType::kDate;
        case Use::kNumberText:
          return *type == FieldType::kText || *type == FieldType::kNumber;
        case Use::kNameText:
          return *type == FieldType::kText || *type == FieldType::kName;
      }
      return false;
    }();
    if (!fits) {
      static constexpr const char* kWanted[] = {"a value to print (not a list or flag)",
                                                "",
                                                "a list",
                                                "a date",
                                                "text or a number",
                                                "a name or text"};
      Problem(at, what + " is " + std::string(FieldTypeName(*type)) + "; <" + at.name +
                      "> needs " + kWanted[static_cast<int>(use)]);
      return std::nullopt;
    }
    return type;
  }

  // ---- body --------------------------------------------------------------

  bool ContainsBlock(const XmlNode& node) {
    for (const XmlNode& child : node.children) {
      if (child.kind != XmlNode::Kind::kElement) continue;
      if (IsBlockElement(child.name)) return true;
      if ((child.name == "if" || child.name == "for") && ContainsBlock(child))
        return true;
    }
    return false;
  }

  static const char* Where(Context ctx) {
    switch (ctx) {
      case Context::kBlock:
        return "between paragraphs";
      case Context::kInline:
        return "inside a paragraph";
      case Context::kRows:
        return "in a <table> (expected <row>)";
      case Context::kCells:
        return "in a <row> (expected <cell>)";
      case Context::kRecipients:
        return "in <nd30-signature> (expected <recipient>)";
    }
    return "";
  }

  std::vector<Node> CompileChildren(const XmlNode& parent, Context ctx,
                                    std::vector<Binding>& scope) {
    std::vector<Node> out;
    for (const XmlNode& child : parent.children) {
      if (child.kind == XmlNode::Kind::kText) {
        if (ctx == Context::kInline) {
          Node n;
          n.kind = Node::Kind::kText;
          n.line = child.line;
          n.text = child.text;
          out.push_back(std::move(n));
        } else if (!CollapseWhitespace(child.text).empty()) {
          Problem(child, "text " + std::string(Where(ctx)) + "; put it inside " +
                             (ctx == Context::kBlock        ? "<p>"
                              : ctx == Context::kRecipients ? "<recipient>"
                                                            : "<cell>"));
        }
        continue;
      }
      if (std::optional<Node> n = CompileElement(child, ctx, scope)) {
        out.push_back(std::move(*n));
      }
    }
    return out;
  }

  std::optional<Node> CompileElement(const XmlNode& x, Context ctx,
                                     std::vector<Binding>& scope) {
    const std::string& name = x.name;
    const bool allowed = (name == "if" || name == "for") ? ctx != Context::kCells
                         : IsInlineElement(name)         ? ctx == Context::kInline
                         : IsBlockElement(name)          ? ctx == Context::kBlock
                         : name == "row"                 ? ctx == Context::kRows
                         : name == "cell"                ? ctx == Context::kCells
                         : name == "recipient"           ? ctx == Context::kRecipients
                                                         : false;
    if (!IsKnownElement(name)) {
      Problem(x, "unknown element <" + name + ">");
      return std::nullopt;
    }
    if (!allowed) {
      Problem(x, name == "else" ? "<else/> belongs directly inside <if>"
                                : "<" + name + "> is not allowed " + Where(ctx));
      return std::nullopt;
    }
    Node n;
    n.line = x.line;
    if (name == "b" || name == "i" || name == "u") {
      CheckAttributes(x, {});
      n.kind = name == "b"   ? Node::Kind::kBold
               : name == "i" ? Node::Kind::kItalic
                             : Node::Kind::kUnderline;
      n.children = CompileChildren(x, Context::kInline, scope);
    } else if (name == "br") {
      CheckAttributes(x, {});
      n.kind = Node::Kind::kBreak;
      if (!x.children.empty()) Problem(x, "<br/> holds no content");
    } else if (name == "v") {
      CompileValue(x, scope, n);
    } else if (name == "if") {
      CompileIf(x, ctx, scope, n);
    } else if (name == "for") {
      if (!CompileFor(x, ctx, scope, n)) return std::nullopt;
    } else if (name == "p") {
      CheckAttributes(x, StyleAttributes({"style"}));
      n.kind = Node::Kind::kParagraph;
      if (const std::string* style = x.Attribute("style")) {
        const auto it = styles_.find(*style);
        if (it == styles_.end()) {
          Problem(x, "style '" + *style + "' is not defined in <styles>");
        } else {
          n.style = it->second;
        }
      }
      n.style.Overlay(ParseStyle(x));
      n.children = CompileChildren(x, Context::kInline, scope);
    } else if (name == "table") {
      CompileTable(x, scope, n);
    } else if (name == "row") {
      CheckAttributes(x, {"header"});
      n.kind = Node::Kind::kRow;
      n.header_row = Bool(x, "header").value_or(false);
      n.children = CompileChildren(x, Context::kCells, scope);
    } else if (name == "cell") {
      CheckAttributes(x, StyleAttributes({"style"}));
      n.kind = Node::Kind::kCell;
      if (const std::string* style = x.Attribute("style")) {
        const auto it = styles_.find(*style);
        if (it == styles_.end()) {
          Problem(x, "style '" + *style + "' is not defined in <styles>");
        } else {
          n.style = it->second;
        }
      }
      n.style.Overlay(ParseStyle(x));
      n.block_content = ContainsBlock(x);
      n.children =
          CompileChildren(x, n.block_content ? Context::kBlock : Context::kInline, scope);
    } else if (name == "recipient") {
      CheckAttributes(x, {});
      n.kind = Node::Kind::kRecipient;
      n.children = CompileChildren(x, Context::kInline, scope);
    } else if (name == "rule") {
      CompileRule(x, n);
    } else if (name == "pagebreak") {
      CheckAttributes(x, {});
      n.kind = Node::Kind::kPageBreak;
    } else if (name == "spacer") {
      CheckAttributes(x, {"height"});
      n.kind = Node::Kind::kSpacer;
      std::optional<double> h = Length(x, "height");
      if (!h && x.Attribute("height") == nullptr)
        Problem(x, "<spacer> needs height=\"...\"");
      n.height_pt = h.value_or(6);
    } else if (name == "nd30-header") {
      CompileHeader(x, scope, n);
    } else if (name == "nd30-signature") {
      CompileSignature(x, scope, n);
    }
    if (n.kind != Node::Kind::kText) return n;
    return std::nullopt;
  }

  void CompileValue(const XmlNode& x, std::vector<Binding>& scope, Node& n) {
    CheckAttributes(x, {"field", "filter", "default"});
    n.kind = Node::Kind::kValue;
    if (!x.children.empty())
      Problem(x, "<v/> holds no content; write <v field=\"...\"/>");
    const std::string* field = x.Attribute("field");
    if (field == nullptr) {
      Problem(x, "<v> needs field=\"...\"");
      return;
    }
    n.field = *field;
    if (const std::string* def = x.Attribute("default")) n.default_text = *def;
    if (const std::string* filter = x.Attribute("filter")) {
      std::optional<Filter> f = ParseFilter(*filter);
      if (!f) {
        Problem(
            x,
            "filter=\"" + *filter +
                "\" is not one of money, digits, words, date, dmy, upper, lower, name");
      } else {
        n.filter = *f;
      }
    }
    std::optional<FieldType> type = Reference(x, n.field, scope, Use::kValue);
    if (type && !FilterFits(n.filter, *type)) {
      Problem(x, "filter=\"" + *x.Attribute("filter") + "\" does not apply to field '" +
                     n.field + "' of type " + std::string(FieldTypeName(*type)));
    }
  }

  void CompileIf(const XmlNode& x, Context ctx, std::vector<Binding>& scope, Node& n) {
    CheckAttributes(x, {"field", "equals"});
    n.kind = Node::Kind::kIf;
    const std::string* field = x.Attribute("field");
    if (field == nullptr) {
      Problem(x, "<if> needs field=\"...\"");
    } else {
      n.field = *field;
      Reference(x, n.field, scope, Use::kCondition);
    }
    if (const std::string* equals = x.Attribute("equals")) n.equals = *equals;
    // Split the children at <else/>.
    XmlNode then_part, else_part;
    XmlNode* target = &then_part;
    bool seen_else = false;
    for (const XmlNode& child : x.children) {
      if (child.kind == XmlNode::Kind::kElement && child.name == "else") {
        CheckAttributes(child, {});
        if (!child.children.empty()) {
          Problem(child,
                  "<else/> is a separator and holds nothing: <if …>yes<else/>no</if>");
        }
        if (seen_else) Problem(child, "<if> has more than one <else/>");
        seen_else = true;
        target = &else_part;
        continue;
      }
      target->children.push_back(child);
    }
    n.children = CompileChildren(then_part, ctx, scope);
    n.else_children = CompileChildren(else_part, ctx, scope);
  }

  bool CompileFor(const XmlNode& x, Context ctx, std::vector<Binding>& scope, Node& n) {
    CheckAttributes(x, {"each", "as", "index", "separator", "last-separator"});
    n.kind = Node::Kind::kFor;
    const std::string* each = x.Attribute("each");
    const std::string* as = x.Attribute("as");
    if (each == nullptr || as == nullptr) {
      Problem(x, "<for> needs each=\"list\" and as=\"item\"");
      return false;
    }
    n.field = *each;
    n.as = *as;
    if (const std::string* index = x.Attribute("index")) n.index_var = *index;
    n.separator = x.Attribute("separator") ? std::optional(*x.Attribute("separator"))
                                           : std::nullopt;
    n.last_separator = x.Attribute("last-separator")
                           ? std::optional(*x.Attribute("last-separator"))
                           : std::nullopt;
    if ((n.separator || n.last_separator) && ctx != Context::kInline) {
      Problem(x, "separator and last-separator apply only to a <for> inside a paragraph");
    }
    if (!Reference(x, n.field, scope, Use::kList)) return false;
    for (const std::string* var : {&n.as, &n.index_var}) {
      if (var->empty() && var == &n.index_var) continue;
      if (!IsNameToken(*var) || *var == "office") {
        Problem(x, "'" + *var + "' cannot name a loop variable");
        return false;
      }
      for (const FieldSpec& f : impl_.fields) {
        if (FirstSegment(f.name) == *var) {
          Problem(x, "loop variable '" + *var + "' hides the declared field '" + f.name +
                         "'");
          return false;
        }
      }
      for (const Binding& b : scope) {
        if (b.var == *var || b.index_var == *var) {
          Problem(x,
                  "loop variable '" + *var + "' is already in use by an enclosing <for>");
          return false;
        }
      }
    }
    if (n.as == n.index_var) {
      Problem(x, "as and index must differ");
      return false;
    }
    // Find the list's declaration to bind the loop variable.
    Binding binding;
    binding.var = n.as;
    binding.index_var = n.index_var;
    const std::vector<std::string> parts = SplitPath(n.field);
    const Binding* outer = nullptr;
    for (auto it = scope.rbegin(); it != scope.rend(); ++it) {
      if (it->var == parts[0]) outer = &*it;
      if (outer) break;
    }
    if (outer != nullptr) {
      const std::string rest = n.field.substr(parts[0].size() + 1);
      for (const FieldSpec& f : outer->list->fields) {
        if (f.name == rest) binding.list = &f;
      }
      binding.spec_key = outer->spec_key + "." + rest;
    } else {
      for (const FieldSpec& f : impl_.fields) {
        if (f.name == n.field) binding.list = &f;
      }
      binding.spec_key = n.field;
    }
    if (binding.list == nullptr) return false;  // Reference() reported it
    scope.push_back(binding);
    n.children = CompileChildren(x, ctx, scope);
    scope.pop_back();
    return true;
  }

  void CompileTable(const XmlNode& x, std::vector<Binding>& scope, Node& n) {
    CheckAttributes(x, {"columns", "borders", "size", "align", "padding", "space-after",
                        "last-at-bottom"});
    n.kind = Node::Kind::kTable;
    n.columns = Columns(x, /*required=*/true);
    n.borders = Bool(x, "borders").value_or(false);
    n.names_at_bottom = Bool(x, "last-at-bottom").value_or(false);
    n.style.align = AlignAttr(x);
    if (const std::string* v = x.Attribute("size")) {
      std::optional<double> size = ParseNumber(*v);
      if (!size || *size < 4 || *size > 72) {
        Problem(x, "size=\"" + *v + "\": expected a font size in points, 4 to 72");
      } else {
        n.style.size_pt = size;
      }
    }
    n.padding_pt = Length(x, "padding").value_or(3);
    n.table_space_after_pt = Length(x, "space-after");
    n.children = CompileChildren(x, Context::kRows, scope);
    CheckRows(n.children, n.columns.size(), /*first=*/true);
  }

  void CheckRows(const std::vector<Node>& rows, std::size_t columns, bool first) {
    for (const Node& r : rows) {
      if (r.kind == Node::Kind::kRow) {
        if (columns != 0 && r.children.size() != columns) {
          impl_.problems.push_back(path_ + ":" + std::to_string(r.line) + ": <row> has " +
                                   std::to_string(r.children.size()) +
                                   " cells; the table has " + std::to_string(columns) +
                                   " columns");
        }
        if (r.header_row && !first) {
          impl_.problems.push_back(
              path_ + ":" + std::to_string(r.line) +
              ": only the first row of a table can be header=\"yes\"");
        }
      } else {
        CheckRows(r.children, columns, false);
        CheckRows(r.else_children, columns, false);
      }
      first = false;
    }
  }

  void CompileRule(const XmlNode& x, Node& n) {
    CheckAttributes(x, {"width", "thickness", "align", "space-before", "space-after"});
    n.kind = Node::Kind::kRule;
    if (const std::string* w = x.Attribute("width")) {
      if (*w == "previous-line") {
        n.rule.width_mode = Rule::Width::kPreviousLine;
      } else if (std::optional<double> fraction = ParseNumber(*w)) {
        if (*fraction <= 0 || *fraction > 1) {
          Problem(
              x, "width=\"" + *w + "\": a bare number is a fraction of the line, 0 to 1");
        }
        n.rule.width_mode = Rule::Width::kFraction;
        n.rule.width = *fraction;
      } else if (std::optional<double> pt = ParseLength(*w)) {
        n.rule.width_mode = Rule::Width::kFixed;
        n.rule.width = *pt;
      } else {
        Problem(x,
                "width=\"" + *w +
                    "\": expected previous-line, a fraction such as 0.33, or a length");
      }
    }
    if (std::optional<double> t = Length(x, "thickness")) n.rule.thickness_pt = *t;
    if (std::optional<Align> a = AlignAttr(x)) n.rule.align = *a;
    if (std::optional<double> b = Length(x, "space-before")) n.rule.space_before_pt = *b;
    if (std::optional<double> a = Length(x, "space-after")) n.rule.space_after_pt = *a;
    if (!x.children.empty()) Problem(x, "<rule/> holds no content");
  }

  void CompileHeader(const XmlNode& x, std::vector<Binding>& scope, Node& n) {
    CheckAttributes(x, {"number", "kind", "date", "columns"});
    n.kind = Node::Kind::kHeader;
    if (const std::string* kind = x.Attribute("kind"))
      n.doc_kind = CollapseWhitespace(*kind);
    if (n.doc_kind.empty()) {
      Problem(x,
              "<nd30-header> needs kind=\"...\", the document type in the symbol "
              "(QĐ, TB, BB, GTT)");
    }
    if (const std::string* number = x.Attribute("number")) {
      n.number_field = *number;
      Reference(x, n.number_field, scope, Use::kNumberText);
    }
    if (const std::string* date = x.Attribute("date")) {
      n.date_field = *date;
      Reference(x, n.date_field, scope, Use::kDate);
    }
    n.columns = Columns(x, /*required=*/false);
    if (n.columns.empty()) n.columns = {42, 58};
    if (n.columns.size() != 2) Problem(x, "<nd30-header> has two columns");
    if (!x.children.empty()) Problem(x, "<nd30-header/> holds no content");
  }

  void CompileSignature(const XmlNode& x, std::vector<Binding>& scope, Node& n) {
    CheckAttributes(x, {"signer", "position", "authority", "name", "columns", "space"});
    n.kind = Node::Kind::kSignature;
    const std::string* signer = x.Attribute("signer");
    const std::string* position = x.Attribute("position");
    const std::string* name = x.Attribute("name");
    if (signer != nullptr) {
      n.signer_id = *signer;
      if (position != nullptr || name != nullptr || x.Attribute("authority") != nullptr) {
        Problem(x,
                "<nd30-signature> takes either signer=\"id\" or position=\"...\" with "
                "name=\"field\", not both");
      }
      const std::string key = "office.signer." + n.signer_id + ".name";
      if (Status shape = CheckOfficeKeyShape(key); !shape.ok()) {
        Problem(x, "signer=\"" + n.signer_id + "\" is not a signer id (a-z, 0-9, '-')");
      } else {
        impl_.office_keys.emplace(key, x.line);
      }
    } else if (position != nullptr && name != nullptr) {
      n.position = CollapseWhitespace(*position);
      if (const std::string* authority = x.Attribute("authority")) {
        n.authority = CollapseWhitespace(*authority);
      }
      n.name_field = *name;
      Reference(x, n.name_field, scope, Use::kNameText);
    } else {
      Problem(x,
              "<nd30-signature> needs signer=\"id\" (from the office profile) or "
              "position=\"...\" and name=\"field\"");
    }
    n.columns = Columns(x, /*required=*/false);
    if (n.columns.empty()) n.columns = {1, 1};
    if (n.columns.size() != 2) Problem(x, "<nd30-signature> has two columns");
    n.height_pt = Length(x, "space").value_or(64);
    n.children = CompileChildren(x, Context::kRecipients, scope);
  }

  std::string path_;
  Template::Impl& impl_;
  std::map<std::string, StyleSpec> styles_;
};

void CollectUnused(const Template::Impl& impl, const std::vector<FieldSpec>& specs,
                   const std::string& prefix, std::vector<std::string>& out) {
  for (const FieldSpec& f : specs) {
    const std::string key = prefix + f.name;
    if (!impl.first_use.contains(key)) {
      out.push_back(impl.path + ":" + std::to_string(f.line) + ": field '" + key +
                    "' is declared but never used");
    }
    if (f.type == FieldType::kList) CollectUnused(impl, f.fields, key + ".", out);
  }
}

}  // namespace

void StyleSpec::Overlay(const StyleSpec& over) {
  auto take = [](auto& mine, const auto& theirs) {
    if (theirs) mine = theirs;
  };
  take(align, over.align);
  take(bold, over.bold);
  take(italic, over.italic);
  take(underline, over.underline);
  take(size_pt, over.size_pt);
  take(indent_pt, over.indent_pt);
  take(left_indent_pt, over.left_indent_pt);
  take(space_before_pt, over.space_before_pt);
  take(space_after_pt, over.space_after_pt);
  take(line_height, over.line_height);
  take(keep_with_next, over.keep_with_next);
  take(keep_together, over.keep_together);
}

std::string_view FieldTypeName(FieldType type) {
  switch (type) {
    case FieldType::kText:
      return "text";
    case FieldType::kName:
      return "name";
    case FieldType::kMoney:
      return "money";
    case FieldType::kDate:
      return "date";
    case FieldType::kNumber:
      return "number";
    case FieldType::kFlag:
      return "flag";
    case FieldType::kList:
      return "list";
  }
  return "text";
}

const std::string& Template::path() const { return impl_->path; }
const std::string& Template::title() const { return impl_->title; }
const std::vector<FieldSpec>& Template::fields() const { return impl_->fields; }

Result<Template> LoadTemplate(const std::string& path, TemplateCheck check) {
  Result<XmlNode> root = ReadXmlFile(path);
  if (!root.ok()) return root.status();
  auto impl = std::make_shared<Template::Impl>();
  impl->path = path;
  Compiler compiler(path, *impl);
  compiler.CompileRoot(*root);
  if (check == TemplateCheck::kStrict && !impl->problems.empty()) {
    std::string message = impl->problems.front();
    if (impl->problems.size() > 1) {
      message += " (and " + std::to_string(impl->problems.size() - 1) +
                 " more; thads render --check lists them all)";
    }
    return Status::Invalid(message);
  }
  return Template(std::move(impl));
}

std::vector<std::string> CheckTemplate(const Template& tmpl) {
  const Template::Impl& impl = tmpl.impl();
  std::vector<std::string> out = impl.problems;
  CollectUnused(impl, impl.fields, "", out);
  return out;
}

std::vector<std::string> CheckTemplate(const Template& tmpl,
                                       const OfficeProfile& office) {
  std::vector<std::string> out = CheckTemplate(tmpl);
  const std::map<std::string, std::string> keys = office.Keys();
  for (const auto& [key, line] : tmpl.impl().office_keys) {
    if (CheckOfficeKeyShape(key).ok() && !keys.contains(key)) {
      out.push_back(tmpl.path() + ":" + std::to_string(line) + ": office key '" + key +
                    "' is not in the office profile " + office.path);
    }
  }
  return out;
}

}  // namespace thads::render
