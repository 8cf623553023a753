// Keys a reader found in a JSON object but does not know. The extraction schema
// lets producers "add keys freely, never rename or drop one", so every object we
// read keeps its unknown keys and writes them back after the known ones.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"

namespace thads::model {

class ExtraKeys {
 public:
  ExtraKeys() = default;

  // From a JSON object text such as {"ocr_confidence": 0.93}. Invalid unless the
  // text is well-formed UTF-8 JSON whose top level is an object (same limits as
  // the readers in json_io.h). "{}" gives an empty ExtraKeys. Defined in json_io.cc.
  static Result<ExtraKeys> FromJson(std::string_view json_object_text);

  bool empty() const { return json_.empty(); }
  // Compact JSON object text, keys in the order they were read; "{}" when empty.
  std::string json() const { return empty() ? "{}" : json_; }

  friend bool operator==(const ExtraKeys&, const ExtraKeys&) = default;

 private:
  std::string json_;  // "" or a compact JSON object with at least one key
};

}  // namespace thads::model
