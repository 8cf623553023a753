#include "model/json_io.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>

#include "text/normalize.h"

namespace thads::model {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using namespace std::chrono;

std::string ReadTestData(const std::string& name) {
  const std::string path = std::string(THADS_SOURCE_DIR) + "/tests/data/" + name;
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << path;
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// `text` with the first `from` replaced by `to`; fails the test when absent.
std::string ReplaceOnce(std::string text, std::string_view from, std::string_view to) {
  const std::size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << "fixture lacks: " << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

// ---- The schema's example ------------------------------------------------

TEST(ExtractionJson, SchemaExampleRoundTripsByteForByte) {
  const std::string text = ReadTestData("extraction_example.json");
  Result<ExtractionResult> parsed = ParseExtractionJson(text, "extraction_example.json");
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  EXPECT_EQ(ToJson(*parsed), text);
}

TEST(ExtractionJson, SchemaExampleFieldsAreRead) {
  Result<ExtractionResult> r =
      ParseExtractionJson(ReadTestData("extraction_example.json"), "example");
  ASSERT_TRUE(r.ok()) << r.status().message();
  const CourtDocument& d = r->document;
  EXPECT_EQ(d.court, "Tòa án nhân dân huyện Đầm Dơi, tỉnh Cà Mau");
  EXPECT_EQ(d.number, "70/2017/DS-ST");
  EXPECT_EQ(d.date, year_month_day{2017y / September / 12});
  EXPECT_EQ(d.kind, DocumentKind::kJudgment);
  EXPECT_EQ(d.level, CourtLevel::kFirstInstance);
  EXPECT_EQ(d.case_type, CaseType::kCivil);
  EXPECT_EQ(d.subject, "tranh chấp hợp đồng vay tài sản");
  ASSERT_EQ(r->parties.size(), 1u);
  const Party& p = r->parties[0];
  EXPECT_EQ(p.role, PartyRole::kPlaintiff);
  EXPECT_EQ(p.name, "Nguyễn Việt Tâm");
  EXPECT_EQ(p.kind, PartyKind::kPerson);
  EXPECT_EQ(p.birth_year, 1968);
  EXPECT_EQ(p.id_number, std::nullopt);
  EXPECT_EQ(p.represents, std::nullopt);
  ASSERT_EQ(r->obligations.size(), 1u);
  const Obligation& o = r->obligations[0];
  EXPECT_EQ(o.debtor, "Lương Văn Minh");
  EXPECT_EQ(o.creditor, "Nguyễn Việt Tâm");
  EXPECT_EQ(o.kind, ObligationKind::kPayDebt);
  EXPECT_EQ(o.amount_vnd, 150000000);
  EXPECT_EQ(o.amount_words, "Một trăm năm mươi triệu đồng");
  EXPECT_EQ(o.period, PaymentPeriod::kOnce);
  EXPECT_EQ(o.initiative, Initiative::kOnRequest);
  EXPECT_TRUE(o.late_interest);
  ASSERT_TRUE(o.source.has_value());
  EXPECT_EQ(o.source->page, 4);
  EXPECT_EQ(o.source->start, 10233);
  EXPECT_EQ(o.source->end, 10391);
  ASSERT_EQ(r->warnings.size(), 1u);
  EXPECT_EQ(r->warnings[0].code, "amount_mismatch");
  EXPECT_EQ(r->warnings[0].message, "digits 150.000.000 ≠ words 'một trăm năm triệu'");
  EXPECT_EQ(r->warnings[0].source, o.source);
  EXPECT_TRUE(r->extra.empty());
}

TEST(ExtractionJson, SchemaLayoutIsRewrittenInCanonicalLayout) {
  // The example exactly as the schema lays it out (compact party lines).
  Result<ExtractionResult> r = ParseExtractionJson(
      ReadTestData("extraction_example_schema_layout.json"), "layout");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(ToJson(*r), ReadTestData("extraction_example.json"));
}

TEST(ExtractionJson, WritesUtf8UnescapedAndNullsExplicitly) {
  ExtractionResult result;
  Party party;
  party.name = "Nguyễn Văn Ấn";
  result.parties.push_back(party);
  Obligation obligation;
  result.obligations.push_back(obligation);
  const std::string text = ToJson(result);
  EXPECT_THAT(text, HasSubstr("\"name\": \"Nguyễn Văn Ấn\""));
  EXPECT_THAT(text, Not(HasSubstr("\\u")));
  EXPECT_THAT(text, HasSubstr("\"court\": null"));
  EXPECT_THAT(text, HasSubstr("\"birth_year\": null"));
  EXPECT_THAT(text, HasSubstr("\"amount_vnd\": null"));
  EXPECT_THAT(text, HasSubstr("\"source\": null"));
  EXPECT_THAT(text, HasSubstr("\"warnings\": []"));
  EXPECT_EQ(text.back(), '\n');
}

// ---- Programmatic round trips --------------------------------------------

// One judgment per index; across indices every enumeration value appears.
ExtractionResult BuildJudgment(std::size_t i) {
  ExtractionResult r;
  r.document.court = "Tòa án nhân dân tỉnh Cà Mau";
  r.document.number = "12/2023/KDTM-PT";
  r.document.date = 2023y / March / 15;
  r.document.kind = kAllDocumentKinds[i % kAllDocumentKinds.size()];
  r.document.level = kAllCourtLevels[i % kAllCourtLevels.size()];
  r.document.case_type = kAllCaseTypes[i % kAllCaseTypes.size()];
  r.document.subject = "tranh chấp hợp đồng tín dụng";
  for (std::size_t k = 0; k < kAllPartyRoles.size(); ++k) {
    Party p;
    p.role = kAllPartyRoles[k];
    p.name = "Bên " + std::to_string(k) + " Nguyễn Thị Hoà";
    p.kind = kAllPartyKinds[(i + k) % kAllPartyKinds.size()];
    if (k % 2 == 0) {
      p.birth_year = static_cast<std::int32_t>(1950 + k);
      p.id_number = "0960680000" + std::to_string(10 + k);
      p.address = "ấp 3, xã Tạ An Khương";
    }
    if (p.role == PartyRole::kRepresentative) p.represents = "Bên 0 Nguyễn Thị Hoà";
    r.parties.push_back(p);
  }
  for (std::size_t k = 0; k < kAllObligationKinds.size(); ++k) {
    Obligation o;
    o.kind = kAllObligationKinds[k];
    o.debtor = "Lương Văn Minh và Lê Thị Lan";
    o.creditor = IsOwedToState(o) ? std::string(kStateCreditor) : "Nguyễn Việt Tâm";
    if (k % 3 != 0) {
      o.amount_vnd = static_cast<std::int64_t>(k) * 1'000'000'000'000LL + 5;
      o.amount_words = "Một nghìn tỷ không trăm linh năm đồng";
    }
    o.period = kAllPaymentPeriods[(i + k) % kAllPaymentPeriods.size()];
    o.initiative = DefaultInitiative(o);
    o.late_interest = k % 2 == 1;
    if (k % 2 == 0) o.source = SourceSpan{static_cast<std::int32_t>(k + 1), 100, 250, {}};
    r.obligations.push_back(o);
  }
  r.warnings.push_back(
      Warning{"party_role_guessed", "vai trò đoán từ ngữ cảnh", std::nullopt, {}});
  r.warnings.push_back(Warning{"amount_mismatch", "", SourceSpan{2, 7, 7, {}}, {}});
  return r;
}

TEST(ExtractionJson, BuiltValuesRoundTripWithEveryEnumerationValue) {
  std::size_t rounds = 0;
  for (std::size_t n :
       {kAllDocumentKinds.size(), kAllCourtLevels.size(), kAllCaseTypes.size(),
        kAllPartyKinds.size(), kAllPaymentPeriods.size()}) {
    rounds = std::max(rounds, n);
  }
  for (std::size_t i = 0; i < rounds; ++i) {
    SCOPED_TRACE(i);
    const ExtractionResult built = BuildJudgment(i);
    const std::string text = ToJson(built);
    Result<ExtractionResult> parsed = ParseExtractionJson(text, "built");
    ASSERT_TRUE(parsed.ok()) << parsed.status().message();
    EXPECT_EQ(*parsed, built);
    EXPECT_EQ(ToJson(*parsed), text);
  }
}

TEST(ExtractionJson, AllNullsRoundTrip) {
  ExtractionResult empty;
  empty.parties.push_back(Party{PartyRole::kVictim,
                                "Công ty T",
                                PartyKind::kOrganization,
                                std::nullopt,
                                std::nullopt,
                                std::nullopt,
                                std::nullopt,
                                {}});
  empty.obligations.push_back(Obligation{});
  const std::string text = ToJson(empty);
  Result<ExtractionResult> parsed = ParseExtractionJson(text, "nulls");
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  EXPECT_EQ(*parsed, empty);
}

TEST(ExtractionJson, AbsentNullableKeysReadAsNull) {
  Result<ExtractionResult> r = ParseExtractionJson(R"({
    "document": {},
    "parties": [{"role": "bi_don", "name": "Lương Văn Minh", "kind": "person"}],
    "obligations": [{"kind": "an_phi", "period": "once", "initiative": "chu_dong",
                     "late_interest": false}],
    "warnings": [{"code": "no_operative_part", "message": "không tìm thấy phần QUYẾT ĐỊNH"}]
  })",
                                                   "sparse.json");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->document, CourtDocument{});
  EXPECT_EQ(r->parties.at(0).birth_year, std::nullopt);
  EXPECT_EQ(r->obligations.at(0).debtor, std::nullopt);
  EXPECT_EQ(r->obligations.at(0).amount_vnd, std::nullopt);
  EXPECT_EQ(r->obligations.at(0).source, std::nullopt);
  EXPECT_EQ(r->warnings.at(0).source, std::nullopt);
  EXPECT_THAT(ToJson(*r), HasSubstr("\"debtor\": null"));
}

TEST(ExtractionJson, LeapDayAndBomAreAccepted) {
  const std::string text =
      "\xEF\xBB\xBF" +
      ReplaceOnce(ReadTestData("extraction_example.json"), "2017-09-12", "2024-02-29");
  Result<ExtractionResult> r = ParseExtractionJson(text, "leap.json");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->document.date, year_month_day{2024y / February / 29});
}

// ---- Unknown keys --------------------------------------------------------

TEST(ExtractionJson, UnknownKeysAtEveryLevelSurviveByteForByte) {
  const std::string text = ReadTestData("extraction_with_extra_keys.json");
  Result<ExtractionResult> r = ParseExtractionJson(text, "extra.json");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(
      r->extra.json(),
      R"({"schema_version":2,"ocr":{"engine":"tesseract","pages":[1,2,3,4],"notes":null}})");
  EXPECT_EQ(r->document.extra.json(), R"({"court_code":"CM-DD"})");
  EXPECT_EQ(r->parties.at(0).extra.json(),
            R"({"masked":false,"aliases":["Tâm","Nguyễn V. Tâm"]})");
  EXPECT_EQ(r->obligations.at(0).extra.json(),
            R"({"due":{"days":15,"note":"kể từ ngày có đơn"}})");
  EXPECT_EQ(r->obligations.at(0).source->extra.json(), R"({"line":12})");
  EXPECT_EQ(r->warnings.at(0).extra.json(), R"({"severity":"low","confidence":0.93})");
  EXPECT_TRUE(r->warnings.at(0).source->extra.empty());
  EXPECT_EQ(ToJson(*r), text);
}

TEST(ExtractionJson, UnknownKeysBeforeKnownOnesMoveAfterThem) {
  const std::string text =
      ReplaceOnce(ReadTestData("extraction_example.json"), "\"role\": \"nguyen_don\",",
                  "\"x_first\": [1, {\"b\": \"ổ\"}], \"role\": \"nguyen_don\",");
  Result<ExtractionResult> r = ParseExtractionJson(text, "x.json");
  ASSERT_TRUE(r.ok()) << r.status().message();
  const std::string written = ToJson(*r);
  EXPECT_THAT(written, HasSubstr("\"represents\": null,\n      \"x_first\": [\n"));
  Result<ExtractionResult> again = ParseExtractionJson(written, "again");
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_EQ(*again, *r);
}

TEST(ExtractionJson, KnownKeyWinsOverAnExtraKeyOfTheSameName) {
  ExtractionResult r;
  Result<ExtraKeys> extra = ExtraKeys::FromJson(R"({"warnings": "shadow", "note": 1})");
  ASSERT_TRUE(extra.ok()) << extra.status().message();
  r.extra = *extra;
  const std::string text = ToJson(r);
  EXPECT_THAT(text, HasSubstr("\"warnings\": [],\n  \"note\": 1\n"));
  EXPECT_THAT(text, Not(HasSubstr("shadow")));
  EXPECT_TRUE(ParseExtractionJson(text, "shadow").ok());
}

TEST(ExtraKeys, FromJson) {
  Result<ExtraKeys> empty = ExtraKeys::FromJson(" {} ");
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->empty());
  EXPECT_EQ(empty->json(), "{}");

  Result<ExtraKeys> some = ExtraKeys::FromJson("{ \"b\" : [1, 2.5],\n \"a\": \"Tòa\" }");
  ASSERT_TRUE(some.ok()) << some.status().message();
  EXPECT_EQ(some->json(), R"({"b":[1,2.5],"a":"Tòa"})");

  Result<ExtraKeys> array = ExtraKeys::FromJson("[]");
  ASSERT_FALSE(array.ok());
  EXPECT_EQ(array.status().message(), "extra keys: expected a JSON object, got an array");
  EXPECT_FALSE(ExtraKeys::FromJson("{\"a\":}").ok());
  EXPECT_FALSE(ExtraKeys::FromJson("{\"a\":\"\xC3\"}").ok());
}

// ---- NFC -----------------------------------------------------------------

TEST(ExtractionJson, DecomposedInputComesOutNfc) {
  // "Nguyễn Việt Tâm" typed with combining marks, once raw and once \u-escaped.
  const std::string nfd_raw = "Nguye\xCC\x82\xCC\x83n Vie\xCC\xA3\xCC\x82t Ta\xCC\x82m";
  const std::string nfd_escaped = "Nguye\\u0302\\u0303n Vie\\u0323\\u0302t Ta\\u0302m";
  std::string text = ReadTestData("extraction_example.json");
  text =
      ReplaceOnce(text, "\"name\": \"Nguyễn Việt Tâm\"", "\"name\": \"" + nfd_raw + "\"");
  text = ReplaceOnce(text, "\"creditor\": \"Nguyễn Việt Tâm\"",
                     "\"creditor\": \"" + nfd_escaped + "\"");
  text = ReplaceOnce(text, "Tòa án", "To\xCC\x80\x61 a\xCC\x81n");
  ASSERT_FALSE(text::IsNfc(text));
  Result<ExtractionResult> r = ParseExtractionJson(text, "nfd.json");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->parties.at(0).name, "Nguyễn Việt Tâm");
  EXPECT_EQ(r->obligations.at(0).creditor, "Nguyễn Việt Tâm");
  EXPECT_EQ(r->document.court, "Tòa án nhân dân huyện Đầm Dơi, tỉnh Cà Mau");
  EXPECT_EQ(ToJson(*r), ReadTestData("extraction_example.json"));
}

TEST(ExtractionJson, WriterNormalizesAndRepairsBuiltStrings) {
  ExtractionResult r;
  r.document.court = "To\xCC\x80\x61 a\xCC\x81n";  // NFD
  r.document.subject = "bad \xFF byte";
  r.document.date = year_month_day{2023y / February / 30};  // not a date
  const std::string text = ToJson(r);
  EXPECT_THAT(text, HasSubstr("\"court\": \"Tòa án\""));
  EXPECT_THAT(text, HasSubstr("\"subject\": \"bad \xEF\xBF\xBD byte\""));
  EXPECT_THAT(text, HasSubstr("\"date\": null"));
  EXPECT_TRUE(ParseExtractionJson(text, "written").ok());
}

// ---- Malformed input -----------------------------------------------------

constexpr std::string_view kValid = R"({
  "document": {"court": null, "number": "70/2017/DS-ST", "date": "2017-09-12",
               "kind": "ban_an", "level": "so_tham", "case_type": "DS", "subject": null},
  "parties": [
    {"role": "nguyen_don", "name": "Nguyễn Việt Tâm", "kind": "person", "birth_year": 1968,
     "id_number": null, "address": null, "represents": null},
    {"role": "bi_don", "name": "Lương Văn Minh", "kind": "person", "birth_year": null,
     "id_number": null, "address": null, "represents": null},
    {"role": "nguoi_lien_quan", "name": "Ngân hàng T", "kind": "organization",
     "birth_year": null, "id_number": null, "address": null, "represents": null}
  ],
  "obligations": [
    {"debtor": "Lương Văn Minh", "creditor": "Nguyễn Việt Tâm", "kind": "tra_tien",
     "amount_vnd": 150000000, "amount_words": null, "period": "once",
     "initiative": "theo_yeu_cau", "late_interest": true,
     "source": {"page": 4, "start": 10233, "end": 10391}}
  ],
  "warnings": [{"code": "amount_mismatch", "message": "m", "source": null}]
})";

TEST(ExtractionJson, ValidBaseOfTheMalformedTableParses) {
  Result<ExtractionResult> r = ParseExtractionJson(kValid, "judgment.json");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->parties.size(), 3u);
}

struct Malformed {
  const char* name;
  const char* from;  // replaced once in kValid
  const char* to;
  const char* message;
};

void PrintTo(const Malformed& m, std::ostream* os) { *os << m.name; }

class MalformedExtraction : public ::testing::TestWithParam<Malformed> {};

TEST_P(MalformedExtraction, IsRejectedNamingTheKeyPath) {
  const Malformed& m = GetParam();
  const std::string text = ReplaceOnce(std::string(kValid), m.from, m.to);
  Result<ExtractionResult> r = ParseExtractionJson(text, "judgment.json");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().message(), m.message);
}

INSTANTIATE_TEST_SUITE_P(
    Table, MalformedExtraction,
    ::testing::Values(
        Malformed{"UnknownRole", R"("role": "nguoi_lien_quan")", R"("role": "plaintiff")",
                  "judgment.json: parties[2].role: expected one of nguyen_don, bi_don, "
                  "nguoi_lien_quan, bi_cao, bi_hai, nguoi_dai_dien; got \"plaintiff\""},
        Malformed{"RoleNotString", R"("role": "bi_don")", R"("role": 2)",
                  "judgment.json: parties[1].role: expected one of nguyen_don, bi_don, "
                  "nguoi_lien_quan, bi_cao, bi_hai, nguoi_dai_dien; got 2"},
        Malformed{
            "FractionalAmount", "150000000,", "1.5,",
            "judgment.json: obligations[0].amount_vnd: expected an integer number of "
            "đồng, got 1.5"},
        Malformed{
            "AmountWrittenAsFloat", "150000000,", "150000000.0,",
            "judgment.json: obligations[0].amount_vnd: expected an integer number of "
            "đồng, got 150000000.0"},
        Malformed{
            "AmountAsString", "150000000,", "\"150.000.000\",",
            "judgment.json: obligations[0].amount_vnd: expected an integer number of "
            "đồng, got \"150.000.000\""},
        Malformed{"NegativeAmount", "150000000,", "-150000000,",
                  "judgment.json: obligations[0].amount_vnd: must not be negative, got "
                  "-150000000"},
        Malformed{"AmountAboveInt64", "150000000,", "9223372036854775808,",
                  "judgment.json: obligations[0].amount_vnd: must be at most "
                  "9223372036854775807, got 9223372036854775808"},
        Malformed{
            "AmountAboveUint64", "150000000,", "99999999999999999999,",
            "judgment.json: obligations[0].amount_vnd: expected an integer number of "
            "đồng, got 1e+20"},
        Malformed{"MissingPartyKind", R"("kind": "organization",)", "",
                  "judgment.json: parties[2].kind: missing required key"},
        Malformed{"MissingDocument", R"("document")", R"("documents")",
                  "judgment.json: document: missing required key"},
        Malformed{"MissingWarnings", R"("warnings")", R"("warning")",
                  "judgment.json: warnings: missing required key"},
        Malformed{"MissingWarningCode", R"("code": "amount_mismatch", )", "",
                  "judgment.json: warnings[0].code: missing required key"},
        Malformed{"DocumentNull", R"("document")", R"("document": null, "old_document")",
                  "judgment.json: document: expected an object, got null"},
        Malformed{"WarningsNotArray",
                  R"([{"code": "amount_mismatch", "message": "m", "source": null}])",
                  "{}", "judgment.json: warnings: expected an array, got an object"},
        Malformed{"PartyNotObject", R"({"role": "bi_don")", R"("x", {"role": "bi_don")",
                  "judgment.json: parties[1]: expected an object, got \"x\""},
        Malformed{"NameNotString", R"("name": "Lương Văn Minh")", R"("name": 12)",
                  "judgment.json: parties[1].name: expected a string, got 12"},
        Malformed{"NameNull", R"("name": "Lương Văn Minh")", R"("name": null)",
                  "judgment.json: parties[1].name: expected a string, got null"},
        Malformed{"EmptyName", R"("name": "Lương Văn Minh")", R"("name": "")",
                  "judgment.json: parties[1].name: must not be empty"},
        Malformed{"NulInName", R"("name": "Lương Văn Minh")", R"("name": "Lương\u0000")",
                  "judgment.json: parties[1].name: must not contain the NUL character "
                  "\\u0000"},
        Malformed{
            "PartyKindNull", R"("kind": "organization")", R"("kind": null)",
            "judgment.json: parties[2].kind: expected one of person, organization; got "
            "null"},
        Malformed{"BirthYearTwoDigits", R"("birth_year": 1968)", R"("birth_year": 68)",
                  "judgment.json: parties[0].birth_year: must be at least 1800, got 68"},
        Malformed{"BirthYearString", R"("birth_year": 1968)", R"("birth_year": "1968")",
                  "judgment.json: parties[0].birth_year: expected an integer year, got "
                  "\"1968\""},
        Malformed{"DateDayMonthYear", "2017-09-12", "12/09/2017",
                  "judgment.json: document.date: expected a date YYYY-MM-DD, got "
                  "\"12/09/2017\""},
        Malformed{"DateWithoutZeros", "2017-09-12", "2017-9-12",
                  "judgment.json: document.date: expected a date YYYY-MM-DD, got "
                  "\"2017-9-12\""},
        Malformed{"DateWithTime", "2017-09-12", "2017-09-12T00:00:00",
                  "judgment.json: document.date: expected a date YYYY-MM-DD, got "
                  "\"2017-09-12T00:00:00\""},
        Malformed{"ImpossibleDate", "2017-09-12", "2023-02-30",
                  "judgment.json: document.date: expected a date YYYY-MM-DD, got "
                  "\"2023-02-30\" (no such day)"},
        Malformed{"NoLeapDay", "2017-09-12", "2023-02-29",
                  "judgment.json: document.date: expected a date YYYY-MM-DD, got "
                  "\"2023-02-29\" (no such day)"},
        Malformed{"Month13", "2017-09-12", "2017-13-01",
                  "judgment.json: document.date: expected a date YYYY-MM-DD, got "
                  "\"2017-13-01\" (no such day)"},
        Malformed{
            "DateAsNumber", R"("2017-09-12")", "20170912",
            "judgment.json: document.date: expected a date YYYY-MM-DD, got 20170912"},
        Malformed{
            "CaseTypeWithDStroke", R"("DS")", R"("HNGĐ")",
            "judgment.json: document.case_type: expected one of DS, HNGD, KDTM, LD, "
            "HC, HS; got \"HNGĐ\""},
        Malformed{"LevelUpperCase", R"("so_tham")", R"("SO_THAM")",
                  "judgment.json: document.level: expected one of so_tham, phuc_tham, "
                  "giam_doc_tham, tai_tham; got \"SO_THAM\""},
        Malformed{
            "UnknownObligationKind", R"("tra_tien")", R"("debt")",
            "judgment.json: obligations[0].kind: expected one of tra_tien, boi_thuong, "
            "cap_duong, an_phi, hoan_tra_tam_ung_an_phi, phat_tien, giao_tai_san, "
            "tich_thu, tieu_huy, chi_phi_to_tung, khac; got \"debt\""},
        Malformed{"UnknownPeriod", R"("once")", R"("yearly")",
                  "judgment.json: obligations[0].period: expected one of once, monthly, "
                  "installments; got \"yearly\""},
        Malformed{"InitiativeNull", R"("theo_yeu_cau")", "null",
                  "judgment.json: obligations[0].initiative: expected one of chu_dong, "
                  "theo_yeu_cau; got null"},
        Malformed{
            "LateInterestWord", R"("late_interest": true)", R"("late_interest": "yes")",
            "judgment.json: obligations[0].late_interest: expected true or false, got "
            "\"yes\""},
        Malformed{"SourceNotObject", R"({"page": 4, "start": 10233, "end": 10391})",
                  "\"p4\"",
                  "judgment.json: obligations[0].source: expected an object, got \"p4\""},
        Malformed{"SpanEndBeforeStart", R"("end": 10391)", R"("end": 10000)",
                  "judgment.json: obligations[0].source.end: must not be less than start "
                  "(10233), got 10000"},
        Malformed{"SpanPageZero", R"("page": 4)", R"("page": 0)",
                  "judgment.json: obligations[0].source.page: must be at least 1, got 0"},
        Malformed{"SpanMissingStart", R"("start": 10233, )", "",
                  "judgment.json: obligations[0].source.start: missing required key"},
        Malformed{"DuplicateKey", R"("name": "Lương Văn Minh",)",
                  R"("name": "Lương Văn Minh", "name": "Lê Văn B",)",
                  "judgment.json: parties[1]: duplicate key \"name\""},
        Malformed{"DuplicateNestedKey", R"("end": 10391)", R"("end": 10391, "end": 1)",
                  "judgment.json: obligations[0].source: duplicate key \"end\""},
        Malformed{"DuplicateTopLevelKey", R"("warnings")", R"("parties": [], "warnings")",
                  "judgment.json: duplicate key \"parties\""},
        Malformed{
            "FirstErrorInReadingOrderWins", R"("tra_tien")", R"("debt", "x": 1.5)",
            "judgment.json: obligations[0].kind: expected one of tra_tien, boi_thuong, "
            "cap_duong, an_phi, hoan_tra_tam_ung_an_phi, phat_tien, giao_tai_san, "
            "tich_thu, tieu_huy, chi_phi_to_tung, khac; got \"debt\""}),
    [](const ::testing::TestParamInfo<Malformed>& param_info) {
      return param_info.param.name;
    });

TEST(ExtractionJson, TopLevelMustBeAnObject) {
  Result<ExtractionResult> r = ParseExtractionJson("[]", "judgment.json");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "judgment.json: expected an object, got an array");
}

TEST(ExtractionJson, EmptyInput) {
  for (const char* text : {"", " \n\t "}) {
    Result<ExtractionResult> r = ParseExtractionJson(text, "judgment.json");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().message(), "judgment.json: empty input; expected a JSON object");
  }
}

TEST(ExtractionJson, NumberBeyondDoubleRange) {
  const std::string text = ReplaceOnce(std::string(kValid), "150000000,", "1e400,");
  Result<ExtractionResult> r = ParseExtractionJson(text, "judgment.json");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "judgment.json: unreadable JSON: number overflow parsing '1e400'");
}

TEST(ExtractionJson, InvalidUtf8NamesTheByte) {
  std::string text(kValid);
  const std::size_t at = text.find("Minh");
  ASSERT_NE(at, std::string::npos);
  text.replace(at, 4, "Mi\xFFnh");
  Result<ExtractionResult> r = ParseExtractionJson(text, "judgment.json");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "judgment.json: invalid UTF-8 at byte " +
                                      std::to_string(at + 2) +
                                      ": byte 0xF5-0xFF never appears in UTF-8");
}

TEST(ExtractionJson, TruncatedSequenceNamesTheByte) {
  const std::string text = "{\"document\": \"T\xE1\xBB\"}";
  Result<ExtractionResult> r = ParseExtractionJson(text, "judgment.json");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "judgment.json: invalid UTF-8 at byte 15: truncated sequence");
}

struct Syntax {
  const char* name;
  const char* text;
  const char* message;
};

void PrintTo(const Syntax& s, std::ostream* os) { *os << s.name; }

class SyntaxErrors : public ::testing::TestWithParam<Syntax> {};

TEST_P(SyntaxErrors, NameLineAndColumn) {
  Result<ExtractionResult> r = ParseExtractionJson(GetParam().text, "judgment.json");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), GetParam().message);
}

INSTANTIATE_TEST_SUITE_P(
    Table, SyntaxErrors,
    ::testing::Values(
        Syntax{"TrailingComma", "{\n  \"document\": {},\n  \"parties\": [1,]\n}",
               "judgment.json: JSON syntax error at line 3, column 17: unexpected ']'; "
               "expected '[', '{', or a literal"},
        // The column counts characters, not bytes: "ò" is one column.
        Syntax{"UnquotedKeyAfterVietnamese", "{\"a\": \"Tòa\", x}",
               "judgment.json: JSON syntax error at line 1, column 14: invalid literal; "
               "last "
               "read: '\"Tòa\", x'; expected string literal"},
        Syntax{"TrailingGarbage", "{}\n{}",
               "judgment.json: JSON syntax error at line 2, column 1: unexpected '{'; "
               "expected end of input"},
        Syntax{"UnterminatedString", "{\"a\": \"Tòa",
               "judgment.json: JSON syntax error at line 1, column 11: invalid string: "
               "missing closing quote; last read: '\"Tòa'"},
        Syntax{"LoneSurrogate", "{\"a\": \"\\ud800\"}",
               "judgment.json: JSON syntax error at line 1, column 14: invalid string: "
               "surrogate U+D800..U+DBFF must be followed by U+DC00..U+DFFF; last read: "
               "'\"\\ud800\"'"},
        Syntax{
            "Comment", "{// note\n}",
            "judgment.json: JSON syntax error at line 1, column 2: invalid literal; last "
            "read: '{/'; expected string literal"}),
    [](const ::testing::TestParamInfo<Syntax>& param_info) {
      return param_info.param.name;
    });

// ---- Limits --------------------------------------------------------------

// The schema's example with one extra key holding `depth` nested arrays.
std::string WithNestedArrays(int depth) {
  const std::string nested = std::string(static_cast<std::size_t>(depth), '[') +
                             std::string(static_cast<std::size_t>(depth), ']');
  return ReplaceOnce(ReadTestData("extraction_example.json"), "\"warnings\"",
                     "\"deep\": " + nested + ", \"warnings\"");
}

TEST(ExtractionJsonLimits, DepthOfExactlyTheLimitIsAccepted) {
  const std::string text = WithNestedArrays(kMaxJsonDepth - 1);  // + the top-level object
  Result<ExtractionResult> r = ParseExtractionJson(text, "deep.json");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_THAT(r->extra.json(), HasSubstr(std::string(kMaxJsonDepth - 1, '[')));
}

TEST(ExtractionJsonLimits, DeeperThanTheLimitIsRefused) {
  const std::string text = WithNestedArrays(kMaxJsonDepth);
  const std::size_t deep = text.find("\"deep\"");
  ASSERT_NE(deep, std::string::npos);
  const auto line =
      1 + std::count(text.begin(), text.begin() + static_cast<long>(deep), '\n');
  Result<ExtractionResult> r = ParseExtractionJson(text, "deep.json");
  ASSERT_FALSE(r.ok());
  // Line `  "deep": [[[…`: the 64th '[' (depth 65) is in column 2 + 8 + 64 = 74.
  EXPECT_EQ(r.status().message(),
            "deep.json: JSON nested deeper than 64 levels at line " +
                std::to_string(line) + ", column 74");
}

TEST(ExtractionJsonLimits, HugeNestingDoesNotCrash) {
  for (const std::string& open : {std::string("["), std::string("{\"a\":")}) {
    std::string text;
    for (int i = 0; i < 200000; ++i) text += open;
    Result<ExtractionResult> r = ParseExtractionJson(text, "bomb.json");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().message(),
              "bomb.json: JSON nested deeper than 64 levels at line 1, column " +
                  std::to_string(64 * open.size() + 1));
  }
}

TEST(ExtractionJsonLimits, BracketsInsideStringsDoNotCount) {
  const std::string brackets(1000, '[');
  const std::string text = ReplaceOnce(ReadTestData("extraction_example.json"),
                                       "\"subject\": \"tranh chấp hợp đồng vay tài sản\"",
                                       "\"subject\": \"" + brackets + "\\\"{\"");
  Result<ExtractionResult> r = ParseExtractionJson(text, "strings.json");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->document.subject, brackets + "\"{");
}

TEST(ExtractionJsonLimits, OversizedInputIsRefusedBeforeParsing) {
  const std::string text(kMaxJsonBytes + 1, ' ');
  Result<ExtractionResult> r = ParseExtractionJson(text, "big.json");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "big.json: input is " + std::to_string(kMaxJsonBytes + 1) +
                " bytes; the limit is " + std::to_string(kMaxJsonBytes));
}

TEST(ExtractionJsonLimits, TooManyKeysInOneObject) {
  std::string keys;
  for (std::size_t i = 0; i <= kMaxJsonKeysPerObject; ++i) {
    keys += (i == 0 ? "\"k" : ", \"k") + std::to_string(i) + "\": 0";
  }
  const std::string text =
      ReplaceOnce(ReadTestData("extraction_example.json"), "\"warnings\"",
                  "\"wide\": {" + keys + "}, \"warnings\"");
  Result<ExtractionResult> r = ParseExtractionJson(text, "wide.json");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "wide.json: wide: more than 1000 keys in one object");
}

TEST(ExtractionJsonLimits, TooManyValues) {
  std::string zeros = "0";
  zeros.reserve(2 * kMaxJsonValues + 2);
  for (std::size_t i = 0; i < kMaxJsonValues; ++i) zeros += ",0";
  const std::string text =
      ReplaceOnce(ReadTestData("extraction_example.json"), "\"warnings\"",
                  "\"long\": [" + zeros + "], \"warnings\"");
  Result<ExtractionResult> r = ParseExtractionJson(text, "long.json");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "long.json: more than 1000000 JSON values");
}

// Deterministic mutations of the example: no input may crash the reader, and
// whatever it accepts must write and read back to the same value.
TEST(ExtractionJsonLimits, MutatedInputNeverCrashesAndAcceptedInputIsStable) {
  const std::string base = ReadTestData("extraction_example.json");
  const std::string alphabet = "{}[]\",:0-9.eE \\u\xC3\xA0\xFF\nnulltruefalse";
  std::uint32_t seed = 20240205;
  const auto next = [&seed] {
    seed = seed * 1664525u + 1013904223u;  // Numerical Recipes LCG
    return seed >> 8;
  };
  int accepted = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string text = base;
    const int edits = 1 + static_cast<int>(next() % 3);
    for (int e = 0; e < edits && !text.empty(); ++e) {
      const std::size_t at = next() % text.size();
      switch (next() % 4) {
        case 0:
          text[at] = alphabet[next() % alphabet.size()];
          break;
        case 1:
          text.erase(at, 1 + next() % 8);
          break;
        case 2:
          text.insert(at, 1, alphabet[next() % alphabet.size()]);
          break;
        default:
          text.resize(at);
          break;
      }
    }
    Result<ExtractionResult> r = ParseExtractionJson(text, "mutated.json");
    if (!r.ok()) {
      EXPECT_EQ(r.status().message().rfind("mutated.json: ", 0), 0u)
          << r.status().message();
      continue;
    }
    ++accepted;
    const std::string written = ToJson(*r);
    Result<ExtractionResult> again = ParseExtractionJson(written, "written.json");
    ASSERT_TRUE(again.ok()) << again.status().message() << "\n" << text;
    EXPECT_EQ(*again, *r) << text;
    EXPECT_EQ(ToJson(*again), written);
  }
  EXPECT_GT(accepted, 0);
  RecordProperty("accepted", accepted);
}

// ---- Case ----------------------------------------------------------------

TEST(CaseJson, ExampleRoundTripsByteForByte) {
  const std::string text = ReadTestData("case_example.json");
  Result<Case> r = ParseCaseJson(text, "case.json");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->id, "THA-2017-125");
  EXPECT_EQ(r->office, "Chi cục Thi hành án dân sự huyện Đầm Dơi");
  EXPECT_EQ(r->received_date, year_month_day{2017y / October / 20});
  EXPECT_EQ(r->status, CaseStatus::kInProgress);
  Result<ExtractionResult> judgment =
      ParseExtractionJson(ReadTestData("extraction_example.json"), "example");
  ASSERT_TRUE(judgment.ok());
  EXPECT_EQ(r->judgment, *judgment);
  EXPECT_EQ(ToJson(*r), text);
}

TEST(CaseJson, BuiltValuesRoundTripWithEveryStatus) {
  for (CaseStatus status : kAllCaseStatuses) {
    Case c;
    c.id = "THA-2024-" + std::string(ToString(status));
    c.office = "Thi hành án dân sự tỉnh Cà Mau";
    c.received_date = 2024y / February / 5;
    c.status = status;
    c.judgment = BuildJudgment(3);
    Result<ExtraKeys> extra =
        ExtraKeys::FromJson(R"({"assigned_to": "CHV Trần Văn Bình"})");
    ASSERT_TRUE(extra.ok());
    c.extra = *extra;
    const std::string text = ToJson(c);
    Result<Case> parsed = ParseCaseJson(text, "case.json");
    ASSERT_TRUE(parsed.ok()) << parsed.status().message();
    EXPECT_EQ(*parsed, c);
    EXPECT_EQ(ToJson(*parsed), text);
  }
}

TEST(CaseJson, ErrorsNameTheNestedPath) {
  const std::string base = ReadTestData("case_example.json");
  struct {
    std::string text;
    std::string message;
  } cases[] = {
      {ReplaceOnce(base, "\"nguyen_don\"", "\"plaintiff\""),
       "case.json: judgment.parties[0].role: expected one of nguyen_don, bi_don, "
       "nguoi_lien_quan, bi_cao, bi_hai, nguoi_dai_dien; got \"plaintiff\""},
      {ReplaceOnce(base, "\"received_date\"", "\"received\""),
       "case.json: received_date: missing required key"},
      {ReplaceOnce(base, "\"2017-10-20\"", "null"),
       "case.json: received_date: expected a date YYYY-MM-DD, got null"},
      {ReplaceOnce(base, "\"THA-2017-125\"", "\"\""), "case.json: id: must not be empty"},
      {ReplaceOnce(base, "\"in_progress\"", "\"open\""),
       "case.json: status: expected one of received, for_review, in_progress, no_means, "
       "postponed, suspended, transferred, terminated, done; got \"open\""},
      {ReplaceOnce(base, "\"judgment\": {", "\"judgment\": [], \"j\": {"),
       "case.json: judgment: expected an object, got an array"},
  };
  for (const auto& c : cases) {
    Result<Case> r = ParseCaseJson(c.text, "case.json");
    ASSERT_FALSE(r.ok()) << c.message;
    EXPECT_EQ(r.status().message(), c.message);
  }
}

TEST(CaseJson, UnsetReceivedDateIsWrittenAsNull) {
  Case c;
  c.id = "x";
  c.office = "y";
  EXPECT_THAT(ToJson(c), HasSubstr("\"received_date\": null"));
}

// ---- GeneratedDocument ---------------------------------------------------

TEST(GeneratedDocumentJson, ExampleRoundTripsByteForByte) {
  const std::string text = ReadTestData("generated_document_example.json");
  Result<GeneratedDocument> r = ParseGeneratedDocumentJson(text, "document.json");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->template_id, "qd_thi_hanh_an_theo_yeu_cau");
  EXPECT_EQ(r->case_id, "THA-2017-125");
  EXPECT_EQ(r->kind, "Quyết định");
  EXPECT_EQ(r->number, 5);
  EXPECT_EQ(r->symbol, "QĐ-CCTHADS");
  EXPECT_EQ(r->agency, "Chi cục Thi hành án dân sự huyện Đầm Dơi");
  EXPECT_EQ(r->issue_date, year_month_day{2017y / November / 2});
  EXPECT_EQ(r->subject, "Về việc thi hành án theo yêu cầu");
  EXPECT_EQ(r->signer, "Trần Văn Bình");
  EXPECT_EQ(r->page_count, 2);
  EXPECT_EQ(r->status, DocumentStatus::kApproved);
  EXPECT_EQ(r->agency_code, "000.00.31.H12");
  EXPECT_EQ(r->file_catalogue, "2017");
  EXPECT_EQ(r->file_notation, "125/2017/THA");
  EXPECT_EQ(r->ordinal, 3);
  EXPECT_EQ(r->priority, Urgency::kNormal);
  EXPECT_EQ(r->due_date, std::nullopt);
  EXPECT_EQ(ToJson(*r), text);
}

TEST(GeneratedDocumentJson, BuiltValuesRoundTripWithEveryEnumerationValue) {
  for (std::size_t i = 0; i < kAllUrgencies.size(); ++i) {
    GeneratedDocument d;
    d.template_id = "thong_bao_thi_hanh_an";
    d.kind = "Thông báo";
    d.agency = "Thi hành án dân sự tỉnh Cà Mau";
    d.subject = "";
    d.status = kAllDocumentStatuses[i % kAllDocumentStatuses.size()];
    d.priority = kAllUrgencies[i];
    if (i % 2 == 1) {
      d.number = static_cast<std::int32_t>(i);
      d.symbol = "TB-THADS";
      d.issue_date = 2024y / February / 5;
      d.due_date = 2024y / February / 15;
      d.page_count = 1;
      d.ordinal = 1;
    }
    const std::string text = ToJson(d);
    EXPECT_THAT(text, HasSubstr("\"case_id\": null"));
    Result<GeneratedDocument> parsed = ParseGeneratedDocumentJson(text, "built");
    ASSERT_TRUE(parsed.ok()) << parsed.status().message();
    EXPECT_EQ(*parsed, d);
    EXPECT_EQ(ToJson(*parsed), text);
  }
}

TEST(GeneratedDocumentJson, ErrorsNameTheKey) {
  const std::string base = ReadTestData("generated_document_example.json");
  struct {
    std::string text;
    std::string message;
  } cases[] = {
      {ReplaceOnce(base, "\"number\": 5", "\"number\": 0"),
       "document.json: number: must be at least 1, got 0"},
      {ReplaceOnce(base, "\"page_count\": 2", "\"page_count\": 2.5"),
       "document.json: page_count: expected an integer number of pages, got 2.5"},
      {ReplaceOnce(base, "\"template_id\"", "\"template\""),
       "document.json: template_id: missing required key"},
      {ReplaceOnce(base, "\"approved\"", "\"signed\""),
       "document.json: status: expected one of draft, approved; got \"signed\""},
      {ReplaceOnce(base, "\"normal\"", "\"hoa_toc\""),
       "document.json: priority: expected one of normal, urgent, very_urgent, flash; got "
       "\"hoa_toc\""},
      {ReplaceOnce(base, "\"due_date\": null", "\"due_date\": \"2017-11-31\""),
       "document.json: due_date: expected a date YYYY-MM-DD, got \"2017-11-31\" (no such "
       "day)"},
  };
  for (const auto& c : cases) {
    Result<GeneratedDocument> r = ParseGeneratedDocumentJson(c.text, "document.json");
    ASSERT_FALSE(r.ok()) << c.message;
    EXPECT_EQ(r.status().message(), c.message);
  }
}

TEST(GeneratedDocumentJson, UnknownKeysSurvive) {
  const std::string text =
      ReplaceOnce(ReadTestData("generated_document_example.json"), "\"due_date\": null",
                  "\"due_date\": null,\n  \"recipients\": [\n    \"Như "
                  "Điều 3\"\n  ]");
  Result<GeneratedDocument> r = ParseGeneratedDocumentJson(text, "document.json");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->extra.json(), R"({"recipients":["Như Điều 3"]})");
  EXPECT_EQ(ToJson(*r), text);
}

}  // namespace
}  // namespace thads::model
