// Expanding a template: the case data (JSON) is read into a plain value tree,
// checked against the template's <fields>, and the compiled body is walked to
// produce layout blocks. nlohmann stays inside this file.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstdio>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "render/template.h"
#include "render/template_internal.h"
#include "render/xml_reader.h"
#include "text/dates.h"
#include "text/money.h"
#include "text/names.h"
#include "text/normalize.h"
#include "text/utf8.h"

namespace thads::render {
namespace {

constexpr std::size_t kMaxDataBytes = 4 << 20;
constexpr std::size_t kMaxDataDepth = 32;

// ---- The data as a value tree -------------------------------------------

struct Value {
  enum class Kind { kNull, kBool, kInt, kFloat, kString, kArray, kObject };
  Kind kind = Kind::kNull;
  bool boolean = false;
  std::int64_t integer = 0;
  std::string string;             // kString: NFC UTF-8
  std::vector<Value> items;       // kArray elements; kObject member values
  std::vector<std::string> keys;  // kObject member names, parallel to items

  const Value* Member(std::string_view key) const {
    for (std::size_t i = 0; i < keys.size() && i < items.size(); ++i) {
      if (keys[i] == key) return &items[i];
    }
    return nullptr;
  }
};

const char* KindName(const Value& v) {
  switch (v.kind) {
    case Value::Kind::kNull:
      return "null";
    case Value::Kind::kBool:
      return "true/false";
    case Value::Kind::kInt:
      return "number";
    case Value::Kind::kFloat:
      return "decimal number";
    case Value::Kind::kString:
      return "string";
    case Value::Kind::kArray:
      return "array";
    case Value::Kind::kObject:
      return "object";
  }
  return "value";
}

using Json = nlohmann::json;

// Builds a Value tree from nlohmann's SAX events, naming the key of every
// problem: invalid UTF-8, a NUL, a duplicate key, nesting too deep.
class DataBuilder final : public nlohmann::json_sax<Json> {
 public:
  explicit DataBuilder(std::string_view text) : text_(text) {}

  bool null() override { return Scalar(Value{}); }
  bool boolean(bool b) override {
    Value v;
    v.kind = Value::Kind::kBool;
    v.boolean = b;
    return Scalar(std::move(v));
  }
  bool number_integer(number_integer_t n) override {
    Value v;
    v.kind = Value::Kind::kInt;
    v.integer = n;
    return Scalar(std::move(v));
  }
  bool number_unsigned(number_unsigned_t n) override {
    if (n > static_cast<number_unsigned_t>(std::numeric_limits<std::int64_t>::max())) {
      return Fail(Named() + ": number too large");
    }
    return number_integer(static_cast<std::int64_t>(n));
  }
  bool number_float(number_float_t, const string_t&) override {
    Value v;
    v.kind = Value::Kind::kFloat;
    return Scalar(std::move(v));
  }
  bool string(string_t& s) override {
    Result<std::string> clean = text::CleanText(s, Named());
    if (!clean.ok()) return Fail(clean.status().message());
    Value v;
    v.kind = Value::Kind::kString;
    v.string = std::move(*clean);
    return Scalar(std::move(v));
  }
  bool binary(binary_t&) override {
    return Fail(Named() + ": binary values are not JSON");
  }
  bool start_object(std::size_t) override { return Open(Value::Kind::kObject); }
  bool key(string_t& k) override {
    Value& top = *stack_.back();
    Result<std::string> clean = text::CleanText(k, "a key in " + Container());
    if (!clean.ok()) return Fail(clean.status().message());
    if (top.Member(*clean) != nullptr) {
      return Fail("duplicate key '" + *clean + "' in " + Container());
    }
    top.keys.push_back(std::move(*clean));
    return true;
  }
  bool end_object() override {
    stack_.pop_back();
    return true;
  }
  bool start_array(std::size_t) override { return Open(Value::Kind::kArray); }
  bool end_array() override {
    stack_.pop_back();
    return true;
  }
  bool parse_error(std::size_t position, const std::string&,
                   const nlohmann::detail::exception& ex) override {
    const std::size_t bad = text::FindInvalidUtf8(text_);
    if (bad != std::string_view::npos && bad < position) {
      // The lexer stopped on bytes that are not UTF-8 inside a string.
      const bool in_key = !stack_.empty() &&
                          stack_.back()->kind == Value::Kind::kObject &&
                          stack_.back()->keys.size() == stack_.back()->items.size();
      return Fail((in_key ? "a key in " + Container() : Named()) +
                  ": invalid UTF-8 at byte " + std::to_string(bad) + " of the data");
    }
    std::string message = ex.what();
    if (const std::size_t bracket = message.find("] ");
        message.starts_with("[json.") && bracket != std::string::npos) {
      message.erase(0, bracket + 2);
    }
    return Fail("invalid JSON: " + text::RepairUtf8(message));
  }

  const Status& error() const { return error_; }
  Value TakeRoot() { return std::move(root_); }

 private:
  bool Fail(std::string message) {
    if (error_.ok()) error_ = Status::Invalid("data: " + std::move(message));
    return false;
  }

  // The path of the value being read now: "parties[2].name".
  std::string Path() const {
    std::string path;
    for (std::size_t d = 0; d < stack_.size(); ++d) {
      const Value& c = *stack_[d];
      const bool top = d + 1 == stack_.size();
      if (c.kind == Value::Kind::kArray) {
        const std::size_t index = top ? c.items.size() : c.items.size() - 1;
        path += "[" + std::to_string(index) + "]";
      } else if (!c.keys.empty() && (!top || c.keys.size() > c.items.size())) {
        if (!path.empty()) path += '.';
        path += c.keys.back();
      }
    }
    return path;
  }
  std::string Named() const {
    const std::string path = Path();
    return path.empty() ? "the data" : "key '" + path + "'";
  }
  std::string Container() const {
    std::string path;
    for (std::size_t d = 0; d + 1 < stack_.size(); ++d) {
      const Value& c = *stack_[d];
      if (c.kind == Value::Kind::kArray) {
        path += "[" + std::to_string(c.items.size() - 1) + "]";
      } else {
        if (!path.empty()) path += '.';
        path += c.keys.back();
      }
    }
    return path.empty() ? "the top-level object" : "'" + path + "'";
  }

  bool Scalar(Value v) {
    Add(std::move(v));
    return true;
  }
  // Appends to the open container (or sets the root); returns the new value.
  Value* Add(Value v) {
    if (stack_.empty()) {
      root_ = std::move(v);
      return &root_;
    }
    Value& top = *stack_.back();
    top.items.push_back(std::move(v));
    return &top.items.back();
  }
  bool Open(Value::Kind kind) {
    if (stack_.size() >= kMaxDataDepth) {
      return Fail(Named() + ": nested more than " + std::to_string(kMaxDataDepth) +
                  " levels deep");
    }
    Value v;
    v.kind = kind;
    stack_.push_back(Add(std::move(v)));
    return true;
  }

  std::string_view text_;
  Value root_;
  std::vector<Value*> stack_;  // open containers; only the top one grows
  Status error_;
};

Result<Value> ParseData(std::string_view json) {
  if (json.size() > kMaxDataBytes) {
    return Status::Invalid("data: larger than " + std::to_string(kMaxDataBytes) +
                           " bytes");
  }
  DataBuilder builder(json);
  bool ok = false;
  try {
    ok = Json::sax_parse(json.begin(), json.end(), &builder);
  } catch (const std::exception& e) {
    return Status::Invalid(std::string("data: invalid JSON: ") +
                           text::RepairUtf8(e.what()));
  }
  if (!builder.error().ok()) return builder.error();
  if (!ok) return Status::Invalid("data: invalid JSON");
  Value root = builder.TakeRoot();
  if (root.kind != Value::Kind::kObject) {
    return Status::Invalid(std::string("data: expected a JSON object at the top, got ") +
                           KindName(root));
  }
  return root;
}

// Follows a dotted path through nested objects; nullptr when a step is absent.
// `blocked` receives the key of a step that is not an object.
const Value* Navigate(const Value& from, std::string_view path, std::string* blocked) {
  const Value* v = &from;
  std::size_t consumed = 0;
  while (true) {
    const std::size_t dot = path.find('.', consumed);
    const std::string_view step = path.substr(consumed, dot - consumed);
    if (v->kind != Value::Kind::kObject) {
      if (blocked != nullptr)
        *blocked = std::string(path.substr(0, consumed > 0 ? consumed - 1 : 0));
      return nullptr;
    }
    v = v->Member(step);
    if (v == nullptr || dot == std::string_view::npos) return v;
    consumed = dot + 1;
  }
}

// ---- Checking the data against <fields> --------------------------------

class DataChecker {
 public:
  explicit DataChecker(const Template::Impl& impl) : impl_(impl) {}

  Status Check(const std::vector<FieldSpec>& specs, const Value& object,
               const std::string& key_prefix, const std::string& spec_prefix) {
    for (const FieldSpec& spec : specs) {
      const std::string key = key_prefix + spec.name;
      const std::string spec_key = spec_prefix + spec.name;
      std::string blocked;
      const Value* v = Navigate(object, spec.name, &blocked);
      if (v == nullptr && !blocked.empty()) {
        const Value* b = Navigate(object, blocked, nullptr);
        return Status::Invalid("data: " + key_prefix + blocked +
                               ": expected an object holding '" +
                               spec.name.substr(blocked.size() + 1) + "', got " +
                               (b ? KindName(*b) : "nothing") + UsedAt(spec, spec_key));
      }
      if (v == nullptr || v->kind == Value::Kind::kNull) {
        if (spec.required) {
          return Status::Invalid("data: missing required field '" + key + "'" +
                                 UsedAt(spec, spec_key));
        }
        continue;
      }
      THADS_RETURN_IF_ERROR(CheckOne(spec, *v, key, spec_key));
    }
    return Status::Ok();
  }

 private:
  std::string UsedAt(const FieldSpec& spec, const std::string& spec_key) const {
    const auto it = impl_.first_use.find(spec_key);
    if (it != impl_.first_use.end()) {
      return " (used at " + impl_.path + ":" + std::to_string(it->second) + ")";
    }
    return " (declared at " + impl_.path + ":" + std::to_string(spec.line) + ")";
  }

  Status Mismatch(const FieldSpec& spec, const Value& v, const std::string& key,
                  const std::string& spec_key, const std::string& expected) const {
    return Status::Invalid("data: " + key + ": expected " + expected + ", got " +
                           KindName(v) + UsedAt(spec, spec_key));
  }

  Status CheckOne(const FieldSpec& spec, const Value& v, const std::string& key,
                  const std::string& spec_key) {
    switch (spec.type) {
      case FieldType::kText:
      case FieldType::kName:
        if (v.kind != Value::Kind::kString) {
          return Mismatch(spec, v, key, spec_key,
                          std::string(FieldTypeName(spec.type)) + " (a string)");
        }
        if (spec.required && CollapseWhitespace(v.string).empty()) {
          return Status::Invalid("data: required field '" + key + "' is empty" +
                                 UsedAt(spec, spec_key));
        }
        return Status::Ok();
      case FieldType::kMoney:
        if (v.kind != Value::Kind::kInt) {
          return Mismatch(spec, v, key, spec_key, "money (integer đồng)");
        }
        if (v.integer < 0 || v.integer > text::kMaxMoney) {
          return Status::Invalid("data: " + key + ": money must be 0 to " +
                                 text::FormatThousands(text::kMaxMoney) + " đồng, got " +
                                 std::to_string(v.integer) + UsedAt(spec, spec_key));
        }
        return Status::Ok();
      case FieldType::kNumber:
        if (v.kind != Value::Kind::kInt)
          return Mismatch(spec, v, key, spec_key, "an integer");
        return Status::Ok();
      case FieldType::kFlag:
        if (v.kind != Value::Kind::kBool)
          return Mismatch(spec, v, key, spec_key, "true or false");
        return Status::Ok();
      case FieldType::kDate:
        if (v.kind != Value::Kind::kString) {
          return Mismatch(spec, v, key, spec_key, "a date (\"2024-02-05\")");
        }
        if (!text::ParseIsoDate(v.string).ok()) {
          return Status::Invalid("data: " + key +
                                 ": expected a date as \"2024-02-05\", got \"" +
                                 v.string + "\"" + UsedAt(spec, spec_key));
        }
        return Status::Ok();
      case FieldType::kList:
        if (v.kind != Value::Kind::kArray) {
          return Mismatch(spec, v, key, spec_key, "a list (JSON array)");
        }
        if (spec.required && v.items.empty()) {
          return Status::Invalid("data: required list '" + key + "' is empty" +
                                 UsedAt(spec, spec_key));
        }
        for (std::size_t i = 0; i < v.items.size(); ++i) {
          const std::string item_key = key + "[" + std::to_string(i) + "]";
          if (v.items[i].kind != Value::Kind::kObject) {
            return Mismatch(spec, v.items[i], item_key, spec_key, "an object");
          }
          THADS_RETURN_IF_ERROR(
              Check(spec.fields, v.items[i], item_key + ".", spec_key + "."));
        }
        return Status::Ok();
    }
    return Status::Ok();
  }

  const Template::Impl& impl_;
};

// ---- Styles ------------------------------------------------------------

struct Ctx {
  ParagraphStyle para;
  TextStyle text;
  bool bold = false;
  bool italic = false;
};

void Apply(const StyleSpec& s, Ctx& c) {
  if (s.align) c.para.align = *s.align;
  if (s.bold) c.bold = *s.bold;
  if (s.italic) c.italic = *s.italic;
  if (s.underline) c.text.underline = *s.underline;
  if (s.size_pt) c.text.size_pt = *s.size_pt;
  if (s.indent_pt) c.para.first_line_indent_pt = *s.indent_pt;
  if (s.left_indent_pt) c.para.left_indent_pt = *s.left_indent_pt;
  if (s.space_before_pt) c.para.space_before_pt = *s.space_before_pt;
  if (s.space_after_pt) c.para.space_after_pt = *s.space_after_pt;
  if (s.line_height) c.para.line_height = *s.line_height;
  if (s.keep_with_next) c.para.keep_with_next = *s.keep_with_next;
  if (s.keep_together) c.para.keep_together = *s.keep_together;
}

FontStyle FontOf(bool bold, bool italic) {
  if (bold && italic) return FontStyle::kBoldItalic;
  if (bold) return FontStyle::kBold;
  if (italic) return FontStyle::kItalic;
  return FontStyle::kRegular;
}

struct InlineStyle {
  bool bold = false;
  bool italic = false;
  bool underline = false;
  double size_pt = 14;

  TextStyle ToText() const { return TextStyle{FontOf(bold, italic), size_pt, underline}; }
};

InlineStyle InlineOf(const Ctx& c) {
  return InlineStyle{c.bold, c.italic, c.text.underline, c.text.size_pt};
}

// Text from a template or the data: every tab, CR and LF becomes a space; only
// <br/> makes a line break.
std::string SpacesOnly(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c == '\t' || c == '\r' || c == '\n') c = ' ';
  }
  return out;
}

// Collapses spaces across runs, trims each line, merges neighbouring literal
// runs of one style and drops empty runs. A collapsed space keeps the style of
// its first occurrence, as in HTML; runs filled from the data never absorb one.
std::vector<Run> FinishRuns(const std::vector<Run>& runs) {
  std::vector<Run> out;
  auto push = [&out](Run r) {
    if (r.text.empty()) return;
    if (!out.empty()) {
      Run& last = out.back();
      if (last.field.empty() && r.field.empty() && last.style.font == r.style.font &&
          last.style.size_pt == r.style.size_pt &&
          last.style.underline == r.style.underline) {
        last.text += r.text;
        return;
      }
    }
    out.push_back(std::move(r));
  };
  bool line_start = true;
  bool pending = false;  // a space waits for the next visible character
  TextStyle pending_style;
  for (const Run& run : runs) {
    std::string t;
    bool pending_here = false;  // the waiting space came from this run
    for (char c : run.text) {
      if (c == ' ') {
        if (!line_start && !pending) {
          pending = true;
          pending_here = true;
          pending_style = run.style;
        }
        continue;
      }
      if (c == '\n') {
        pending = false;
        line_start = true;
        t += '\n';
        continue;
      }
      if (pending) {
        if (pending_here) {
          t += ' ';
        } else {
          push(Run{" ", pending_style, ""});
        }
        pending = false;
      }
      t += c;
      line_start = false;
    }
    push(Run{std::move(t), run.style, run.field});
  }
  return out;
}

Paragraph MakeParagraph(std::string text, TextStyle style, Align align,
                        double space_after, std::string field = "") {
  Paragraph p;
  p.style.align = align;
  p.style.first_line_indent_pt = 0;
  p.style.space_before_pt = 0;
  p.style.space_after_pt = space_after;
  p.style.line_height = 1.1;
  p.runs.push_back(Run{std::move(text), style, std::move(field)});
  return p;
}

std::string FormatDmy(text::Date d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02u/%02u/%04d", static_cast<unsigned>(d.day()),
                static_cast<unsigned>(d.month()), static_cast<int>(d.year()));
  return buf;
}

// ---- Expansion -----------------------------------------------------------

// A <for> in progress.
struct Frame {
  std::string var;
  std::string index_var;
  const FieldSpec* list = nullptr;
  const Value* item = nullptr;
  std::string key;         // "obligations[0]"
  std::int64_t index = 0;  // 1-based
};

// What a field reference points at, now.
struct Resolved {
  FieldType type = FieldType::kText;
  const Value* value = nullptr;       // data; nullptr when absent
  std::optional<std::string> office;  // office profile text
  std::optional<std::int64_t> index;  // a <for> item number
  const FieldSpec* spec = nullptr;
  std::string key;  // for Run::field and messages

  bool Present() const {
    return office.has_value() || index.has_value() ||
           (value != nullptr && value->kind != Value::Kind::kNull);
  }
};

const FieldSpec* FindSpec(const std::vector<FieldSpec>& specs, std::string_view name) {
  for (const FieldSpec& f : specs) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

class Expander {
 public:
  Expander(const Template::Impl& impl, const Value& data, const OfficeProfile& office)
      : impl_(impl), data_(data), office_(office), office_keys_(office.Keys()) {}

  Status Blocks(const std::vector<Node>& nodes, const Ctx& ctx, std::vector<Block>& out) {
    for (const Node& n : nodes) {
      switch (n.kind) {
        case Node::Kind::kParagraph: {
          Ctx c = ctx;
          Apply(n.style, c);
          std::vector<Run> runs;
          THADS_RETURN_IF_ERROR(Inline(n.children, InlineOf(c), runs));
          Paragraph p{FinishRuns(runs), c.para};
          if (!p.runs.empty()) out.emplace_back(std::move(p));
          break;
        }
        case Node::Kind::kTable:
          THADS_RETURN_IF_ERROR(TableBlock(n, ctx, out));
          break;
        case Node::Kind::kRule:
          out.emplace_back(n.rule);
          break;
        case Node::Kind::kPageBreak:
          out.emplace_back(PageBreak{});
          break;
        case Node::Kind::kSpacer:
          out.emplace_back(Spacer{n.height_pt});
          break;
        case Node::Kind::kHeader:
          THADS_RETURN_IF_ERROR(Header(n, out));
          break;
        case Node::Kind::kSignature:
          THADS_RETURN_IF_ERROR(Signature(n, out));
          break;
        case Node::Kind::kIf: {
          Result<bool> yes = Condition(n);
          if (!yes.ok()) return yes.status();
          THADS_RETURN_IF_ERROR(Blocks(*yes ? n.children : n.else_children, ctx, out));
          break;
        }
        case Node::Kind::kFor:
          THADS_RETURN_IF_ERROR(Loop(
              n, [&](std::size_t, std::size_t) { return Blocks(n.children, ctx, out); }));
          break;
        default:
          return Internal(n, "an inline element among blocks");
      }
    }
    return Status::Ok();
  }

 private:
  Status Internal(const Node& n, const std::string& what) const {
    return Status::Error(StatusCode::kInternal, Where(n) + ": " + what);
  }
  std::string Where(const Node& n) const {
    return impl_.path + ":" + std::to_string(n.line);
  }

  Result<Resolved> Resolve(const std::string& path, const Node& at) const {
    Resolved r;
    r.key = path;
    const std::size_t dot = path.find('.');
    const std::string head = path.substr(0, dot);
    const std::string rest = dot == std::string::npos ? "" : path.substr(dot + 1);
    if (head == "office") {
      const auto it = office_keys_.find(path);
      if (it == office_keys_.end()) {
        return Status::Invalid(Where(at) + ": the office profile " + office_.path +
                               " has no '" + path + "'");
      }
      r.office = it->second;
      return r;
    }
    for (auto it = frames_.rbegin(); it != frames_.rend(); ++it) {
      if (it->index_var == head && rest.empty()) {
        r.type = FieldType::kNumber;
        r.index = it->index;
        return r;
      }
      if (it->var == head) {
        r.spec = FindSpec(it->list->fields, rest);
        if (r.spec == nullptr) return Internal(at, "undeclared item field " + path);
        r.type = r.spec->type;
        r.value = Navigate(*it->item, rest, nullptr);
        r.key = it->key + "." + rest;
        return r;
      }
    }
    r.spec = FindSpec(impl_.fields, path);
    if (r.spec == nullptr) return Internal(at, "undeclared field " + path);
    r.type = r.spec->type;
    r.value = Navigate(data_, path, nullptr);
    return r;
  }

  static bool Truthy(const Resolved& r) {
    if (r.office) return !CollapseWhitespace(*r.office).empty();
    if (r.index) return *r.index != 0;
    if (r.value == nullptr) return false;
    const Value& v = *r.value;
    switch (v.kind) {
      case Value::Kind::kNull:
        return false;
      case Value::Kind::kBool:
        return v.boolean;
      case Value::Kind::kInt:
        return v.integer != 0;
      case Value::Kind::kFloat:
        return true;
      case Value::Kind::kString:
        return !CollapseWhitespace(v.string).empty();
      case Value::Kind::kArray:
        return !v.items.empty();
      case Value::Kind::kObject:
        return true;
    }
    return false;
  }

  // The value as compared by <if equals="...">.
  static std::string Raw(const Resolved& r) {
    if (r.office) return *r.office;
    if (r.index) return std::to_string(*r.index);
    if (r.value == nullptr) return "";
    switch (r.value->kind) {
      case Value::Kind::kBool:
        return r.value->boolean ? "yes" : "no";
      case Value::Kind::kInt:
        return std::to_string(r.value->integer);
      case Value::Kind::kString:
        return r.value->string;
      default:
        return "";
    }
  }

  Result<bool> Condition(const Node& n) const {
    Result<Resolved> r = Resolve(n.field, n);
    if (!r.ok()) return r.status();
    if (!n.equals) return Truthy(*r);
    std::string raw = Raw(*r);
    if (r->value != nullptr && r->value->kind == Value::Kind::kBool) {
      return (*n.equals == "yes" || *n.equals == "true") == r->value->boolean;
    }
    return raw == *n.equals;
  }

  // Text of a value for print. Absent values print as `fallback`.
  static std::string Format(const Resolved& r, Filter filter,
                            const std::string& fallback) {
    if (!r.Present()) return fallback;
    if (r.office) {
      switch (filter) {
        case Filter::kUpper:
          return text::ToUpperVi(*r.office);
        case Filter::kLower:
          return text::ToLowerVi(*r.office);
        default:
          return *r.office;
      }
    }
    std::int64_t number = r.index ? *r.index : r.value->integer;
    switch (r.type) {
      case FieldType::kMoney:
      case FieldType::kNumber:
        switch (filter) {
          case Filter::kWords:
            return text::MoneyToWords(number);
          case Filter::kDigits:
            return text::FormatThousands(number);
          case Filter::kMoney:
            return text::FormatMoney(number);
          default:
            return r.type == FieldType::kMoney ? text::FormatMoney(number)
                                               : std::to_string(number);
        }
      case FieldType::kDate: {
        Result<text::Date> d = text::ParseIsoDate(r.value->string);
        if (!d.ok()) return r.value->string;  // checked before expansion
        return filter == Filter::kDmy ? FormatDmy(*d) : text::FormatNd30Date(*d);
      }
      case FieldType::kText:
      case FieldType::kName: {
        const std::string& s = r.value->string;
        switch (filter) {
          case Filter::kUpper:
            return text::ToUpperVi(s);
          case Filter::kLower:
            return text::ToLowerVi(s);
          case Filter::kName:
            // All capitals (as in a judgment's header) become "Nguyễn Văn An";
            // anything else is kept as typed, marks and all.
            return text::ToUpperVi(s) == s ? text::TitleCaseName(s)
                                           : CollapseWhitespace(s);
          default:
            return s;
        }
      }
      default:
        return "";
    }
  }

  template <typename Body>
  Status Loop(const Node& n, Body body) {
    Result<Resolved> r = Resolve(n.field, n);
    if (!r.ok()) return r.status();
    if (r->value == nullptr || r->value->kind != Value::Kind::kArray) return Status::Ok();
    const std::vector<Value>& items = r->value->items;
    for (std::size_t i = 0; i < items.size(); ++i) {
      Frame f;
      f.var = n.as;
      f.index_var = n.index_var;
      f.list = r->spec;
      f.item = &items[i];
      f.key = r->key + "[" + std::to_string(i) + "]";
      f.index = static_cast<std::int64_t>(i) + 1;
      frames_.push_back(std::move(f));
      Status s = body(i, items.size());
      frames_.pop_back();
      THADS_RETURN_IF_ERROR(s);
    }
    return Status::Ok();
  }

  Status Inline(const std::vector<Node>& nodes, const InlineStyle& style,
                std::vector<Run>& runs) {
    for (const Node& n : nodes) {
      switch (n.kind) {
        case Node::Kind::kText:
          runs.push_back(Run{SpacesOnly(n.text), style.ToText(), ""});
          break;
        case Node::Kind::kBold:
        case Node::Kind::kItalic:
        case Node::Kind::kUnderline: {
          InlineStyle inner = style;
          if (n.kind == Node::Kind::kBold) inner.bold = true;
          if (n.kind == Node::Kind::kItalic) inner.italic = true;
          if (n.kind == Node::Kind::kUnderline) inner.underline = true;
          THADS_RETURN_IF_ERROR(Inline(n.children, inner, runs));
          break;
        }
        case Node::Kind::kBreak:
          runs.push_back(Run{"\n", style.ToText(), ""});
          break;
        case Node::Kind::kValue: {
          Result<Resolved> r = Resolve(n.field, n);
          if (!r.ok()) return r.status();
          runs.push_back(
              Run{SpacesOnly(Format(*r, n.filter, n.default_text.value_or(""))),
                  style.ToText(), r->key});
          break;
        }
        case Node::Kind::kIf: {
          Result<bool> yes = Condition(n);
          if (!yes.ok()) return yes.status();
          THADS_RETURN_IF_ERROR(Inline(*yes ? n.children : n.else_children, style, runs));
          break;
        }
        case Node::Kind::kFor:
          THADS_RETURN_IF_ERROR(Loop(n, [&](std::size_t i, std::size_t count) {
            if (i > 0) {
              const std::optional<std::string>& sep =
                  (i + 1 == count && n.last_separator) ? n.last_separator : n.separator;
              if (sep) runs.push_back(Run{SpacesOnly(*sep), style.ToText(), ""});
            }
            return Inline(n.children, style, runs);
          }));
          break;
        default:
          return Internal(n, "a block element inside a paragraph");
      }
    }
    return Status::Ok();
  }

  // Cells start flush left with no spacing, in the body's font size.
  static Ctx CellContext(const Ctx& body) {
    Ctx c = body;
    c.para.align = Align::kLeft;
    c.para.first_line_indent_pt = 0;
    c.para.left_indent_pt = 0;
    c.para.space_before_pt = 0;
    c.para.space_after_pt = 0;
    c.para.keep_with_next = false;
    c.para.keep_together = false;
    c.bold = false;
    c.italic = false;
    c.text.underline = false;
    return c;
  }

  Status TableBlock(const Node& n, const Ctx& ctx, std::vector<Block>& out) {
    auto table = std::make_shared<Table>();
    table->column_weights = n.columns;
    table->borders = n.borders;
    table->last_block_at_bottom = n.names_at_bottom;
    table->cell_padding_pt = n.padding_pt;
    table->space_after_pt = n.table_space_after_pt.value_or(6);
    Ctx base = CellContext(ctx);
    Apply(n.style, base);
    THADS_RETURN_IF_ERROR(Rows(n.children, base, *table));
    if (!table->rows.empty()) out.emplace_back(std::move(table));
    return Status::Ok();
  }

  Status Rows(const std::vector<Node>& nodes, const Ctx& base, Table& table) {
    for (const Node& n : nodes) {
      if (n.kind == Node::Kind::kIf) {
        Result<bool> yes = Condition(n);
        if (!yes.ok()) return yes.status();
        THADS_RETURN_IF_ERROR(Rows(*yes ? n.children : n.else_children, base, table));
        continue;
      }
      if (n.kind == Node::Kind::kFor) {
        THADS_RETURN_IF_ERROR(Loop(
            n, [&](std::size_t, std::size_t) { return Rows(n.children, base, table); }));
        continue;
      }
      if (n.kind != Node::Kind::kRow) return Internal(n, "a non-row in a table");
      std::vector<Cell> cells;
      for (const Node& cell_node : n.children) {
        Ctx c = base;
        if (n.header_row) {
          c.bold = true;
          c.para.align = Align::kCenter;
        }
        Apply(cell_node.style, c);
        Cell cell;
        if (cell_node.block_content) {
          THADS_RETURN_IF_ERROR(Blocks(cell_node.children, c, cell.blocks));
        } else {
          std::vector<Run> runs;
          THADS_RETURN_IF_ERROR(Inline(cell_node.children, InlineOf(c), runs));
          Paragraph p{FinishRuns(runs), c.para};
          if (!p.runs.empty()) cell.blocks.emplace_back(std::move(p));
        }
        cells.push_back(std::move(cell));
      }
      if (cells.size() != table.column_weights.size()) {
        return Status::Invalid(Where(n) + ": <row> has " + std::to_string(cells.size()) +
                               " cells; the table has " +
                               std::to_string(table.column_weights.size()) + " columns");
      }
      table.rows.push_back(std::move(cells));
    }
    return Status::Ok();
  }

  // ND 30 header: issuing agency and number on the left, national motto and
  // place and date on the right.
  Status Header(const Node& n, std::vector<Block>& out) {
    const TextStyle caps13{FontStyle::kRegular, 13, false};
    const TextStyle bold13{FontStyle::kBold, 13, false};
    const TextStyle bold14{FontStyle::kBold, 14, false};
    const TextStyle italic14{FontStyle::kItalic, 14, false};

    // ND 30 allows 12-13 pt for the agency lines; 12 keeps long names of
    // today's offices on the lines the office chose (<br/> in the profile).
    const TextStyle caps12{FontStyle::kRegular, 12, false};
    const TextStyle bold12{FontStyle::kBold, 12, false};
    Cell left;
    left.blocks.emplace_back(MakeParagraph(text::ToUpperVi(office_.superior), caps12,
                                           Align::kCenter, 0, "office.superior"));
    left.blocks.emplace_back(MakeParagraph(text::ToUpperVi(office_.agency), bold12,
                                           Align::kCenter, 0, "office.agency"));
    Rule under_agency;
    under_agency.width_mode = Rule::Width::kFraction;
    under_agency.width = 1.0 / 3.0;
    under_agency.align = Align::kCenter;
    under_agency.space_before_pt = 2;
    under_agency.space_after_pt = 4;
    left.blocks.emplace_back(under_agency);
    if (!n.number_field.empty()) {
      Result<Resolved> number = Resolve(n.number_field, n);
      if (!number.ok()) return number.status();
      const std::string symbol = n.doc_kind + "-" + office_.symbol;
      info.symbol = symbol;
      Paragraph p = MakeParagraph("Số: ", caps13, Align::kCenter, 0);
      if (number->Present()) {
        info.number = Format(*number, Filter::kNone, "");
        p.runs.push_back(Run{info.number, caps13, number->key});
      } else {
        p.runs.front().text += "      ";  // numbered by hand when the document is issued
      }
      p.runs.push_back(Run{"/" + symbol, caps13, ""});
      left.blocks.emplace_back(std::move(p));
    }

    Cell right;
    right.blocks.emplace_back(
        MakeParagraph("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold13, Align::kCenter, 0));
    right.blocks.emplace_back(
        MakeParagraph("Độc lập - Tự do - Hạnh phúc", bold14, Align::kCenter, 0));
    Rule under_motto;
    under_motto.width_mode = Rule::Width::kPreviousLine;
    under_motto.align = Align::kCenter;
    under_motto.space_before_pt = 2;
    under_motto.space_after_pt = 6;
    right.blocks.emplace_back(under_motto);
    // Minutes carry their date in the text; without date="..." there is no line.
    if (!n.date_field.empty()) {
      std::string place_date = office_.place + ", ngày      tháng      năm      ";
      Result<Resolved> date = Resolve(n.date_field, n);
      if (!date.ok()) return date.status();
      if (date->Present()) {
        Result<text::Date> d = text::ParseIsoDate(date->value->string);
        if (d.ok()) {
          place_date = text::FormatPlaceAndDate(office_.place, *d);
          info.issue_date = text::FormatIsoDate(*d);
        }
      }
      right.blocks.emplace_back(
          MakeParagraph(std::move(place_date), italic14, Align::kCenter, 0, date->key));
    }

    auto table = std::make_shared<Table>();
    table->column_weights = n.columns;
    table->borders = false;
    table->cell_padding_pt = 1;
    table->space_after_pt = 12;
    table->rows.push_back({std::move(left), std::move(right)});
    out.emplace_back(std::move(table));
    return Status::Ok();
  }

  // ND 30 signature: recipients on the left, the signer on the right.
  Status Signature(const Node& n, std::vector<Block>& out) {
    const TextStyle recipients_title{FontStyle::kBoldItalic, 12, false};
    const InlineStyle recipient_style{false, false, false, 11};
    const TextStyle bold13{FontStyle::kBold, 13, false};
    const TextStyle bold14{FontStyle::kBold, 14, false};

    std::vector<std::vector<Run>> items;
    THADS_RETURN_IF_ERROR(Recipients(n.children, recipient_style, items));
    Cell left;
    if (!items.empty()) {
      left.blocks.emplace_back(
          MakeParagraph("Nơi nhận:", recipients_title, Align::kLeft, 0));
      for (std::size_t i = 0; i < items.size(); ++i) {
        Paragraph p;
        p.style.align = Align::kLeft;
        p.style.first_line_indent_pt = 0;
        p.style.space_after_pt = 0;
        p.style.line_height = 1.0;
        p.runs.push_back(Run{"- ", recipient_style.ToText(), ""});
        for (Run& r : items[i]) p.runs.push_back(std::move(r));
        const std::string& last_text = p.runs.back().text;
        const char end = last_text.empty() ? ' ' : last_text.back();
        if (end != ';' && end != '.' && end != ':') {
          p.runs.push_back(
              Run{i + 1 == items.size() ? "." : ";", recipient_style.ToText(), ""});
        }
        p.runs = FinishRuns(p.runs);
        left.blocks.emplace_back(std::move(p));
      }
    }

    std::string authority = n.authority;
    std::string position = n.position;
    std::string name;
    std::string name_key;
    if (!n.signer_id.empty()) {
      const Signer* signer = office_.FindSigner(n.signer_id);
      if (signer == nullptr) {
        return Status::Invalid(Where(n) + ": the office profile " + office_.path +
                               " has no signer '" + n.signer_id + "'");
      }
      authority = signer->authority;
      position = signer->position;
      name = signer->name;
      name_key = "office.signer." + signer->id + ".name";
    } else {
      Result<Resolved> r = Resolve(n.name_field, n);
      if (!r.ok()) return r.status();
      name = Format(*r, Filter::kName, "");
      name_key = r->key;
    }
    Cell right;
    if (!authority.empty()) {
      right.blocks.emplace_back(
          MakeParagraph(text::ToUpperVi(authority), bold13, Align::kCenter, 0));
    }
    right.blocks.emplace_back(
        MakeParagraph(text::ToUpperVi(position), bold13, Align::kCenter, 0));
    right.blocks.emplace_back(Spacer{n.height_pt});
    if (!name.empty()) {
      right.blocks.emplace_back(MakeParagraph(name, bold14, Align::kCenter, 0, name_key));
    }

    auto table = std::make_shared<Table>();
    table->column_weights = n.columns;
    table->borders = false;
    table->cell_padding_pt = 1;
    table->space_after_pt = 6;
    table->rows.push_back({std::move(left), std::move(right)});
    out.emplace_back(std::move(table));
    return Status::Ok();
  }

  Status Recipients(const std::vector<Node>& nodes, const InlineStyle& style,
                    std::vector<std::vector<Run>>& items) {
    for (const Node& n : nodes) {
      if (n.kind == Node::Kind::kIf) {
        Result<bool> yes = Condition(n);
        if (!yes.ok()) return yes.status();
        THADS_RETURN_IF_ERROR(
            Recipients(*yes ? n.children : n.else_children, style, items));
      } else if (n.kind == Node::Kind::kFor) {
        THADS_RETURN_IF_ERROR(Loop(n, [&](std::size_t, std::size_t) {
          return Recipients(n.children, style, items);
        }));
      } else if (n.kind == Node::Kind::kRecipient) {
        std::vector<Run> runs;
        THADS_RETURN_IF_ERROR(Inline(n.children, style, runs));
        runs = FinishRuns(runs);
        if (!runs.empty()) items.push_back(std::move(runs));
      } else {
        return Internal(n, "a non-recipient in a signature");
      }
    }
    return Status::Ok();
  }

  const Template::Impl& impl_;
  const Value& data_;
  const OfficeProfile& office_;
  const std::map<std::string, std::string> office_keys_;
  std::vector<Frame> frames_;

 public:
  DocumentInfo info;  // filled by the ND 30 header
};

Ctx BodyContext(const StyleSpec& body_style) {
  Ctx c;
  c.para.align = Align::kJustify;
  c.para.space_after_pt = 6;
  c.text.size_pt = 14;
  Apply(body_style, c);
  return c;
}

}  // namespace

Result<LayoutDocument> Expand(const Template& tmpl, std::string_view data_json,
                              const OfficeProfile& office) {
  const Template::Impl& impl = tmpl.impl();
  if (!impl.problems.empty()) return Status::Invalid(impl.problems.front());
  // Every office key the template names must be in the profile, whichever
  // branches this case takes.
  const std::map<std::string, std::string> keys = office.Keys();
  for (const auto& [key, line] : impl.office_keys) {
    if (!keys.contains(key)) {
      return Status::Invalid(impl.path + ":" + std::to_string(line) + ": office key '" +
                             key + "' is not in the office profile " + office.path);
    }
  }
  Result<Value> data = ParseData(data_json);
  if (!data.ok()) return data.status();
  DataChecker checker(impl);
  THADS_RETURN_IF_ERROR(checker.Check(impl.fields, *data, "", ""));

  LayoutDocument doc;
  Expander expander(impl, *data, office);
  THADS_RETURN_IF_ERROR(
      expander.Blocks(impl.body, BodyContext(impl.body_style), doc.blocks));
  doc.info = std::move(expander.info);
  doc.info.title = impl.title;
  doc.info.agency = *office.Lookup("office.agency");
  return doc;
}

}  // namespace thads::render
