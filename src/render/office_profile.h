// The office profile (hồ sơ cơ quan): who the office is, who signs, which laws
// it cites. An office edits templates/office.xml; templates read it as
// "office.*" fields. See docs/templates.md for the file format.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"

namespace thads::render {

struct Signer {           // người ký
  std::string id;         // how templates name the signer: "head", "deputy"
  std::string authority;  // "KT. Trưởng phòng" when signing for the head; may be empty
  std::string position;   // "Phó Trưởng phòng"
  std::string name;       // "Trần Văn Bình"
};

// All strings are NFC UTF-8 with whitespace collapsed, as the office typed
// them (the header upper-cases what it needs).
struct OfficeProfile {
  std::string path;  // the file it came from, for messages
  std::string superior;  // cơ quan cấp trên: "Thi hành án dân sự tỉnh Đồng Tháp"
  std::string agency;  // "Phòng Thi hành án dân sự khu vực 3"
  std::string issuer;  // who decides: "Trưởng phòng Thi hành án dân sự khu vực 3"
  std::string symbol;     // agency part of document symbols: "THADS" (QĐ-THADS)
  std::string place;      // place in the date line: "Đồng Tháp"
  std::string address;    // may be empty
  std::string phone;      // may be empty
  std::string procuracy;  // Viện kiểm sát that receives copies; may be empty
  std::vector<Signer> signers;
  std::map<std::string, std::string> citations;  // key -> legal citation text
  std::map<std::string, std::string> fees;       // key -> fee rate or reference

  const Signer* FindSigner(const std::string& id) const;

  // Every "office.*" key with its value: "office.agency", "office.signer.head.name",
  // "office.citation.luat-thads", "office.fee.muc-phi", ...
  std::map<std::string, std::string> Keys() const;

  // The value of one "office.*" key, or nullopt when the profile has none.
  std::optional<std::string> Lookup(const std::string& key) const;
};

// Whether `key` ("office.agency", "office.citation.x") has the shape of an
// office key, whatever a given profile holds. Lists the valid shapes otherwise.
Status CheckOfficeKeyShape(const std::string& key);

// Reads and validates an office profile with the same safe XML parsing as
// templates. Errors name the file and line.
Result<OfficeProfile> LoadOfficeProfile(const std::string& path);

// TemplatesDir()/office.xml.
std::string DefaultOfficeProfilePath();

}  // namespace thads::render
