// The only file of src/model that sees nlohmann::json: bounded parsing, the
// readers with key-path errors, the writers, and ExtraKeys::FromJson.
#include "model/json_io.h"

#include <algorithm>
#include <initializer_list>
#include <limits>
#include <nlohmann/json.hpp>
#include <set>
#include <utility>
#include <vector>

#include "model/enum_names.h"
#include "model/extra_keys.h"
#include "text/dates.h"
#include "text/normalize.h"
#include "text/utf8.h"

namespace thads::model {
namespace {

// Keeps object keys in input order, so unknown keys are written back as read.
using Json = nlohmann::ordered_json;

// ---- Positions and paths -------------------------------------------------

// "line 3, column 5" for a byte offset; the column counts characters, 1-based.
std::string LineColumn(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  std::size_t line = 1;
  std::size_t column = 1;
  for (std::size_t i = 0; i < offset; ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte == '\n') {
      ++line;
      column = 1;
    } else if ((byte & 0xC0) != 0x80) {
      ++column;
    }
  }
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

std::string JoinKey(std::string_view path, std::string_view key) {
  std::string out(path);
  if (!out.empty()) out += '.';
  out += key;
  return out;
}

std::string JoinIndex(std::string_view path, std::size_t index) {
  return std::string(path) + "[" + std::to_string(index) + "]";
}

// `path: message`, or just the message at the top level.
std::string AtPath(std::string_view path, std::string_view message) {
  if (path.empty()) return std::string(message);
  return std::string(path) + ": " + std::string(message);
}

// ---- Bounded parsing -----------------------------------------------------

// Refuses nesting deeper than kMaxJsonDepth before the parser sees the text.
Status CheckDepth(std::string_view text, std::string_view what) {
  int depth = 0;
  bool in_string = false;
  bool escaped = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (++depth > kMaxJsonDepth) {
        return Status::Invalid(std::string(what) + ": JSON nested deeper than " +
                               std::to_string(kMaxJsonDepth) + " levels at " +
                               LineColumn(text, i));
      }
    } else if ((c == '}' || c == ']') && depth > 0) {
      --depth;
    }
  }
  return Status::Ok();
}

// Watches the parser: refuses duplicate keys (which JSON leaves undefined),
// objects with too many keys and too many values, naming the object's path.
// After the first problem it discards everything, so parsing stays cheap.
class ParseGuard {
 public:
  bool OnEvent(nlohmann::detail::parse_event_t event, Json& parsed) {
    using Event = nlohmann::detail::parse_event_t;
    if (!error_.empty()) return false;
    switch (event) {
      case Event::object_start:
      case Event::array_start: {
        if (!CountValue()) return false;
        std::string path = ChildPath();
        frames_.push_back(
            Frame{event == Event::object_start, std::move(path), 0, {}, {}});
        return true;
      }
      case Event::object_end:
      case Event::array_end:
        if (!frames_.empty()) frames_.pop_back();
        return true;
      case Event::key: {
        if (frames_.empty() || !parsed.is_string()) return true;
        Frame& frame = frames_.back();
        const std::string& key = parsed.get_ref<const std::string&>();
        if (!frame.keys.insert(key).second) {
          error_ = AtPath(frame.path, "duplicate key " + QuoteForMessage(key));
          return false;
        }
        if (frame.keys.size() > kMaxJsonKeysPerObject) {
          error_ =
              AtPath(frame.path, "more than " + std::to_string(kMaxJsonKeysPerObject) +
                                     " keys in one object");
          return false;
        }
        frame.key = key;
        return true;
      }
      case Event::value:
        if (!CountValue()) return false;
        if (!frames_.empty() && !frames_.back().is_object) ++frames_.back().count;
        return true;
    }
    return true;
  }

  const std::string& error() const { return error_; }

 private:
  struct Frame {
    bool is_object;
    std::string path;
    std::size_t count;  // arrays: elements seen so far
    std::string key;    // objects: the key whose value comes next
    std::set<std::string> keys;
  };

  bool CountValue() {
    if (++values_ <= kMaxJsonValues) return true;
    error_ = "more than " + std::to_string(kMaxJsonValues) + " JSON values";
    return false;
  }

  std::string ChildPath() {
    if (frames_.empty()) return "";
    Frame& parent = frames_.back();
    if (parent.is_object) return JoinKey(parent.path, parent.key);
    return JoinIndex(parent.path, parent.count++);
  }

  std::vector<Frame> frames_;
  std::size_t values_ = 0;
  std::string error_;
};

// nlohmann's "[json.exception.parse_error.101] parse error at line 1, column 4:
// syntax error while parsing value - unexpected ']'; …" without its prefixes.
std::string SyntaxDetail(const std::string& message) {
  std::string detail = message;
  const std::size_t column = detail.find("column ");
  if (column != std::string::npos) {
    const std::size_t colon = detail.find(": ", column);
    if (colon != std::string::npos) detail.erase(0, colon + 2);
  }
  if (detail.rfind("syntax error while parsing ", 0) == 0) {
    const std::size_t dash = detail.find(" - ");
    if (dash != std::string::npos) detail.erase(0, dash + 3);
  }
  constexpr std::size_t kMaxDetail = 160;
  if (detail.size() > kMaxDetail) {
    detail.resize(kMaxDetail);
    detail += "…";
  }
  return text::RepairUtf8(detail);
}

// Size, UTF-8, depth, syntax and the ParseGuard checks; the parsed value.
Result<Json> ParseBounded(std::string_view text, std::string_view what) {
  const std::string name(what);
  if (text.size() > kMaxJsonBytes) {
    return Status::Invalid(name + ": input is " + std::to_string(text.size()) +
                           " bytes; the limit is " + std::to_string(kMaxJsonBytes));
  }
  THADS_RETURN_IF_ERROR(text::ValidateUtf8(text, what));
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return Status::Invalid(name + ": empty input; expected a JSON object");
  }
  THADS_RETURN_IF_ERROR(CheckDepth(text, what));

  ParseGuard guard;
  Json::parser_callback_t callback = [&guard](int, nlohmann::detail::parse_event_t event,
                                              Json& parsed) {
    return guard.OnEvent(event, parsed);
  };
  Json root;
  try {
    root = Json::parse(text.begin(), text.end(), callback, /*allow_exceptions=*/true,
                       /*ignore_comments=*/false);
  } catch (const Json::parse_error& e) {
    if (!guard.error().empty()) return Status::Invalid(name + ": " + guard.error());
    const std::size_t offset = e.byte > 0 ? e.byte - 1 : 0;
    return Status::Invalid(name + ": JSON syntax error at " + LineColumn(text, offset) +
                           ": " + SyntaxDetail(e.what()));
  } catch (const Json::exception& e) {
    // E.g. out_of_range 406: "number overflow parsing '1e400'".
    if (!guard.error().empty()) return Status::Invalid(name + ": " + guard.error());
    std::string detail = e.what();
    const std::size_t bracket = detail.find("] ");
    if (detail.rfind("[json.exception.", 0) == 0 && bracket != std::string::npos) {
      detail.erase(0, bracket + 2);
    }
    return Status::Invalid(name + ": unreadable JSON: " + SyntaxDetail(detail));
  }
  if (!guard.error().empty()) return Status::Invalid(name + ": " + guard.error());
  return root;
}

// ---- Reading -------------------------------------------------------------

// A value as an error message shows it: "got 1.5", "got \"plaintiff\"".
std::string Describe(const Json& value) {
  switch (value.type()) {
    case Json::value_t::null:
      return "null";
    case Json::value_t::object:
      return "an object";
    case Json::value_t::array:
      return "an array";
    case Json::value_t::string:
      return QuoteForMessage(value.get_ref<const std::string&>());
    case Json::value_t::boolean:
      return value.get<bool>() ? "true" : "false";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float:
      return value.dump();
    case Json::value_t::binary:
    case Json::value_t::discarded:
      break;
  }
  return "nothing";
}

struct IntegerSpec {
  const char* expected;  // "an integer number of đồng"
  std::int64_t min;
  std::int64_t max;
};

constexpr std::int64_t kInt64Max = std::numeric_limits<std::int64_t>::max();
constexpr IntegerSpec kAmountSpec{"an integer number of đồng", 0, kInt64Max};
constexpr IntegerSpec kBirthYearSpec{"an integer year", 1800, 2200};
constexpr IntegerSpec kPageSpec{"an integer page number", 1, 1000000};
constexpr IntegerSpec kOffsetSpec{"an integer offset", 0, kInt64Max};
constexpr IntegerSpec kDocumentNumberSpec{"an integer document number", 1, 99999999};
constexpr IntegerSpec kPageCountSpec{"an integer number of pages", 1, 1000000};
constexpr IntegerSpec kOrdinalSpec{"an integer ordinal", 1, 99999999};

// Reads one JSON object's known keys. The first error sticks: later calls do
// nothing and return defaults, so a reader is a plain list of field reads
// followed by one status() check. Each read names its key path in the error.
class ObjectReader {
 public:
  template <typename T>
  using ReadFn = Result<T> (*)(const Json& value, const std::string& path);

  ObjectReader(const Json& value, std::string path,
               std::initializer_list<std::string_view> known)
      : path_(std::move(path)), known_(known) {
    if (value.is_object()) {
      object_ = &value;
    } else {
      Fail(path_, "expected an object, got " + Describe(value));
    }
  }

  bool ok() const { return status_.ok(); }
  const Status& status() const { return status_; }

  // Records `message` about `key` unless an error is already recorded.
  void FailKey(std::string_view key, std::string_view message) {
    Fail(JoinKey(path_, key), message);
  }

  std::string String(std::string_view key, bool allow_empty = true) {
    const Json* value = Get(key, /*required=*/true);
    if (value == nullptr) return {};
    std::optional<std::string> text = ReadString(*value, JoinKey(path_, key));
    if (!text.has_value()) return {};
    if (!allow_empty && text->empty()) FailKey(key, "must not be empty");
    return std::move(*text);
  }

  std::optional<std::string> OptionalString(std::string_view key) {
    const Json* value = Get(key, /*required=*/false);
    if (value == nullptr || value->is_null()) return std::nullopt;
    return ReadString(*value, JoinKey(path_, key));
  }

  std::int64_t Integer(std::string_view key, const IntegerSpec& spec) {
    const Json* value = Get(key, /*required=*/true);
    if (value == nullptr) return spec.min;
    return ReadInteger(*value, key, spec).value_or(spec.min);
  }

  std::optional<std::int64_t> OptionalInteger(std::string_view key,
                                              const IntegerSpec& spec) {
    const Json* value = Get(key, /*required=*/false);
    if (value == nullptr || value->is_null()) return std::nullopt;
    return ReadInteger(*value, key, spec);
  }

  bool Boolean(std::string_view key) {
    const Json* value = Get(key, /*required=*/true);
    if (value == nullptr) return false;
    if (!value->is_boolean()) {
      FailKey(key, "expected true or false, got " + Describe(*value));
      return false;
    }
    return value->get<bool>();
  }

  std::chrono::year_month_day Date(std::string_view key) {
    const Json* value = Get(key, /*required=*/true);
    if (value == nullptr) return {};
    return ReadDate(*value, key).value_or(std::chrono::year_month_day{});
  }

  std::optional<std::chrono::year_month_day> OptionalDate(std::string_view key) {
    const Json* value = Get(key, /*required=*/false);
    if (value == nullptr || value->is_null()) return std::nullopt;
    return ReadDate(*value, key);
  }

  template <typename E, std::size_t N>
  E Enum(std::string_view key, const std::array<E, N>& all) {
    const Json* value = Get(key, /*required=*/true);
    if (value == nullptr) return all.front();
    return ReadEnum(*value, key, all).value_or(all.front());
  }

  template <typename E, std::size_t N>
  std::optional<E> OptionalEnum(std::string_view key, const std::array<E, N>& all) {
    const Json* value = Get(key, /*required=*/false);
    if (value == nullptr || value->is_null()) return std::nullopt;
    return ReadEnum(*value, key, all);
  }

  template <typename T>
  T Object(std::string_view key, ReadFn<T> read) {
    const Json* value = Get(key, /*required=*/true);
    if (value == nullptr) return T{};
    return Take(read(*value, JoinKey(path_, key))).value_or(T{});
  }

  template <typename T>
  std::optional<T> OptionalObject(std::string_view key, ReadFn<T> read) {
    const Json* value = Get(key, /*required=*/false);
    if (value == nullptr || value->is_null()) return std::nullopt;
    if (!value->is_object()) {
      FailKey(key, "expected an object, got " + Describe(*value));
      return std::nullopt;
    }
    return Take(read(*value, JoinKey(path_, key)));
  }

  template <typename T>
  std::vector<T> Array(std::string_view key, ReadFn<T> read) {
    const Json* value = Get(key, /*required=*/true);
    if (value == nullptr) return {};
    if (!value->is_array()) {
      FailKey(key, "expected an array, got " + Describe(*value));
      return {};
    }
    std::vector<T> out;
    out.reserve(value->size());
    const std::string path = JoinKey(path_, key);
    for (std::size_t i = 0; i < value->size(); ++i) {
      std::optional<T> item = Take(read((*value)[i], JoinIndex(path, i)));
      if (!item.has_value()) return {};
      out.push_back(std::move(*item));
    }
    return out;
  }

  // The keys not named at construction, in input order.
  ExtraKeys Extra() {
    if (!ok()) return {};
    Json extra = Json::object();
    for (const auto& item : object_->items()) {
      if (std::find(known_.begin(), known_.end(), item.key()) == known_.end()) {
        extra[item.key()] = item.value();
      }
    }
    if (extra.empty()) return {};
    Result<ExtraKeys> keys =
        ExtraKeys::FromJson(extra.dump(-1, ' ', false, Json::error_handler_t::replace));
    return Take(std::move(keys)).value_or(ExtraKeys{});
  }

 private:
  void Fail(const std::string& at, std::string_view message) {
    if (status_.ok()) status_ = Status::Invalid(AtPath(at, message));
  }

  template <typename T>
  std::optional<T> Take(Result<T> result) {
    if (!result.ok()) {
      if (status_.ok()) status_ = result.status();
      return std::nullopt;
    }
    return std::move(result).value();
  }

  // The value at `key`; nullptr when an error is recorded or the key is absent
  // (an error when `required`).
  const Json* Get(std::string_view key, bool required) {
    if (!ok() || object_ == nullptr) return nullptr;
    const auto it = object_->find(std::string(key));
    if (it == object_->end()) {
      if (required) FailKey(key, "missing required key");
      return nullptr;
    }
    return &*it;
  }

  // Validated, NFC string; nullopt after recording an error.
  std::optional<std::string> ReadString(const Json& value, const std::string& at) {
    if (!value.is_string()) {
      Fail(at, "expected a string, got " + Describe(value));
      return std::nullopt;
    }
    const std::string& raw = value.get_ref<const std::string&>();
    if (raw.find('\0') != std::string::npos) {
      Fail(at, "must not contain the NUL character \\u0000");
      return std::nullopt;
    }
    return Take(text::CleanText(raw, at));
  }

  std::optional<std::int64_t> ReadInteger(const Json& value, std::string_view key,
                                          const IntegerSpec& spec) {
    std::int64_t number = 0;
    if (value.is_number_unsigned()) {
      const auto unsigned_number = value.get<std::uint64_t>();
      if (unsigned_number > static_cast<std::uint64_t>(spec.max)) {
        FailKey(key,
                "must be at most " + std::to_string(spec.max) + ", got " + value.dump());
        return std::nullopt;
      }
      number = static_cast<std::int64_t>(unsigned_number);
    } else if (value.is_number_integer()) {
      number = value.get<std::int64_t>();
    } else {
      FailKey(key, std::string("expected ") + spec.expected + ", got " + Describe(value));
      return std::nullopt;
    }
    if (number < spec.min) {
      FailKey(key, (spec.min == 0 ? std::string("must not be negative")
                                  : "must be at least " + std::to_string(spec.min)) +
                       ", got " + std::to_string(number));
      return std::nullopt;
    }
    if (number > spec.max) {
      FailKey(key, "must be at most " + std::to_string(spec.max) + ", got " +
                       std::to_string(number));
      return std::nullopt;
    }
    return number;
  }

  std::optional<std::chrono::year_month_day> ReadDate(const Json& value,
                                                      std::string_view key) {
    if (!value.is_string()) {
      FailKey(key, "expected a date YYYY-MM-DD, got " + Describe(value));
      return std::nullopt;
    }
    std::optional<std::string> text = ReadString(value, JoinKey(path_, key));
    if (!text.has_value()) return std::nullopt;
    Result<std::chrono::year_month_day> date = text::ParseIsoDate(*text);
    if (!date.ok()) {
      FailKey(key, date.status().message());
      return std::nullopt;
    }
    return *date;
  }

  template <typename E, std::size_t N>
  std::optional<E> ReadEnum(const Json& value, std::string_view key,
                            const std::array<E, N>& all) {
    if (!value.is_string()) {
      FailKey(key, "expected one of " + AcceptedNames(all) + "; got " + Describe(value));
      return std::nullopt;
    }
    std::optional<std::string> text = ReadString(value, JoinKey(path_, key));
    if (!text.has_value()) return std::nullopt;
    Result<E> parsed = ParseByName(all, *text);
    if (!parsed.ok()) {
      FailKey(key, parsed.status().message());
      return std::nullopt;
    }
    return *parsed;
  }

  const Json* object_ = nullptr;
  std::string path_;
  std::vector<std::string_view> known_;
  Status status_;
};

Result<SourceSpan> ReadSourceSpan(const Json& value, const std::string& path) {
  ObjectReader r(value, path, {"page", "start", "end"});
  SourceSpan span;
  span.page = static_cast<std::int32_t>(r.Integer("page", kPageSpec));
  span.start = r.Integer("start", kOffsetSpec);
  span.end = r.Integer("end", kOffsetSpec);
  if (r.ok() && span.end < span.start) {
    r.FailKey("end", "must not be less than start (" + std::to_string(span.start) +
                         "), got " + std::to_string(span.end));
  }
  span.extra = r.Extra();
  if (!r.ok()) return r.status();
  return span;
}

Result<CourtDocument> ReadCourtDocument(const Json& value, const std::string& path) {
  ObjectReader r(value, path,
                 {"court", "number", "date", "kind", "level", "case_type", "subject"});
  CourtDocument document;
  document.court = r.OptionalString("court");
  document.number = r.OptionalString("number");
  document.date = r.OptionalDate("date");
  document.kind = r.OptionalEnum("kind", kAllDocumentKinds);
  document.level = r.OptionalEnum("level", kAllCourtLevels);
  document.case_type = r.OptionalEnum("case_type", kAllCaseTypes);
  document.subject = r.OptionalString("subject");
  document.extra = r.Extra();
  if (!r.ok()) return r.status();
  return document;
}

Result<Party> ReadParty(const Json& value, const std::string& path) {
  ObjectReader r(
      value, path,
      {"role", "name", "kind", "birth_year", "id_number", "address", "represents"});
  Party party;
  party.role = r.Enum("role", kAllPartyRoles);
  party.name = r.String("name", /*allow_empty=*/false);
  party.kind = r.Enum("kind", kAllPartyKinds);
  if (auto year = r.OptionalInteger("birth_year", kBirthYearSpec)) {
    party.birth_year = static_cast<std::int32_t>(*year);
  }
  party.id_number = r.OptionalString("id_number");
  party.address = r.OptionalString("address");
  party.represents = r.OptionalString("represents");
  party.extra = r.Extra();
  if (!r.ok()) return r.status();
  return party;
}

Result<Obligation> ReadObligation(const Json& value, const std::string& path) {
  ObjectReader r(value, path,
                 {"debtor", "creditor", "kind", "amount_vnd", "amount_words", "period",
                  "initiative", "late_interest", "source"});
  Obligation obligation;
  obligation.debtor = r.OptionalString("debtor");
  obligation.creditor = r.OptionalString("creditor");
  obligation.kind = r.Enum("kind", kAllObligationKinds);
  obligation.amount_vnd = r.OptionalInteger("amount_vnd", kAmountSpec);
  obligation.amount_words = r.OptionalString("amount_words");
  obligation.period = r.Enum("period", kAllPaymentPeriods);
  obligation.initiative = r.Enum("initiative", kAllInitiatives);
  obligation.late_interest = r.Boolean("late_interest");
  obligation.source = r.OptionalObject("source", ReadSourceSpan);
  obligation.extra = r.Extra();
  if (!r.ok()) return r.status();
  return obligation;
}

Result<Warning> ReadWarning(const Json& value, const std::string& path) {
  ObjectReader r(value, path, {"code", "message", "source"});
  Warning warning;
  warning.code = r.String("code", /*allow_empty=*/false);
  warning.message = r.String("message");
  warning.source = r.OptionalObject("source", ReadSourceSpan);
  warning.extra = r.Extra();
  if (!r.ok()) return r.status();
  return warning;
}

Result<ExtractionResult> ReadExtraction(const Json& value, const std::string& path) {
  ObjectReader r(value, path, {"document", "parties", "obligations", "warnings"});
  ExtractionResult result;
  result.document = r.Object("document", ReadCourtDocument);
  result.parties = r.Array("parties", ReadParty);
  result.obligations = r.Array("obligations", ReadObligation);
  result.warnings = r.Array("warnings", ReadWarning);
  result.extra = r.Extra();
  if (!r.ok()) return r.status();
  return result;
}

Result<Case> ReadCase(const Json& value, const std::string& path) {
  ObjectReader r(value, path, {"id", "office", "received_date", "status", "judgment"});
  Case case_file;
  case_file.id = r.String("id", /*allow_empty=*/false);
  case_file.office = r.String("office", /*allow_empty=*/false);
  case_file.received_date = r.Date("received_date");
  case_file.status = r.Enum("status", kAllCaseStatuses);
  case_file.judgment = r.Object("judgment", ReadExtraction);
  case_file.extra = r.Extra();
  if (!r.ok()) return r.status();
  return case_file;
}

Result<GeneratedDocument> ReadGeneratedDocument(const Json& value,
                                                const std::string& path) {
  ObjectReader r(
      value, path,
      {"template_id", "case_id", "kind", "number", "symbol", "agency", "issue_date",
       "subject", "signer", "page_count", "status", "agency_code", "file_catalogue",
       "file_notation", "ordinal", "priority", "due_date"});
  GeneratedDocument document;
  const auto optional_int32 = [&r](std::string_view key, const IntegerSpec& spec) {
    std::optional<std::int32_t> out;
    if (auto number = r.OptionalInteger(key, spec))
      out = static_cast<std::int32_t>(*number);
    return out;
  };
  document.template_id = r.String("template_id", /*allow_empty=*/false);
  document.case_id = r.OptionalString("case_id");
  document.kind = r.String("kind", /*allow_empty=*/false);
  document.number = optional_int32("number", kDocumentNumberSpec);
  document.symbol = r.OptionalString("symbol");
  document.agency = r.String("agency", /*allow_empty=*/false);
  document.issue_date = r.OptionalDate("issue_date");
  document.subject = r.String("subject");
  document.signer = r.OptionalString("signer");
  document.page_count = optional_int32("page_count", kPageCountSpec);
  document.status = r.Enum("status", kAllDocumentStatuses);
  document.agency_code = r.OptionalString("agency_code");
  document.file_catalogue = r.OptionalString("file_catalogue");
  document.file_notation = r.OptionalString("file_notation");
  document.ordinal = optional_int32("ordinal", kOrdinalSpec);
  document.priority = r.Enum("priority", kAllUrgencies);
  document.due_date = r.OptionalDate("due_date");
  document.extra = r.Extra();
  if (!r.ok()) return r.status();
  return document;
}

template <typename T>
Result<T> ParseWith(std::string_view json_text, std::string_view what,
                    Result<T> (*read)(const Json&, const std::string&)) {
  Result<Json> root = ParseBounded(json_text, what);
  if (!root.ok()) return root.status();
  Result<T> value = read(*root, "");
  if (!value.ok()) return value.status().WithContext(std::string(what));
  return value;
}

// ---- Writing -------------------------------------------------------------

// A string as the contract wants it: valid UTF-8 in NFC.
Json Str(const std::string& s) {
  if (text::FindInvalidUtf8(s) == std::string::npos && text::IsNfc(s)) return s;
  return text::ToNfc(text::RepairUtf8(s));
}

Json OptionalStr(const std::optional<std::string>& s) {
  return s.has_value() ? Str(*s) : Json(nullptr);
}

template <typename N>
Json OptionalNumber(const std::optional<N>& n) {
  return n.has_value() ? Json(static_cast<std::int64_t>(*n)) : Json(nullptr);
}

Json DateJson(std::chrono::year_month_day date) {
  const int year = static_cast<int>(date.year());
  if (!date.ok() || year < 1 || year > 9999) return Json(nullptr);
  return Json(text::FormatIsoDate(date));
}

Json OptionalDate(const std::optional<std::chrono::year_month_day>& date) {
  return date.has_value() ? DateJson(*date) : Json(nullptr);
}

template <typename E>
Json OptionalEnumJson(const std::optional<E>& value) {
  return value.has_value() ? Json(std::string(ToString(*value))) : Json(nullptr);
}

template <typename E>
Json EnumJson(E value) {
  return std::string(ToString(value));
}

// Appends the unknown keys after the known ones; a known key always wins.
void AppendExtra(const ExtraKeys& extra, Json& out) {
  if (extra.empty()) return;
  Json keys = Json::parse(extra.json(), nullptr, /*allow_exceptions=*/false);
  if (!keys.is_object()) return;
  for (auto& item : keys.items()) {
    if (!out.contains(item.key())) out[item.key()] = std::move(item.value());
  }
}

Json SpanJson(const SourceSpan& span) {
  Json out = Json::object();
  out["page"] = span.page;
  out["start"] = span.start;
  out["end"] = span.end;
  AppendExtra(span.extra, out);
  return out;
}

Json OptionalSpan(const std::optional<SourceSpan>& span) {
  return span.has_value() ? SpanJson(*span) : Json(nullptr);
}

Json ExtractionJson(const ExtractionResult& result) {
  Json document = Json::object();
  const CourtDocument& d = result.document;
  document["court"] = OptionalStr(d.court);
  document["number"] = OptionalStr(d.number);
  document["date"] = OptionalDate(d.date);
  document["kind"] = OptionalEnumJson(d.kind);
  document["level"] = OptionalEnumJson(d.level);
  document["case_type"] = OptionalEnumJson(d.case_type);
  document["subject"] = OptionalStr(d.subject);
  AppendExtra(d.extra, document);

  Json parties = Json::array();
  for (const Party& p : result.parties) {
    Json party = Json::object();
    party["role"] = EnumJson(p.role);
    party["name"] = Str(p.name);
    party["kind"] = EnumJson(p.kind);
    party["birth_year"] = OptionalNumber(p.birth_year);
    party["id_number"] = OptionalStr(p.id_number);
    party["address"] = OptionalStr(p.address);
    party["represents"] = OptionalStr(p.represents);
    AppendExtra(p.extra, party);
    parties.push_back(std::move(party));
  }

  Json obligations = Json::array();
  for (const Obligation& o : result.obligations) {
    Json obligation = Json::object();
    obligation["debtor"] = OptionalStr(o.debtor);
    obligation["creditor"] = OptionalStr(o.creditor);
    obligation["kind"] = EnumJson(o.kind);
    obligation["amount_vnd"] = OptionalNumber(o.amount_vnd);
    obligation["amount_words"] = OptionalStr(o.amount_words);
    obligation["period"] = EnumJson(o.period);
    obligation["initiative"] = EnumJson(o.initiative);
    obligation["late_interest"] = o.late_interest;
    obligation["source"] = OptionalSpan(o.source);
    AppendExtra(o.extra, obligation);
    obligations.push_back(std::move(obligation));
  }

  Json warnings = Json::array();
  for (const Warning& w : result.warnings) {
    Json warning = Json::object();
    warning["code"] = Str(w.code);
    warning["message"] = Str(w.message);
    warning["source"] = OptionalSpan(w.source);
    AppendExtra(w.extra, warning);
    warnings.push_back(std::move(warning));
  }

  Json out = Json::object();
  out["document"] = std::move(document);
  out["parties"] = std::move(parties);
  out["obligations"] = std::move(obligations);
  out["warnings"] = std::move(warnings);
  AppendExtra(result.extra, out);
  return out;
}

std::string Pretty(const Json& value) {
  return value.dump(2, ' ', /*ensure_ascii=*/false, Json::error_handler_t::replace) +
         "\n";
}

}  // namespace

Result<ExtraKeys> ExtraKeys::FromJson(std::string_view json_object_text) {
  Result<Json> root = ParseBounded(json_object_text, "extra keys");
  if (!root.ok()) return root.status();
  if (!root->is_object()) {
    return Status::Invalid("extra keys: expected a JSON object, got " + Describe(*root));
  }
  ExtraKeys keys;
  if (!root->empty())
    keys.json_ = root->dump(-1, ' ', false, Json::error_handler_t::replace);
  return keys;
}

Result<ExtractionResult> ParseExtractionJson(std::string_view json_text,
                                             std::string_view what) {
  return ParseWith(json_text, what, ReadExtraction);
}

Result<Case> ParseCaseJson(std::string_view json_text, std::string_view what) {
  return ParseWith(json_text, what, ReadCase);
}

Result<GeneratedDocument> ParseGeneratedDocumentJson(std::string_view json_text,
                                                     std::string_view what) {
  return ParseWith(json_text, what, ReadGeneratedDocument);
}

std::string ToJson(const ExtractionResult& result) {
  return Pretty(ExtractionJson(result));
}

std::string ToJson(const Case& case_file) {
  Json out = Json::object();
  out["id"] = Str(case_file.id);
  out["office"] = Str(case_file.office);
  out["received_date"] = DateJson(case_file.received_date);
  out["status"] = EnumJson(case_file.status);
  out["judgment"] = ExtractionJson(case_file.judgment);
  AppendExtra(case_file.extra, out);
  return Pretty(out);
}

std::string ToJson(const GeneratedDocument& document) {
  const GeneratedDocument& d = document;
  Json out = Json::object();
  out["template_id"] = Str(d.template_id);
  out["case_id"] = OptionalStr(d.case_id);
  out["kind"] = Str(d.kind);
  out["number"] = OptionalNumber(d.number);
  out["symbol"] = OptionalStr(d.symbol);
  out["agency"] = Str(d.agency);
  out["issue_date"] = OptionalDate(d.issue_date);
  out["subject"] = Str(d.subject);
  out["signer"] = OptionalStr(d.signer);
  out["page_count"] = OptionalNumber(d.page_count);
  out["status"] = EnumJson(d.status);
  out["agency_code"] = OptionalStr(d.agency_code);
  out["file_catalogue"] = OptionalStr(d.file_catalogue);
  out["file_notation"] = OptionalStr(d.file_notation);
  out["ordinal"] = OptionalNumber(d.ordinal);
  out["priority"] = EnumJson(d.priority);
  out["due_date"] = OptionalDate(d.due_date);
  AppendExtra(d.extra, out);
  return Pretty(out);
}

}  // namespace thads::model
