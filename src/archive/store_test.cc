// The store contract, run against both backends (SQLite directory, PostgreSQL).
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <set>

#include "archive/sql.h"
#include "archive/store.h"
#include "archive/store_test_util.h"

namespace thads::archive {
namespace {

using testing::FileJudgment;
using testing::MakeJudgment;
using testing::MakeParty;
using testing::ReadFromChild;
using testing::ThreadsOfThisProcess;
using testing::ScratchArchive;
using std::chrono::year;

class StoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    scratch_ = std::make_unique<ScratchArchive>(GetParam());
    THADS_REQUIRE_BACKEND(*scratch_);
    auto s = scratch_->Open();
    ASSERT_TRUE(s.ok()) << s.status().message();
    store_ = std::move(*s);
  }
  void TearDown() override {
    store_.reset();
    scratch_.reset();
  }

  std::int64_t File(const model::ExtractionResult& j, const std::string& text = "") {
    auto id = FileJudgment(*store_, j, text);
    EXPECT_TRUE(id.ok()) << id.status().message();
    return id.ok() ? *id : 0;
  }

  SearchResult Find(const std::string& query, SearchRequest req = {}) {
    req.query = query;
    auto r = store_->Search(req);
    EXPECT_TRUE(r.ok()) << query << ": " << r.status().message();
    return r.ok() ? *r : SearchResult{};
  }

  std::vector<std::int64_t> Ids(const SearchResult& r) {
    std::vector<std::int64_t> ids;
    for (const SearchHit& h : r.hits) ids.push_back(h.case_record.id);
    return ids;
  }

  std::unique_ptr<ScratchArchive> scratch_;
  std::unique_ptr<Store> store_;
};

TEST_P(StoreTest, OneCasePerJudgmentWhateverTheSpelling) {
  const auto j = MakeJudgment("70/2017/DS-ST", "Tòa án nhân dân huyện Đầm Dơi, tỉnh Cà Mau",
                              "Nguyễn Việt Tâm", "Lương Văn Minh");
  const std::int64_t id = File(j);
  auto again = MakeJudgment("70/2017/ds-st ", "TÒA ÁN NHÂN DÂN HUYỆN ĐẦM DƠI,  TỈNH CÀ MAU",
                            "Nguyễn Việt Tâm", "Lương Văn Minh");
  EXPECT_EQ(File(again), id);
  auto other = MakeJudgment("70/2017/DS-ST", "Tòa án nhân dân huyện Năm Căn, tỉnh Cà Mau", "A", "B");
  EXPECT_NE(File(other), id);
  auto found = store_->FindCasesByNumber("70/2017/DS-ST");
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->size(), 2u);
  auto c = store_->GetCase(id);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->number, "70/2017/DS-ST");
  EXPECT_EQ(c->court, "Tòa án nhân dân huyện Đầm Dơi, tỉnh Cà Mau");
  EXPECT_EQ(c->status, model::CaseStatus::kReceived);
  EXPECT_EQ(store_->GetCase(9999).status().code(), StatusCode::kNotFound);

  model::CourtDocument no_number;
  auto tx = store_->Begin();
  ASSERT_TRUE(tx.ok());
  EXPECT_EQ((*tx)->CreateOrFindCase(no_number, "").status().code(), StatusCode::kInvalidArgument);
}

TEST_P(StoreTest, CorrectionIsANewVersionAndTheOldOneStays) {
  auto j = MakeJudgment("12/2023/DS-ST", "Tòa án nhân dân quận 1", "Trần Văn Bình", "Lê Thị Hoà");
  const std::int64_t id = File(j);
  j.parties[1].name = "Lê Thị Hòa Bình";
  j.obligations[0].amount_vnd = 200000000;
  {
    auto tx = store_->Begin();
    ASSERT_TRUE(tx.ok());
    auto v = (*tx)->AddExtraction(id, {j, "sửa tên bị đơn", std::nullopt, std::nullopt});
    ASSERT_TRUE(v.ok()) << v.status().message();
    EXPECT_EQ(*v, 2);
    ASSERT_TRUE((*tx)->Commit().ok());
  }
  auto versions = store_->Extractions(id);
  ASSERT_TRUE(versions.ok());
  ASSERT_EQ(versions->size(), 2u);
  EXPECT_NE((*versions)[0].json.find("Lê Thị Hoà"), std::string::npos);
  EXPECT_EQ((*versions)[1].note, "sửa tên bị đơn");
  auto current = store_->CurrentExtraction(id);
  ASSERT_TRUE(current.ok());
  EXPECT_EQ(current->parties[1].name, "Lê Thị Hòa Bình");
  EXPECT_EQ(store_->GetCase(id)->current_version, 2);
  // Amount filters and party names read the current version only.
  SearchRequest r;
  r.min_amount = 150000000;
  r.max_amount = 150000000;
  EXPECT_TRUE(Find("", r).hits.empty());
  r.max_amount = r.min_amount = 200000000;
  EXPECT_EQ(Ids(Find("", r)), std::vector<std::int64_t>{id});
  EXPECT_EQ(Find("Hoà Bình").hits.size(), 1u);
}

TEST_P(StoreTest, BlobsAreContentAddressedAndIdempotent) {
  auto tx = store_->Begin();
  ASSERT_TRUE(tx.ok());
  auto a = (*tx)->PutBlob("%PDF-1.7 bản án");
  auto b = (*tx)->PutBlob("%PDF-1.7 bản án");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(*a, *b);
  EXPECT_TRUE(IsBlobHash(*a));
  const std::string path = ::testing::TempDir() + testing::UniqueName("blob_") + ".pdf";
  std::ofstream(path, std::ios::binary) << std::string(200000, 'x');
  auto f = (*tx)->PutBlobFile(path);
  ASSERT_TRUE(f.ok()) << f.status().message();
  EXPECT_EQ((*tx)->PutBlobFile(path + ".missing").status().code(), StatusCode::kIoError);
  ASSERT_TRUE((*tx)->Commit().ok());
  std::remove(path.c_str());
  EXPECT_EQ(*store_->GetBlob(*a), "%PDF-1.7 bản án");
  EXPECT_EQ(store_->GetBlob(*f)->size(), 200000u);
  EXPECT_TRUE(*store_->HasBlob(*a));
  EXPECT_FALSE(*store_->HasBlob(std::string(64, '0')));
  EXPECT_EQ(store_->GetBlob("not a hash").status().code(), StatusCode::kInvalidArgument);
  auto report = store_->Verify();
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok()) << report->database_check;
  EXPECT_EQ(report->blobs_checked, 2);
}

TEST_P(StoreTest, SourceFilesByHashLetARerunSkipFinishedWork) {
  const std::string hash(64, 'a');
  auto none = store_->FindSource(hash);
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
  {
    auto tx = store_->Begin();
    ASSERT_TRUE(tx.ok());
    SourceRecord s;
    s.sha256 = hash;
    s.original_name = "scan 01.pdf";
    s.page_count = 4;
    s.state = SourceState::kFailed;
    s.reason = "trang 2 quá mờ";
    ASSERT_TRUE((*tx)->RecordSource(s).ok());
    ASSERT_TRUE((*tx)->Commit().ok());
  }
  auto failed = store_->FindSource(hash);
  ASSERT_TRUE(failed.ok() && failed->has_value());
  EXPECT_EQ((*failed)->state, SourceState::kFailed);
  EXPECT_EQ((*failed)->reason, "trang 2 quá mờ");
  EXPECT_EQ((*failed)->page_count, 4);
  const std::int64_t id = File(MakeJudgment("1/2024/HNGD-ST", "Tòa án nhân dân huyện Châu Thành",
                                            "Phạm Thị Lan", "Võ Văn Hùng"));
  {
    auto tx = store_->Begin();
    ASSERT_TRUE(tx.ok());
    SourceRecord s = **failed;
    s.state = SourceState::kDone;
    s.reason.clear();
    s.case_id = id;
    s.text = "Bản án về việc ly hôn giữa chị Phạm Thị Lan và anh Võ Văn Hùng";
    ASSERT_TRUE((*tx)->RecordSource(s).ok());
    SourceRecord bad = s;
    bad.sha256 = "xyz";
    EXPECT_EQ((*tx)->RecordSource(bad).code(), StatusCode::kInvalidArgument);
    ASSERT_TRUE((*tx)->Commit().ok());
  }
  EXPECT_EQ((*store_->FindSource(hash))->state, SourceState::kDone);
  EXPECT_EQ(store_->SourcesOfCase(id)->size(), 1u);
  EXPECT_EQ(Ids(Find("ly hon")), std::vector<std::int64_t>{id});
}

TEST_P(StoreTest, ATransactionNotCommittedLeavesNothing) {
  {
    auto tx = store_->Begin();
    ASSERT_TRUE(tx.ok());
    auto c = (*tx)->CreateOrFindCase(MakeJudgment("5/2022/KDTM-PT", "Tòa án nhân dân tỉnh An Giang",
                                                  "Công ty TNHH Hoàng Long", "Ngân hàng TMCP Á Châu")
                                         .document,
                                     "");
    ASSERT_TRUE(c.ok());
    EXPECT_TRUE((*tx)->AddExtraction(c->id, {MakeJudgment("5/2022/KDTM-PT", "x", "A", "B"), "", {}, {}}).ok());
  }  // destroyed without Commit
  EXPECT_TRUE(store_->FindCasesByNumber("5/2022/KDTM-PT")->empty());
  EXPECT_TRUE(Find("hoang long").hits.empty());
  EXPECT_TRUE(store_->Begin().ok());  // the store is usable again
}

// A write the database refuses, among others that went out without waiting for their
// answers (PostgreSQL's pipeline), fails the whole transaction: nothing of it is
// stored, and the next transaction on the same store works.
TEST_P(StoreTest, AWriteTheDatabaseRefusesFailsItsWholeTransaction) {
  {
    auto raw = scratch_->Raw();
    ASSERT_TRUE(raw.ok()) << raw.status().message();
    const bool sqlite = (*raw)->dialect() == Dialect::kSqlite;
    ASSERT_TRUE((*raw)->Script(sqlite ? "CREATE TRIGGER refuse_debtor BEFORE INSERT ON obligations "
                                        "WHEN NEW.debtor = 'Đỗ Văn Từ Chối' "
                                        "BEGIN SELECT RAISE(ABORT, 'refused debtor'); END"
                                      : "CREATE FUNCTION refuse_debtor() RETURNS trigger AS $$ BEGIN "
                                        "IF NEW.debtor = 'Đỗ Văn Từ Chối' THEN RAISE EXCEPTION "
                                        "'refused debtor'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql; "
                                        "CREATE TRIGGER refuse_debtor BEFORE INSERT ON obligations "
                                        "FOR EACH ROW EXECUTE FUNCTION refuse_debtor()")
                    .ok());
  }
  const std::string court = "Tòa án nhân dân huyện Cái Nước";
  Status failed;
  {
    auto tx = store_->Begin();
    ASSERT_TRUE(tx.ok());
    for (const auto& [number, debtor] : {std::pair{"11/2024/DS-ST", "Trần Thị Bình"},
                                         std::pair{"12/2024/DS-ST", "Đỗ Văn Từ Chối"},
                                         std::pair{"13/2024/DS-ST", "Lý Văn Cường"}}) {
      const model::ExtractionResult j = MakeJudgment(number, court, "Phạm Văn Đông", debtor);
      auto c = (*tx)->CreateOrFindCase(j.document, "");
      if (!c.ok()) {
        failed = c.status();
        break;
      }
      NewExtraction e;
      e.result = j;
      if (auto v = (*tx)->AddExtraction(c->id, e); !v.ok()) {
        failed = v.status();
        break;
      }
    }
    if (failed.ok()) failed = (*tx)->Commit();
  }
  ASSERT_FALSE(failed.ok());
  EXPECT_NE(failed.message().find("refused debtor"), std::string::npos) << failed.message();
  for (const char* number : {"11/2024/DS-ST", "12/2024/DS-ST", "13/2024/DS-ST"}) {
    EXPECT_TRUE(store_->FindCasesByNumber(number)->empty()) << number;
  }
  ASSERT_TRUE(store_->WaitForSearchIndex().ok());
  EXPECT_TRUE(Find("pham van dong").hits.empty());
  // The same statements again, on the same connection: stored and found.
  const std::int64_t id = File(MakeJudgment("11/2024/DS-ST", court, "Phạm Văn Đông", "Trần Thị Bình"));
  EXPECT_EQ(Ids(Find("pham van dong")), std::vector<std::int64_t>{id});
  auto extraction = store_->CurrentExtraction(id);
  ASSERT_TRUE(extraction.ok()) << extraction.status().message();
  ASSERT_EQ(extraction->obligations.size(), 1u);
  EXPECT_EQ(extraction->obligations[0].debtor.value_or(""), "Trần Thị Bình");
}

TEST_P(StoreTest, NamesFoundWithOrWithoutDiacriticsExactAccentsFirst) {
  const std::int64_t an = File(MakeJudgment("1/2023/DS-ST", "Tòa án nhân dân quận 3", "Nguyễn Văn An", "Trần Thị Mai"));
  const std::int64_t an_acute = File(MakeJudgment("2/2023/DS-ST", "Tòa án nhân dân quận 3", "Nguyễn Văn Ấn", "Trần Thị Mai"));
  const std::int64_t hoa = File(MakeJudgment("3/2023/DS-ST", "Tòa án nhân dân quận 3", "Lê Thị Hoà", "Đặng Văn Đức"));
  File(MakeJudgment("4/2023/DS-ST", "Tòa án nhân dân quận 3", "Phan Văn Nguyên", "Hồ Thị An"));

  const std::vector<std::int64_t> plain = Ids(Find("nguyen van an"));
  EXPECT_EQ(std::set<std::int64_t>(plain.begin(), plain.end()),
            (std::set<std::int64_t>{an, an_acute}));
  const auto accented = Find("Nguyễn Văn Ấn");
  ASSERT_EQ(accented.hits.size(), 2u);
  EXPECT_EQ(accented.hits[0].case_record.id, an_acute);
  EXPECT_TRUE(accented.hits[0].exact);
  EXPECT_FALSE(accented.hits[1].exact);
  EXPECT_EQ(Find("NGUYỄN VĂN AN").hits.at(0).case_record.id, an);
  // Both tone placements are the same word, and an exact match.
  for (const char* q : {"Hòa", "hoà", "hoa", "HOÀ"}) {
    const auto r = Find(q);
    ASSERT_EQ(Ids(r), std::vector<std::int64_t>{hoa}) << q;
  }
  EXPECT_TRUE(Find("Hòa").hits[0].exact);
  EXPECT_EQ(Ids(Find("dang van duc")), std::vector<std::int64_t>{hoa});
  EXPECT_EQ(Ids(Find("Đức")), std::vector<std::int64_t>{hoa});
  EXPECT_TRUE(Find("nguyen van mai").hits.empty());  // a phrase, not loose words
}

// Relevance: exact accents first, then the rest; newest filed first in each tier;
// pages run across the tiers.
TEST_P(StoreTest, RelevanceIsExactAccentsFirstThenNewestAcrossPages) {
  const std::int64_t a = File(MakeJudgment("31/2023/DS-ST", "Tòa án nhân dân quận 4", "Lê Thị Hoà", "X Y"));
  const std::int64_t b = File(MakeJudgment("32/2023/DS-ST", "Tòa án nhân dân quận 4", "Lê Thị Hoa", "X Y"));
  const std::int64_t c = File(MakeJudgment("33/2023/DS-ST", "Tòa án nhân dân quận 4", "Lê Thị Hòa", "X Y"));
  const std::int64_t d = File(MakeJudgment("34/2023/DS-ST", "Tòa án nhân dân quận 4", "Lê Thị Hóa", "X Y"));
  EXPECT_EQ(Ids(Find("Hoà")), (std::vector<std::int64_t>{c, a, d, b}));
  EXPECT_EQ(Ids(Find("hoa")), (std::vector<std::int64_t>{d, c, b, a}));
  for (std::int32_t offset = 0; offset < 4; ++offset) {
    SearchRequest page;
    page.limit = 1;
    page.offset = offset;
    const SearchResult r = Find("Lê Thị Hoà", page);
    ASSERT_EQ(r.hits.size(), 1u) << offset;
    EXPECT_EQ(r.hits[0].case_record.id, (std::vector<std::int64_t>{c, a, d, b})[static_cast<std::size_t>(offset)]);
    EXPECT_EQ(r.hits[0].exact, offset < 2);
    EXPECT_EQ(r.more, offset < 3);
  }
}

TEST_P(StoreTest, SnippetShowsTheAccentedTextWithTheMatchMarked) {
  File(MakeJudgment("8/2023/DS-ST", "Tòa án nhân dân huyện Đầm Dơi", "Nguyễn Việt Tâm", "Lương Văn Minh"),
       "Buộc bị đơn ông Lương Văn Minh phải trả cho nguyên đơn số tiền 150.000.000 đồng.");
  const auto r = Find("luong van minh phai tra");
  ASSERT_EQ(r.hits.size(), 1u);
  EXPECT_NE(r.hits[0].snippet.find("[Lương Văn Minh phải trả]"), std::string::npos) << r.hits[0].snippet;
  EXPECT_EQ(r.hits[0].parties, (std::vector<std::string>{"Nguyễn Việt Tâm", "Lương Văn Minh"}));
  EXPECT_NE(Find("150.000.000").hits.size(), 0u);
}

// The defendant who also acts for a co-defendant is one person in the hit's list.
TEST_P(StoreTest, APartyInTwoRolesIsListedOnceInAHit) {
  auto j = MakeJudgment("10/2023/DS-ST", "Tòa án nhân dân quận 5", "Võ Thị Sáu", "Lý Văn Tám");
  j.parties.push_back(MakeParty(model::PartyRole::kRepresentative, "Lý Văn Tám"));
  j.parties.push_back(MakeParty(model::PartyRole::kInterestedParty, "Đinh Thị Hà"));
  File(j);
  const auto r = Find("ly van tam");
  ASSERT_EQ(r.hits.size(), 1u);
  EXPECT_EQ(r.hits[0].parties, (std::vector<std::string>{"Võ Thị Sáu", "Lý Văn Tám", "Đinh Thị Hà"}));
}

TEST_P(StoreTest, QuerySyntaxIsSearchedAsText) {
  const std::int64_t id = File(MakeJudgment("9/2023/DS-ST", "Tòa án nhân dân quận 5", "Võ Thị Sáu", "Lý Văn Tám"),
                               "Phạt tiền 5.000.000 đồng (năm triệu đồng) theo Điều 468");
  for (const char* q : {"*", "\"", "\"\"\"", "NEAR", "NEAR(a b)", "'; DROP TABLE cases; --",
                        "(((", ")))", "a OR b", "NOT x", "-x", "meta:vo", "{meta body}: x",
                        "^sau", "sau*", "vo AND", "\\", "%", "_", "?", "$1", "'", "vo:thi:sau",
                        "Điều 468 *", "\"Võ Thị Sáu\"", "@@", "<->", "!", "&&", "||"}) {
    SearchRequest req;
    req.query = q;
    auto r = store_->Search(req);
    EXPECT_TRUE(r.ok()) << q << ": " << r.status().message();
  }
  EXPECT_EQ(Ids(Find("\"Võ Thị Sáu\"")), std::vector<std::int64_t>{id});
  EXPECT_EQ(Ids(Find("(vo thi sau)")), std::vector<std::int64_t>{id});
  EXPECT_EQ(Ids(Find("Điều 468 *")), std::vector<std::int64_t>{id});
  EXPECT_TRUE(store_->GetCase(id).ok());  // nothing was dropped
  SearchRequest too_long;
  too_long.query = std::string(2000, 'a');
  EXPECT_EQ(store_->Search(too_long).status().code(), StatusCode::kInvalidArgument);
  too_long.query = "Ph\xFFng";
  EXPECT_EQ(store_->Search(too_long).status().code(), StatusCode::kInvalidArgument);
}

TEST_P(StoreTest, FiltersAndSortOrders) {
  using model::CaseType;
  auto a = MakeJudgment("10/2021/DS-ST", "Tòa án nhân dân huyện Đầm Dơi, tỉnh Cà Mau", "Đỗ Văn Đức", "Nguyễn Thị Bình", 50000000, year{2021} / 5 / 1);
  auto b = MakeJudgment("11/2022/HNGD-ST", "Tòa án nhân dân thành phố Cà Mau", "Trần Văn Dũng", "Nguyễn Thị Ánh", 2000000, year{2022} / 6 / 1);
  b.document.case_type = CaseType::kFamily;
  b.obligations[0].kind = model::ObligationKind::kSupport;
  auto c = MakeJudgment("12/2023/KDTM-ST", "Tòa án nhân dân quận Ba Đình", "Lê Văn An", "Nguyễn Văn Bình", 900000000, year{2023} / 7 / 1);
  c.document.case_type = CaseType::kCommercial;
  const std::int64_t ia = File(a), ib = File(b), ic = File(c);
  {
    auto tx = store_->Begin();
    ASSERT_TRUE(tx.ok());
    ASSERT_TRUE((*tx)->SetCaseStatus(ic, model::CaseStatus::kDone).ok());
    EXPECT_EQ((*tx)->SetCaseStatus(777, model::CaseStatus::kDone).code(), StatusCode::kNotFound);
    ASSERT_TRUE((*tx)->Commit().ok());
  }
  SearchRequest r;
  r.court = "dam doi";
  EXPECT_EQ(Ids(Find("", r)), std::vector<std::int64_t>{ia});
  r = {};
  r.court = "Cà Mau";
  EXPECT_EQ(Ids(Find("", r)), (std::vector<std::int64_t>{ib, ia}));  // newest first
  r = {};
  r.number = "11/2022/HNGD-ST";
  EXPECT_EQ(Ids(Find("", r)), std::vector<std::int64_t>{ib});
  r = {};
  r.case_type = CaseType::kCommercial;
  EXPECT_EQ(Ids(Find("", r)), std::vector<std::int64_t>{ic});
  r = {};
  r.date_from = year{2022} / 1 / 1;
  r.date_to = year{2022} / 12 / 31;
  EXPECT_EQ(Ids(Find("", r)), std::vector<std::int64_t>{ib});
  r = {};
  r.min_amount = 10000000;
  r.max_amount = 100000000;
  EXPECT_EQ(Ids(Find("", r)), std::vector<std::int64_t>{ia});
  r = {};
  r.status = model::CaseStatus::kDone;
  EXPECT_EQ(Ids(Find("", r)), std::vector<std::int64_t>{ic});
  // A role filter asks for the named person in that role.
  r = {};
  r.role = model::PartyRole::kDefendant;
  EXPECT_EQ(Ids(Find("nguyen thi binh", r)), std::vector<std::int64_t>{ia});
  r.role = model::PartyRole::kPlaintiff;
  EXPECT_TRUE(Find("nguyen thi binh", r).hits.empty());
  // Name order: the first party's given name in Vietnamese order (An < Dũng < Đức).
  r = {};
  r.sort = SortOrder::kName;
  EXPECT_EQ(Ids(Find("", r)), (std::vector<std::int64_t>{ic, ib, ia}));
  r.sort = SortOrder::kDate;
  EXPECT_EQ(Ids(Find("nguyen", r)), (std::vector<std::int64_t>{ic, ib, ia}));
  r.limit = 2;
  auto page = Find("nguyen", r);
  EXPECT_TRUE(page.more);
  r.offset = 2;
  EXPECT_EQ(Ids(Find("nguyen", r)), std::vector<std::int64_t>{ia});
  r.limit = 0;
  EXPECT_EQ(store_->Search(r).status().code(), StatusCode::kInvalidArgument);
}

model::GeneratedDocument Draft(const std::string& agency = "Phòng Thi hành án dân sự khu vực 1") {
  model::GeneratedDocument d;
  d.template_id = "qd-thi-hanh-an-chu-dong";
  d.kind = "Quyết định";
  d.symbol = "QĐ-THADS";
  d.agency = agency;
  d.subject = "Thi hành án chủ động";
  return d;
}

TEST_P(StoreTest, ApprovalNumbersAreSequentialPerAgencySymbolAndYear) {
  const std::int64_t id = File(MakeJudgment("20/2024/DS-ST", "Tòa án nhân dân quận 7", "A An", "B Bình"));
  auto tx = store_->Begin();
  ASSERT_TRUE(tx.ok());
  auto pdf = (*tx)->PutBlob("%PDF-1.7 quyết định");
  ASSERT_TRUE(pdf.ok());
  std::vector<std::int64_t> drafts;
  for (int i = 0; i < 4; ++i) {
    auto d = (*tx)->AddDocument(id, Draft(), *pdf);
    ASSERT_TRUE(d.ok()) << d.status().message();
    drafts.push_back(*d);
  }
  auto first = (*tx)->ApproveDocument(drafts[0], year{2024} / 12 / 30);
  auto second = (*tx)->ApproveDocument(drafts[1], year{2024} / 12 / 31);
  auto next_year = (*tx)->ApproveDocument(drafts[2], year{2025} / 1 / 2);
  // The same agency spelled with the other tone placement counts as the same.
  auto other = (*tx)->AddDocument(id, Draft("PHÒNG THI HÀNH ÁN DÂN SỰ KHU VỰC 1"), "");
  ASSERT_TRUE(other.ok());
  auto third = (*tx)->ApproveDocument(*other, year{2024} / 12 / 31);
  ASSERT_TRUE(first.ok() && second.ok() && next_year.ok() && third.ok());
  EXPECT_EQ(first->document.number, 1);
  EXPECT_EQ(second->document.number, 2);
  EXPECT_EQ(next_year->document.number, 1);
  EXPECT_EQ(third->document.number, 3);
  EXPECT_EQ(first->document.status, model::DocumentStatus::kApproved);
  EXPECT_EQ((*tx)->ApproveDocument(drafts[0], year{2024} / 12 / 31).status().code(),
            StatusCode::kAlreadyExists);
  EXPECT_EQ((*tx)->ApproveDocument(12345, year{2024} / 12 / 31).status().code(), StatusCode::kNotFound);
  // An imported document whose number + symbol + agency exists is refused (ND 30).
  model::GeneratedDocument dup = Draft();
  dup.status = model::DocumentStatus::kApproved;
  dup.number = 2;
  dup.issue_date = year{2024} / 11 / 1;
  EXPECT_EQ((*tx)->AddDocument(id, dup, "").status().code(), StatusCode::kAlreadyExists);
  dup.number = 10;  // a number above the counter moves the counter on
  ASSERT_TRUE((*tx)->AddDocument(id, dup, "").ok());
  auto after = (*tx)->ApproveDocument(drafts[3], year{2024} / 12 / 31);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->document.number, 11);
  EXPECT_EQ((*tx)->AddDocument(id, Draft(), std::string(64, 'f')).status().code(), StatusCode::kNotFound);
  ASSERT_TRUE((*tx)->Commit().ok());
  auto docs = store_->DocumentsOfCase(id);
  ASSERT_TRUE(docs.ok());
  EXPECT_EQ(docs->size(), 6u);
  EXPECT_EQ((*docs)[0].pdf_sha256, *pdf);
  EXPECT_EQ(store_->GetDocument(drafts[1])->document.issue_date, year{2024} / 12 / 31);
}

TEST_P(StoreTest, ApprovedDocumentsAndTheAuditLogCannotBeChanged) {
  const std::int64_t id = File(MakeJudgment("21/2024/DS-ST", "Tòa án nhân dân quận 8", "C Cúc", "D Dung"));
  std::int64_t doc = 0;
  {
    auto tx = store_->Begin();
    ASSERT_TRUE(tx.ok());
    doc = *(*tx)->AddDocument(id, Draft(), "");
    ASSERT_TRUE((*tx)->ApproveDocument(doc, year{2024} / 5 / 5).ok());
    ASSERT_TRUE((*tx)->Audit("source.quarantine", "source/x", "").ok());
    ASSERT_TRUE((*tx)->Commit().ok());
  }
  auto log = store_->AuditLog("");
  ASSERT_TRUE(log.ok());
  std::set<std::string> actions;
  for (const AuditEntry& e : *log) {
    actions.insert(e.action);
    EXPECT_EQ(e.actor, "test");
    EXPECT_EQ(e.at.size(), 20u) << e.at;
  }
  for (const char* a : {"case.create", "extraction.add", "document.add", "document.approve", "source.quarantine"}) {
    EXPECT_EQ(actions.count(a), 1u) << a;
  }
  EXPECT_EQ(store_->AuditLog("document/" + std::to_string(doc))->size(), 2u);
  auto raw = scratch_->Raw();
  ASSERT_TRUE(raw.ok()) << raw.status().message();
  // The ND 30 metadata is in columns too, for reports straight from the database.
  auto nd30 = (*raw)->Query("SELECT kind, number, symbol, issue_date, agency, priority FROM documents", {});
  ASSERT_TRUE(nd30.ok()) << nd30.status().message();
  ASSERT_EQ(nd30->size(), 1u);
  EXPECT_EQ(Text(nd30->front().at(0)), "Quyết định");
  EXPECT_EQ(Int(nd30->front().at(1)), 1);
  EXPECT_EQ(Text(nd30->front().at(3)), "2024-05-05");
  EXPECT_EQ(Text(nd30->front().at(5)), "normal");
  for (const char* sql : {"UPDATE audit SET actor = 'x'", "DELETE FROM audit",
                          "UPDATE documents SET number = 99", "DELETE FROM documents",
                          "UPDATE extractions SET note = 'x'", "DELETE FROM extractions"}) {
    auto r = (*raw)->Query(sql, {});
    EXPECT_FALSE(r.ok()) << sql;
  }
  EXPECT_EQ(store_->GetDocument(doc)->document.number, 1);
}

// Two processes approve drafts of the same agency at once: numbers stay 1..N.
TEST_P(StoreTest, ConcurrentApprovalsInTwoProcessesNeverGapOrRepeat) {
  const std::int64_t id = File(MakeJudgment("22/2024/DS-ST", "Tòa án nhân dân quận 9", "E Én", "G Giang"));
  constexpr int kEach = 15;
  std::vector<std::int64_t> drafts;
  {
    auto tx = store_->Begin();
    ASSERT_TRUE(tx.ok());
    for (int i = 0; i < 2 * kEach; ++i) drafts.push_back(*(*tx)->AddDocument(id, Draft(), ""));
    ASSERT_TRUE((*tx)->Commit().ok());
  }
  store_.reset();  // no indexing thread while forking
  std::vector<pid_t> children;
  for (int half = 0; half < 2; ++half) {
    ASSERT_EQ(ThreadsOfThisProcess(), 1u);
    const pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      auto s = scratch_->Open("child");
      if (!s.ok()) _exit(3);
      for (int i = 0; i < kEach; ++i) {
        auto tx = (*s)->Begin();
        if (!tx.ok()) _exit(4);
        if (!(*tx)->ApproveDocument(drafts[static_cast<std::size_t>(half * kEach + i)], year{2024} / 6 / 1).ok()) _exit(5);
        if (!(*tx)->Commit().ok()) _exit(6);
      }
      _exit(0);
    }
    children.push_back(pid);
  }
  for (pid_t pid : children) {
    int status = 0;
    waitpid(pid, &status, 0);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
  }
  auto reopened = scratch_->Open();
  ASSERT_TRUE(reopened.ok()) << reopened.status().message();
  store_ = std::move(*reopened);
  std::vector<int> numbers;
  const auto docs = store_->DocumentsOfCase(id);
  ASSERT_TRUE(docs.ok());
  for (const StoredDocument& d : *docs) numbers.push_back(d.document.number.value_or(0));
  std::sort(numbers.begin(), numbers.end());
  for (int i = 0; i < 2 * kEach; ++i) EXPECT_EQ(numbers[static_cast<std::size_t>(i)], i + 1);
}

// A writer killed at any moment leaves every committed case whole, and the archive
// opens and verifies.
TEST_P(StoreTest, AWriterKilledMidInsertLosesNothingCommitted) {
  constexpr int kSilentMs = 120000;  // a writer that commits nothing for this long is stuck
  for (int round = 0; round < 4; ++round) {
    store_.reset();  // no indexing thread while forking
    int fds[2];
    ASSERT_EQ(pipe(fds), 0);
    ASSERT_EQ(ThreadsOfThisProcess(), 1u);
    const pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      close(fds[0]);
      auto s = scratch_->Open("writer");
      if (!s.ok()) _exit(3);
      for (int i = 0;; ++i) {
        const std::string number = std::to_string(round * 100000 + i) + "/2024/DS-ST";
        auto j = MakeJudgment(number, "Tòa án nhân dân quận 10", "Nguyễn Văn Một", "Trần Văn Hai");
        auto filed = FileJudgment(**s, j, "Bản án số " + number + std::string(3000, '.'));
        if (!filed.ok()) _exit(4);
        const std::int64_t committed = *filed;
        if (write(fds[1], &committed, sizeof committed) != sizeof committed) _exit(5);
      }
    }
    close(fds[1]);
    // Kill it at a different moment each round, once it has committed a few cases
    // (counted, not timed: a loaded machine may take long for the first one).
    std::vector<std::int64_t> committed;
    std::int64_t id = 0;
    while (committed.size() < static_cast<std::size_t>(1 + 3 * round) &&
           ReadFromChild(fds[0], &id, sizeof id, kSilentMs)) {
      committed.push_back(id);
    }
    usleep(static_cast<useconds_t>(7000 * round));
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    EXPECT_TRUE(WIFSIGNALED(status)) << "the writer stopped by itself: " << status;
    while (ReadFromChild(fds[0], &id, sizeof id, kSilentMs)) committed.push_back(id);
    close(fds[0]);

    auto reopened = scratch_->Open();
    ASSERT_TRUE(reopened.ok()) << reopened.status().message();
    store_ = std::move(*reopened);
    EXPECT_GT(committed.size(), 0u) << "round " << round;
    for (std::int64_t c : committed) {
      auto e = store_->CurrentExtraction(c);
      ASSERT_TRUE(e.ok()) << "case " << c << ": " << e.status().message();
      EXPECT_EQ(e->parties.size(), 2u);
      EXPECT_EQ(store_->SourcesOfCase(c)->size(), 1u);
    }
    auto report = store_->Verify();
    ASSERT_TRUE(report.ok()) << report.status().message();
    EXPECT_TRUE(report->ok()) << report->database_check;
  }
}

// Committed cases are found before the index holds them, in the same order and with
// the same pages as after; the index then takes them over.
TEST_P(StoreTest, CasesNotIndexedYetAreFoundTheSame) {
  store_.reset();
  auto opened = scratch_->Open("test", /*index_in_background=*/false);
  ASSERT_TRUE(opened.ok()) << opened.status().message();
  store_ = std::move(*opened);
  const char* court = "Tòa án nhân dân huyện Đầm Dơi, tỉnh Cà Mau";
  File(MakeJudgment("1/2023/DS-ST", court, "Nguyễn Văn An", "Lê Thị Hoà", 50000000, year{2023} / 1 / 2));
  ASSERT_TRUE(store_->WaitForSearchIndex().ok());  // one indexed, the rest waiting
  File(MakeJudgment("2/2023/DS-ST", court, "Nguyễn Văn Ấn", "Lê Thị Hòa", 90000000, year{2022} / 5 / 6),
       "Buộc bị đơn bà Lê Thị Hòa phải trả cho ông Nguyễn Văn Ấn số tiền 90.000.000 đồng.");
  const std::int64_t third = File(MakeJudgment("3/2023/HNGD-ST", "Tòa án nhân dân quận 3", "Trần Văn Bình",
                                               "Nguyễn Văn An", 2000000, year{2024} / 2 / 3));
  File(MakeJudgment("4/2023/DS-ST", court, "Phạm Thị Hoa", "Đỗ Văn An", 700000000, year{2023} / 9 / 9));
  {  // a correction: the old state must no longer match
    auto tx = store_->Begin();
    ASSERT_TRUE(tx.ok());
    auto corrected = MakeJudgment("3/2023/HNGD-ST", "Tòa án nhân dân quận 3", "Trần Văn Bình",
                                  "Nguyễn Văn Bảo", 2000000, year{2024} / 2 / 3);
    ASSERT_TRUE((*tx)->AddExtraction(third, {corrected, "sửa tên", std::nullopt, std::nullopt}).ok());
    ASSERT_TRUE((*tx)->Commit().ok());
  }
  std::vector<SearchRequest> requests;
  for (const char* q : {"nguyen van an", "Nguyễn Văn Ấn", "Hoà", "hoa", "le thi hoa phai tra", "an",
                        "1/2023/DS-ST", "dam doi", "90.000.000"}) {
    for (SortOrder sort : {SortOrder::kRelevance, SortOrder::kDate, SortOrder::kName}) {
      for (std::int32_t offset : {0, 1}) {
        SearchRequest r;
        r.query = q;
        r.sort = sort;
        r.limit = 2;
        r.offset = offset;
        requests.push_back(r);
      }
    }
  }
  SearchRequest filtered;
  filtered.query = "nguyen van";
  filtered.court = "dam doi";
  filtered.min_amount = 60000000;
  requests.push_back(filtered);
  filtered.role = model::PartyRole::kPlaintiff;
  filtered.min_amount.reset();
  requests.push_back(filtered);
  auto results = [&] {
    std::vector<std::vector<std::pair<std::int64_t, bool>>> out;
    for (const SearchRequest& r : requests) {
      auto found = store_->Search(r);
      EXPECT_TRUE(found.ok()) << r.query << ": " << found.status().message();
      std::vector<std::pair<std::int64_t, bool>> hits;
      if (found.ok()) {
        for (const SearchHit& h : found->hits) hits.push_back({h.case_record.id, h.exact});
        hits.push_back({found->more ? -1 : -2, false});
      }
      out.push_back(hits);
    }
    return out;
  };
  const auto before = results();
  EXPECT_TRUE(Ids(Find("nguyen van an")).size() == 2u);  // the corrected party is gone
  ASSERT_TRUE(store_->WaitForSearchIndex().ok());
  const auto after = results();
  for (std::size_t i = 0; i < requests.size(); ++i) {
    EXPECT_EQ(before[i], after[i]) << requests[i].query << " sort " << static_cast<int>(requests[i].sort)
                                   << " offset " << requests[i].offset;
  }
}

// An archive made by the first version of the schema opens, migrates, and its cases
// are still found.
TEST_P(StoreTest, AnArchiveOfSchemaVersion1IsMigrated) {
  ScratchArchive old(GetParam());
  if (!old.dir().empty()) std::filesystem::create_directories(old.dir());
  {
    auto raw = old.Raw();
    ASSERT_TRUE(raw.ok()) << raw.status().message();
    SqlConnection& db = **raw;
    ASSERT_TRUE(db.Script("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)").ok());
    ASSERT_TRUE(db.Script(db.Migrations().at(0)).ok());
    const bool sqlite = db.dialect() == Dialect::kSqlite;
    ASSERT_TRUE(db.Script("INSERT INTO meta VALUES ('format', 'thads-archive'), ('schema_version', '1');"
                          "INSERT INTO courts (name_key, name, name_fold) VALUES ('tòa án nhân dân "
                          "huyện đầm dơi', 'Tòa án nhân dân huyện Đầm Dơi', 'toa an nhan dan huyen dam doi')")
                    .ok());
    ASSERT_TRUE(db.Query("INSERT INTO cases (number, number_key, court_id, status, office, current_version, "
                         "sort_key, created_at) SELECT '70/2017/DS-ST', '70 2017 ds st', id, 'received', '', "
                         "0, ?, '2024-01-01T00:00:00Z' FROM courts",
                         {Bytes{"\xff"}})
                    .ok());
    ASSERT_TRUE(db.Script(sqlite ? "INSERT INTO search_docs (case_id, current) SELECT id, 1 FROM cases"
                                 : "INSERT INTO search_docs (case_id, current, words, pairs, accent) "
                                   "SELECT id, 1, '', 'dam_doi:1A', '' FROM cases")
                    .ok());
  }
  auto migrated = old.Open();
  ASSERT_TRUE(migrated.ok()) << migrated.status().message();
  SearchRequest r;
  r.query = "dam doi";
  auto found = (*migrated)->Search(r);
  ASSERT_TRUE(found.ok()) << found.status().message();
  ASSERT_EQ(found->hits.size(), 1u);
  EXPECT_EQ(found->hits[0].case_record.number, "70/2017/DS-ST");
  ASSERT_TRUE((*migrated)->WaitForSearchIndex().ok());
  EXPECT_EQ((*migrated)->Search(r)->hits.size(), 1u);
  EXPECT_TRUE(FileJudgment(**migrated, MakeJudgment("71/2017/DS-ST", "Tòa án nhân dân huyện Đầm Dơi",
                                                    "Nguyễn Văn An", "Lê Thị Hoà"))
                  .ok());
  EXPECT_EQ((*migrated)->Search(r)->hits.size(), 2u);
  auto raw = old.Raw();
  ASSERT_TRUE(raw.ok()) << raw.status().message();
  auto version = (*raw)->Query("SELECT value FROM meta WHERE key = 'schema_version'", {});
  ASSERT_TRUE(version.ok()) << version.status().message();
  ASSERT_EQ(version->size(), 1u);
  EXPECT_EQ(Text(version->front().at(0)), std::to_string((*raw)->Migrations().size()));
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreTest, ::testing::Values("sqlite", "postgres"),
                         [](const ::testing::TestParamInfo<std::string>& p) { return p.param; });

}  // namespace
}  // namespace thads::archive
