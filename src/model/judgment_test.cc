#include "model/judgment.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "model/case.h"
#include "model/document.h"

namespace thads::model {
namespace {

using ::testing::ElementsAre;

// Checks one enumeration against its spellings, in order: ToString, Parse, the
// error for an unknown spelling, and that spellings are case-sensitive.
template <typename E, std::size_t N>
void ExpectSpellings(const std::array<E, N>& all, Result<E> (*parse)(std::string_view),
                     const std::vector<std::string>& spellings) {
  ASSERT_EQ(all.size(), spellings.size());
  std::set<E> distinct(all.begin(), all.end());
  EXPECT_EQ(distinct.size(), all.size()) << "a value is listed twice";
  std::string accepted;
  for (std::size_t i = 0; i < all.size(); ++i) {
    SCOPED_TRACE(spellings[i]);
    EXPECT_EQ(ToString(all[i]), spellings[i]);
    Result<E> parsed = parse(spellings[i]);
    ASSERT_TRUE(parsed.ok()) << parsed.status().message();
    EXPECT_EQ(*parsed, all[i]);
    accepted += (i == 0 ? "" : ", ") + spellings[i];

    std::string flipped = spellings[i];
    for (char& c : flipped) c = static_cast<char>(c ^ 0x20);  // swaps ASCII letter case
    EXPECT_FALSE(parse(flipped).ok()) << flipped;
  }
  Result<E> unknown = parse("plaintiff");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(unknown.status().message(),
            "expected one of " + accepted + "; got \"plaintiff\"");
  EXPECT_FALSE(parse("").ok());
}

TEST(Enumerations, DocumentKindMatchesSchema) {
  ExpectSpellings(kAllDocumentKinds, ParseDocumentKind, {"ban_an", "quyet_dinh"});
}

TEST(Enumerations, CourtLevelMatchesSchema) {
  ExpectSpellings(kAllCourtLevels, ParseCourtLevel,
                  {"so_tham", "phuc_tham", "giam_doc_tham", "tai_tham"});
}

TEST(Enumerations, CaseTypeMatchesSchema) {
  ExpectSpellings(kAllCaseTypes, ParseCaseType, {"DS", "HNGD", "KDTM", "LD", "HC", "HS"});
}

TEST(Enumerations, PartyRoleMatchesSchema) {
  ExpectSpellings(
      kAllPartyRoles, ParsePartyRole,
      {"nguyen_don", "bi_don", "nguoi_lien_quan", "bi_cao", "bi_hai", "nguoi_dai_dien"});
}

TEST(Enumerations, PartyKindMatchesSchema) {
  ExpectSpellings(kAllPartyKinds, ParsePartyKind, {"person", "organization"});
}

TEST(Enumerations, ObligationKindMatchesSchema) {
  ExpectSpellings(
      kAllObligationKinds, ParseObligationKind,
      {"tra_tien", "boi_thuong", "cap_duong", "an_phi", "hoan_tra_tam_ung_an_phi",
       "phat_tien", "giao_tai_san", "tich_thu", "tieu_huy", "chi_phi_to_tung", "khac"});
}

TEST(Enumerations, PaymentPeriodMatchesSchema) {
  ExpectSpellings(kAllPaymentPeriods, ParsePaymentPeriod,
                  {"once", "monthly", "installments"});
}

TEST(Enumerations, InitiativeMatchesSchema) {
  ExpectSpellings(kAllInitiatives, ParseInitiative, {"chu_dong", "theo_yeu_cau"});
}

TEST(Enumerations, CaseStatusSpellings) {
  ExpectSpellings(kAllCaseStatuses, ParseCaseStatus,
                  {"received", "for_review", "in_progress", "no_means", "postponed",
                   "suspended", "transferred", "terminated", "done"});
}

TEST(Enumerations, DocumentStatusSpellings) {
  ExpectSpellings(kAllDocumentStatuses, ParseDocumentStatus, {"draft", "approved"});
}

TEST(Enumerations, UrgencySpellings) {
  ExpectSpellings(kAllUrgencies, ParseUrgency,
                  {"normal", "urgent", "very_urgent", "flash"});
}

TEST(Enumerations, UnknownSpellingIsQuotedSafely) {
  Result<PartyKind> r = ParsePartyKind("x\"y\n\xFF");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "expected one of person, organization; got \"x\\\"y\\u000A\xEF\xBF\xBD\"");
}

struct InitiativeCase {
  ObligationKind kind;
  Initiative expected;
  bool owed_to_state;
};

void PrintTo(const InitiativeCase& c, std::ostream* os) { *os << ToString(c.kind); }

class InitiativeByKind : public ::testing::TestWithParam<InitiativeCase> {};

TEST_P(InitiativeByKind, FollowsTheLaw) {
  const InitiativeCase& c = GetParam();
  EXPECT_EQ(DefaultInitiative(c.kind), c.expected);
  Obligation obligation;
  obligation.kind = c.kind;
  obligation.creditor = "Nguyễn Việt Tâm";
  EXPECT_EQ(IsOwedToState(obligation), c.owed_to_state);
  EXPECT_EQ(DefaultInitiative(obligation), c.expected);
}

constexpr Initiative kOwn = Initiative::kOwnInitiative;
constexpr Initiative kAsked = Initiative::kOnRequest;

INSTANTIATE_TEST_SUITE_P(
    AllKinds, InitiativeByKind,
    ::testing::Values(InitiativeCase{ObligationKind::kPayDebt, kAsked, false},
                      InitiativeCase{ObligationKind::kCompensation, kAsked, false},
                      InitiativeCase{ObligationKind::kSupport, kAsked, false},
                      InitiativeCase{ObligationKind::kCourtFee, kOwn, true},
                      InitiativeCase{ObligationKind::kAdvanceFeeRefund, kOwn, false},
                      InitiativeCase{ObligationKind::kFine, kOwn, true},
                      InitiativeCase{ObligationKind::kHandOverProperty, kAsked, false},
                      InitiativeCase{ObligationKind::kConfiscation, kOwn, true},
                      InitiativeCase{ObligationKind::kDestruction, kOwn, true},
                      InitiativeCase{ObligationKind::kProceduralCosts, kAsked, false},
                      InitiativeCase{ObligationKind::kOther, kAsked, false}),
    [](const ::testing::TestParamInfo<InitiativeCase>& param_info) {
      return std::string(ToString(param_info.param.kind));
    });

TEST(InitiativeByKind, EveryKindIsCovered) { EXPECT_EQ(kAllObligationKinds.size(), 11u); }

TEST(IsOwedToState, StateCreditorMakesAnyKindOwnInitiative) {
  Obligation other;
  other.kind = ObligationKind::kOther;
  other.creditor = "Nha\xCC\x80 nươ\xCC\x81\x63";  // "Nhà nước" with combining marks
  EXPECT_TRUE(IsOwedToState(other));
  EXPECT_EQ(DefaultInitiative(other), Initiative::kOwnInitiative);
  EXPECT_EQ(DefaultInitiative(other.kind), Initiative::kOnRequest);

  other.creditor = std::nullopt;
  EXPECT_FALSE(IsOwedToState(other));
}

TEST(ObligationsOwedToState, KeepsJudgmentOrder) {
  Judgment judgment;
  judgment.obligations.resize(4);
  judgment.obligations[0].kind = ObligationKind::kPayDebt;
  judgment.obligations[1].kind = ObligationKind::kCourtFee;
  judgment.obligations[2].kind = ObligationKind::kAdvanceFeeRefund;
  judgment.obligations[3].kind = ObligationKind::kConfiscation;
  EXPECT_THAT(ObligationsOwedToState(judgment),
              ElementsAre(&judgment.obligations[1], &judgment.obligations[3]));
}

Judgment PartiesFixture() {
  Judgment judgment;
  Party plaintiff;
  plaintiff.role = PartyRole::kPlaintiff;
  plaintiff.name = "Nguyễn Việt Tâm";
  Party representative = plaintiff;
  representative.role = PartyRole::kRepresentative;
  representative.represents = "Trần Thị Hòa";
  Party other;
  other.role = PartyRole::kInterestedParty;
  other.name = "Trần Thị Hòa";
  judgment.parties = {plaintiff, representative, other};
  return judgment;
}

struct FindCase {
  const char* name;
  const char* query;
  std::optional<PartyRole> role;
  int expected_index;  // -1: not found
};

void PrintTo(const FindCase& c, std::ostream* os) { *os << c.name; }

class FindPartyTest : public ::testing::TestWithParam<FindCase> {};

TEST_P(FindPartyTest, MatchesWrittenName) {
  const Judgment judgment = PartiesFixture();
  const FindCase& c = GetParam();
  const Party* found = FindParty(judgment, c.query, c.role);
  if (c.expected_index < 0) {
    EXPECT_EQ(found, nullptr);
  } else {
    EXPECT_EQ(found, &judgment.parties.at(static_cast<std::size_t>(c.expected_index)));
  }
}

INSTANTIATE_TEST_SUITE_P(
    Queries, FindPartyTest,
    ::testing::Values(
        FindCase{"Exact", "Nguyễn Việt Tâm", std::nullopt, 0},
        FindCase{"Decomposed", "Nguye\xCC\x82\xCC\x83n Vie\xCC\xA3\xCC\x82t Ta\xCC\x82m",
                 std::nullopt, 0},
        FindCase{"UpperCase", "NGUYỄN VIỆT TÂM", std::nullopt, 0},
        FindCase{"ExtraSpaces", "  Nguyễn  Việt Tâm ", std::nullopt, 0},
        FindCase{"RoleFilter", "Nguyễn Việt Tâm", PartyRole::kRepresentative, 1},
        FindCase{"OtherTonePlacement", "Trần Thị Hoà", std::nullopt, 2},
        FindCase{"WithoutAccents", "Nguyen Viet Tam", std::nullopt, -1},
        FindCase{"Prefix", "Nguyễn Việt", std::nullopt, -1},
        FindCase{"WrongRole", "Nguyễn Việt Tâm", PartyRole::kDefendant, -1},
        FindCase{"InvalidUtf8", "Nguy\xE1\xBB", std::nullopt, -1}),
    [](const ::testing::TestParamInfo<FindCase>& param_info) {
      return param_info.param.name;
    });

TEST(SameName, InvalidUtf8NeverMatches) {
  EXPECT_FALSE(SameName("\xFF", "\xFF"));
  EXPECT_TRUE(SameName("Ủy ban", "uỷ  ban"));
}

TEST(IsClosed, OnlyTheEndStates) {
  std::vector<CaseStatus> closed;
  for (CaseStatus s : kAllCaseStatuses) {
    if (IsClosed(s)) closed.push_back(s);
  }
  EXPECT_THAT(closed, ElementsAre(CaseStatus::kTransferred, CaseStatus::kTerminated,
                                  CaseStatus::kDone));
}

TEST(SameRegistration, NumberSymbolAndAgency) {
  GeneratedDocument a;
  a.number = 12;
  a.symbol = "QĐ-THADS";
  a.agency = "Thi hành án dân sự tỉnh Cà Mau";
  GeneratedDocument b = a;
  b.subject = "another subject";
  b.agency = "THI HÀNH ÁN DÂN SỰ TỈNH CÀ MAU";
  EXPECT_TRUE(SameRegistration(a, b));
  b.symbol = "QĐ-UBND";
  EXPECT_FALSE(SameRegistration(a, b));
  b.symbol = std::nullopt;
  EXPECT_FALSE(SameRegistration(a, b));
  b.symbol = a.symbol;
  b.number = 13;
  EXPECT_FALSE(SameRegistration(a, b));
  a.number = std::nullopt;
  b.number = std::nullopt;
  EXPECT_FALSE(SameRegistration(a, b)) << "drafts without a number are never duplicates";
}

}  // namespace
}  // namespace thads::model
