#include "render/template.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

namespace thads::render {
namespace {

const std::string kSource = THADS_SOURCE_DIR;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string ParagraphText(const Paragraph& p) {
  std::string s;
  for (const Run& r : p.runs) s += r.text;
  return s;
}

void Dump(const std::vector<Block>& blocks, const std::string& indent, std::string& out) {
  for (const Block& b : blocks) {
    if (const auto* p = std::get_if<Paragraph>(&b)) {
      out += indent + "P: " + ParagraphText(*p) + "\n";
    } else if (std::holds_alternative<Rule>(b)) {
      out += indent + "RULE\n";
    } else if (std::holds_alternative<PageBreak>(b)) {
      out += indent + "PAGEBREAK\n";
    } else if (std::holds_alternative<Spacer>(b)) {
      out += indent + "SPACER\n";
    } else if (const auto* t = std::get_if<std::shared_ptr<Table>>(&b)) {
      out += indent + "TABLE\n";
      for (const auto& row : (*t)->rows) {
        out += indent + " ROW\n";
        for (const Cell& c : row) {
          out += indent + "  CELL\n";
          Dump(c.blocks, indent + "   ", out);
        }
      }
    }
  }
}

TEST(TemplateDebug, Dump) {
  const char* name = std::getenv("THADS_DUMP");
  if (name == nullptr) GTEST_SKIP();
  auto office = LoadOfficeProfile(kSource + "/templates/office.xml");
  ASSERT_TRUE(office.ok()) << office.status().message();
  auto t = LoadTemplate(kSource + "/templates/" + name + ".xml");
  ASSERT_TRUE(t.ok()) << t.status().message();
  auto doc = Expand(*t, ReadFile(kSource + "/samples/documents/" + name + ".json"), *office);
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  std::string out;
  Dump(doc->blocks, "", out);
  std::cout << out;
  for (const auto& p : CheckTemplate(*t, *office)) std::cout << "CHECK: " << p << "\n";
}

}  // namespace
}  // namespace thads::render
