#include "render/office_profile.h"

#include <array>
#include <set>
#include <string_view>

#include "base/paths.h"
#include "render/xml_reader.h"

namespace thads::render {
namespace {

constexpr std::array<std::string_view, 8> kPlainKeys = {
    "superior", "agency", "issuer", "symbol", "place", "address", "phone", "procuracy"};
constexpr std::array<std::string_view, 3> kSignerParts = {"authority", "position",
                                                          "name"};

// Ids and keys: lower-case ASCII letters, digits and '-', so that they read
// well inside dotted field paths.
bool IsKeyToken(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
      return false;
    }
  }
  return true;
}

// The member behind a plain key, const or not as the profile is; nullptr if none.
template <typename Profile>
auto PlainField(Profile& p, std::string_view name) -> decltype(&p.superior) {
  if (name == "superior") return &p.superior;
  if (name == "agency") return &p.agency;
  if (name == "issuer") return &p.issuer;
  if (name == "symbol") return &p.symbol;
  if (name == "place") return &p.place;
  if (name == "address") return &p.address;
  if (name == "phone") return &p.phone;
  if (name == "procuracy") return &p.procuracy;
  return nullptr;
}

std::string Where(const std::string& path, const XmlNode& node) {
  return path + ":" + std::to_string(node.line);
}

// Text content of a leaf element; <br/> marks where the ND 30 header breaks
// the line ("\n"); other nested elements are an error.
Result<std::string> LeafText(const std::string& path, const XmlNode& node) {
  std::string text;
  std::string line;
  for (const XmlNode& child : node.children) {
    if (child.kind == XmlNode::Kind::kElement && child.name == "br" &&
        child.children.empty()) {
      text += CollapseWhitespace(line) + "\n";
      line.clear();
    } else if (child.kind == XmlNode::Kind::kElement) {
      return Status::Invalid(Where(path, child) + ": <" + node.name +
                             "> holds text (and <br/>) only, not <" + child.name + ">");
    } else {
      line += child.text;
    }
  }
  return text + CollapseWhitespace(line);
}

// Line breaks belong to the header only; in running text they are spaces.
std::string OneLine(std::string s) {
  for (char& c : s) {
    if (c == '\n') c = ' ';
  }
  return s;
}

Status CheckAttributes(const std::string& path, const XmlNode& node,
                       std::initializer_list<std::string_view> allowed) {
  for (const auto& [key, value] : node.attributes) {
    bool known = false;
    for (std::string_view a : allowed) known = known || key == a;
    if (!known) {
      return Status::Invalid(Where(path, node) + ": unknown attribute '" + key +
                             "' on <" + node.name + ">");
    }
  }
  return Status::Ok();
}

Status ReadSigners(const std::string& path, const XmlNode& list, OfficeProfile& profile) {
  THADS_RETURN_IF_ERROR(CheckAttributes(path, list, {}));
  for (const XmlNode& node : list.children) {
    if (node.kind == XmlNode::Kind::kText) {
      if (!CollapseWhitespace(node.text).empty()) {
        return Status::Invalid(Where(path, node) + ": text outside <signer>");
      }
      continue;
    }
    if (node.name != "signer") {
      return Status::Invalid(Where(path, node) + ": unknown element <" + node.name +
                             "> in <signers> (expected <signer>)");
    }
    THADS_RETURN_IF_ERROR(
        CheckAttributes(path, node, {"id", "authority", "position", "name"}));
    Signer signer;
    const std::string* id = node.Attribute("id");
    const std::string* position = node.Attribute("position");
    const std::string* name = node.Attribute("name");
    if (id == nullptr || !IsKeyToken(*id)) {
      return Status::Invalid(Where(path, node) +
                             ": <signer> needs id=\"...\" of a-z, 0-9 and '-'");
    }
    if (position == nullptr || CollapseWhitespace(*position).empty() || name == nullptr ||
        CollapseWhitespace(*name).empty()) {
      return Status::Invalid(Where(path, node) + ": signer '" + *id +
                             "' needs position=\"...\" and name=\"...\"");
    }
    if (profile.FindSigner(*id) != nullptr) {
      return Status::Invalid(Where(path, node) + ": signer '" + *id +
                             "' is listed twice");
    }
    signer.id = *id;
    signer.position = CollapseWhitespace(*position);
    signer.name = CollapseWhitespace(*name);
    if (const std::string* authority = node.Attribute("authority")) {
      signer.authority = CollapseWhitespace(*authority);
    }
    profile.signers.push_back(std::move(signer));
  }
  return Status::Ok();
}

Status ReadKeyed(const std::string& path, const XmlNode& list, std::string_view item_name,
                 std::map<std::string, std::string>& out) {
  THADS_RETURN_IF_ERROR(CheckAttributes(path, list, {}));
  for (const XmlNode& node : list.children) {
    if (node.kind == XmlNode::Kind::kText) {
      if (!CollapseWhitespace(node.text).empty()) {
        return Status::Invalid(Where(path, node) + ": text outside <" +
                               std::string(item_name) + ">");
      }
      continue;
    }
    if (node.name != item_name) {
      return Status::Invalid(Where(path, node) + ": unknown element <" + node.name +
                             "> in <" + list.name + "> (expected <" +
                             std::string(item_name) + ">)");
    }
    THADS_RETURN_IF_ERROR(CheckAttributes(path, node, {"key"}));
    const std::string* key = node.Attribute("key");
    if (key == nullptr || !IsKeyToken(*key)) {
      return Status::Invalid(Where(path, node) + ": <" + node.name +
                             "> needs key=\"...\" of a-z, 0-9 and '-'");
    }
    Result<std::string> text = LeafText(path, node);
    if (!text.ok()) return text.status();
    if (text->empty()) {
      return Status::Invalid(Where(path, node) + ": " + std::string(item_name) + " '" +
                             *key + "' is empty");
    }
    if (!out.emplace(*key, std::move(*text)).second) {
      return Status::Invalid(Where(path, node) + ": " + std::string(item_name) + " '" +
                             *key + "' is listed twice");
    }
  }
  return Status::Ok();
}

}  // namespace

const Signer* OfficeProfile::FindSigner(const std::string& id) const {
  for (const Signer& s : signers) {
    if (s.id == id) return &s;
  }
  return nullptr;
}

std::map<std::string, std::string> OfficeProfile::Keys() const {
  std::map<std::string, std::string> keys;
  for (std::string_view name : kPlainKeys) {
    keys["office." + std::string(name)] = OneLine(*PlainField(*this, name));
  }
  for (const Signer& s : signers) {
    keys["office.signer." + s.id + ".authority"] = s.authority;
    keys["office.signer." + s.id + ".position"] = s.position;
    keys["office.signer." + s.id + ".name"] = s.name;
  }
  for (const auto& [key, value] : citations) keys["office.citation." + key] = value;
  for (const auto& [key, value] : fees) keys["office.fee." + key] = value;
  return keys;
}

std::optional<std::string> OfficeProfile::Lookup(const std::string& key) const {
  const auto keys = Keys();
  const auto it = keys.find(key);
  if (it == keys.end()) return std::nullopt;
  return it->second;
}

Status CheckOfficeKeyShape(const std::string& key) {
  static const std::string kShapes =
      "office keys: office.superior, office.agency, office.issuer, office.symbol, "
      "office.place, office.address, office.phone, office.procuracy, "
      "office.signer.ID.authority|position|name, office.citation.KEY, office.fee.KEY";
  std::vector<std::string> parts;
  std::string_view rest = key;
  while (true) {
    const std::size_t dot = rest.find('.');
    parts.emplace_back(rest.substr(0, dot));
    if (dot == std::string_view::npos) break;
    rest.remove_prefix(dot + 1);
  }
  bool ok = false;
  if (parts.size() == 2 && parts[0] == "office") {
    for (std::string_view k : kPlainKeys) ok = ok || parts[1] == k;
  } else if (parts.size() == 3 && parts[0] == "office" &&
             (parts[1] == "citation" || parts[1] == "fee")) {
    ok = IsKeyToken(parts[2]);
  } else if (parts.size() == 4 && parts[0] == "office" && parts[1] == "signer") {
    for (std::string_view k : kSignerParts) ok = ok || parts[3] == k;
    ok = ok && IsKeyToken(parts[2]);
  }
  if (ok) return Status::Ok();
  return Status::Invalid("unknown office key '" + key + "' (" + kShapes + ")");
}

Result<OfficeProfile> LoadOfficeProfile(const std::string& path) {
  Result<XmlNode> root = ReadXmlFile(path);
  if (!root.ok()) return root.status();
  if (root->name != "office") {
    return Status::Invalid(Where(path, *root) +
                           ": the root element must be <office>, not <" + root->name +
                           ">");
  }
  THADS_RETURN_IF_ERROR(CheckAttributes(path, *root, {}));
  OfficeProfile profile;
  profile.path = path;
  std::set<std::string> seen;
  for (const XmlNode& node : root->children) {
    if (node.kind == XmlNode::Kind::kText) {
      if (!CollapseWhitespace(node.text).empty()) {
        return Status::Invalid(Where(path, node) + ": text directly inside <office>");
      }
      continue;
    }
    if (!seen.insert(node.name).second) {
      return Status::Invalid(Where(path, node) + ": <" + node.name + "> appears twice");
    }
    if (std::string* field = PlainField(profile, node.name)) {
      THADS_RETURN_IF_ERROR(CheckAttributes(path, node, {}));
      Result<std::string> text = LeafText(path, node);
      if (!text.ok()) return text.status();
      *field = std::move(*text);
    } else if (node.name == "signers") {
      THADS_RETURN_IF_ERROR(ReadSigners(path, node, profile));
    } else if (node.name == "citations") {
      THADS_RETURN_IF_ERROR(ReadKeyed(path, node, "citation", profile.citations));
    } else if (node.name == "fees") {
      THADS_RETURN_IF_ERROR(ReadKeyed(path, node, "fee", profile.fees));
    } else {
      return Status::Invalid(
          Where(path, node) + ": unknown element <" + node.name +
          "> in <office> (expected superior, agency, issuer, symbol, "
          "place, address, phone, procuracy, signers, citations, fees)");
    }
  }
  for (std::string_view required : {"superior", "agency", "issuer", "symbol", "place"}) {
    if (PlainField(profile, required)->empty()) {
      return Status::Invalid(Where(path, *root) + ": <" + std::string(required) +
                             "> is missing or empty");
    }
  }
  if (profile.signers.empty()) {
    return Status::Invalid(Where(path, *root) + ": <signers> lists no <signer>");
  }
  return profile;
}

std::string DefaultOfficeProfilePath() { return TemplatesDir() + "/office.xml"; }

}  // namespace thads::render
