#include "pipeline/drafts.h"

#include <gtest/gtest.h>

#include "base/paths.h"
#include "render/office_profile.h"
#include "render/template.h"

namespace thads::pipeline {
namespace {

using model::Initiative;
using model::ObligationKind;

model::ExtractionResult Judgment() {
  model::ExtractionResult j;
  j.document.court = "Tòa án nhân dân huyện Cao Lãnh, tỉnh Đồng Tháp";
  j.document.number = "12/2023/DS-ST";
  j.document.date = text::Date{std::chrono::year(2023), std::chrono::month(3), std::chrono::day(15)};
  j.document.kind = model::DocumentKind::kJudgment;
  model::Party plaintiff;
  plaintiff.role = model::PartyRole::kPlaintiff;
  plaintiff.name = "Nguyễn Văn An";
  plaintiff.address = "số 45, đường Nguyễn Huệ, phường Cao Lãnh, tỉnh Đồng Tháp";
  model::Party defendant;
  defendant.role = model::PartyRole::kDefendant;
  defendant.name = "Lê Văn Minh";
  defendant.birth_year = 1975;
  defendant.address = "ấp Mỹ Thạnh, xã Mỹ Long, tỉnh Đồng Tháp";
  j.parties = {plaintiff, defendant};
  const auto add = [&](ObligationKind kind, std::string debtor, std::string creditor,
                       std::optional<std::int64_t> amount) {
    model::Obligation o;
    o.kind = kind;
    o.debtor = std::move(debtor);
    o.creditor = std::move(creditor);
    o.amount_vnd = amount;
    o.initiative = model::DefaultInitiative(kind);
    j.obligations.push_back(o);
  };
  add(ObligationKind::kPayDebt, "Lê Văn Minh", "Nguyễn Văn An", 168500000);
  add(ObligationKind::kCourtFee, "Lê Văn Minh", "Nhà nước", 8425000);
  add(ObligationKind::kAdvanceFeeRefund, "Chi cục Thi hành án dân sự huyện Cao Lãnh",
      "Nguyễn Văn An", 4212500);
  add(ObligationKind::kDestruction, "Lê Văn Minh", "Nhà nước", std::nullopt);
  j.obligations[0].late_interest = true;
  return j;
}

DraftContext Context() {
  DraftContext c;
  c.decision_date = text::Date{std::chrono::year(2026), std::chrono::month(9), std::chrono::day(8)};
  c.officer = "Lê Thị Cúc";
  c.office_address = "Số 12, đường Lý Thường Kiệt, phường Cao Lãnh, tỉnh Đồng Tháp";
  return c;
}

// Every draft must expand with the shipped template and office profile.
void ExpectRenderable(const Draft& d) {
  auto tmpl = render::LoadTemplate(TemplatesDir() + "/" + d.template_name + ".xml");
  ASSERT_TRUE(tmpl.ok()) << tmpl.status().message();
  auto office = render::LoadOfficeProfile(render::DefaultOfficeProfilePath());
  ASSERT_TRUE(office.ok()) << office.status().message();
  auto doc = render::Expand(*tmpl, d.data_json, *office);
  EXPECT_TRUE(doc.ok()) << doc.status().message() << "\n" << d.data_json;
}

TEST(Drafts, OwnInitiativeDecisionPerDebtorCoversWhatIsOwedToTheState) {
  const model::ExtractionResult j = Judgment();
  const DraftSet set = DraftOwnInitiativeDecisions(j, Context());
  EXPECT_TRUE(set.problems.empty()) << set.problems.front();
  ASSERT_EQ(set.drafts.size(), 2u);
  EXPECT_EQ(set.drafts[0].debtor, "Lê Văn Minh");
  EXPECT_EQ(set.drafts[0].obligations, (std::vector<std::size_t>{1, 3}));
  EXPECT_EQ(set.drafts[1].debtor, "Chi cục Thi hành án dân sự huyện Cao Lãnh");
  EXPECT_EQ(set.drafts[1].obligations, (std::vector<std::size_t>{2}));
  EXPECT_NE(set.drafts[0].data_json.find("\"Nộp tiền án phí\""), std::string::npos);
  EXPECT_NE(set.drafts[1].data_json.find("Hoàn trả tiền tạm ứng án phí cho Nguyễn Văn An"),
            std::string::npos);
  for (const Draft& d : set.drafts) ExpectRenderable(d);
  // The debt owed to the plaintiff waits for the plaintiff's request.
  EXPECT_EQ(UncoveredObligations(j, set.drafts), (std::vector<std::size_t>{0}));
}

TEST(Drafts, OnRequestDecisionCoversTheRest) {
  const model::ExtractionResult j = Judgment();
  const text::Date request{std::chrono::year(2026), std::chrono::month(9), std::chrono::day(14)};
  auto set = DraftOnRequestDecisions(j, "Nguyễn Văn An", request, Context());
  ASSERT_TRUE(set.ok()) << set.status().message();
  ASSERT_EQ(set->drafts.size(), 1u);
  EXPECT_EQ(set->drafts[0].template_name, "qd-thi-hanh-an-theo-yeu-cau");
  EXPECT_NE(set->drafts[0].data_json.find("\"late_interest\": true"), std::string::npos);
  ExpectRenderable(set->drafts[0]);
  std::vector<Draft> all = DraftOwnInitiativeDecisions(j, Context()).drafts;
  all.insert(all.end(), set->drafts.begin(), set->drafts.end());
  EXPECT_TRUE(UncoveredObligations(j, all).empty());
}

TEST(Drafts, NothingIsGuessed) {
  model::ExtractionResult j = Judgment();
  auto no_request = DraftOnRequestDecisions(j, "Trần Văn Bình", {}, Context());
  EXPECT_FALSE(no_request.ok());
  j.parties[1].address.reset();
  const DraftSet set = DraftOwnInitiativeDecisions(j, Context());
  ASSERT_EQ(set.problems.size(), 1u);
  EXPECT_EQ(set.problems[0], "no chủ động decision for Lê Văn Minh: no address for Lê Văn Minh");
  j.document.number.reset();
  EXPECT_EQ(DraftOwnInitiativeDecisions(j, Context()).drafts.size(), 0u);
}

}  // namespace
}  // namespace thads::pipeline
