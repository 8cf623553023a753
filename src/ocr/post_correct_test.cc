#include "ocr/post_correct.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ocr/error_rate.h"

namespace thads::ocr {
namespace {

// One corrector for every test: loading hunspell-vi is the slow part.
const PostCorrector& Corrector() {
  static const std::unique_ptr<PostCorrector> corrector = [] {
    auto made = PostCorrector::Create({});
    EXPECT_TRUE(made.ok()) << made.status().message();
    return made.ok() ? std::move(made).value() : nullptr;
  }();
  return *corrector;
}

// A one-line page of `text`'s words, side by side, every word read with `confidence`.
OcrPage Page(const std::string& text, float confidence) {
  OcrPage page;
  page.width = 2000;
  page.height = 100;
  page.dpi = 300;
  page.lines.push_back({0, 0, 2000, 40, 40, 40, true});
  int x = 0;
  for (const std::string& w : SplitWords(text)) {
    OcrWord word;
    word.text = w;
    word.x0 = x;
    word.x1 = x + 20 * static_cast<int>(w.size());
    word.y0 = 0;
    word.y1 = 40;
    word.confidence = confidence;
    x = word.x1 + 10;
    page.words.push_back(word);
  }
  return page;
}

std::string Words(const OcrPage& page) {
  std::string out;
  for (const OcrWord& w : page.words) out += (out.empty() ? "" : " ") + w.text;
  return out;
}

struct Case {
  const char* seen;
  float confidence;
  const char* want;
  const char* before;  // the one correction expected ("" for none)
  const char* after;
  const char* reason;
};

TEST(PostCorrector, MendsWhatTheEngineTypicallyMisreads) {
  const std::vector<Case> cases = {
      // A lost or wrong mark on â/ê/ô/ơ/ư, a valid syllable its neighbours reject.
      {"thi hành án dần sự", 80, "thi hành án dân sự", "dần", "dân", "context"},
      {"đáp ứng nhu câu của người dân", 80, "đáp ứng nhu cầu của người dân", "câu", "cầu",
       "context"},
      {"theo ủy quyên của bà", 80, "theo ủy quyền của bà", "quyên", "quyền", "context"},
      {"Độc lập - Tư do - Hạnh phúc", 80, "Độc lập - Tự do - Hạnh phúc", "Tư", "Tự",
       "context"},
      {"ĐỘC LẬP - TƯ DO - HẠNH PHÚC", 80, "ĐỘC LẬP - TỰ DO - HẠNH PHÚC", "TƯ", "TỰ",
       "context"},
      // Not a syllable at all.
      {"nộp án phí dân sư sơ thẩm", 60, "nộp án phí dân sự sơ thẩm", "sư", "sự",
       "context"},
      {"án phí dân sự sơ thấm", 60, "án phí dân sự sơ thẩm", "thấm", "thẩm", "context"},
      {"Tòa án nhân dân huyện", 90, "Tòa án nhân dân huyện", "", "", ""},
      {"bị đơn phải trả tiên lãi", 70, "bị đơn phải trả tiền lãi", "tiên", "tiền",
       "context"},
      {"giấy chứng nhân quyền", 50, "giấy chứng nhận quyền", "nhân", "nhận", "context"},
      {"Bản án dân sư sơ thẩm", 90, "Bản án dân sự sơ thẩm", "sư", "sự", "context"},
      // Letters Vietnamese never uses.
      {"bị đơn böi thường thiệt hại", 90, "bị đơn bồi thường thiệt hại", "böi", "bồi",
       "foreign_char"},
      {"thï hành án", 90, "thi hành án", "thï", "thi", "foreign_char"},
      {"số ti€n", 90, "số tiền", "ti€n", "tiền", "foreign_char"},
      {"Quyết định số 45/QĐÐ-THADS", 90, "Quyết định số 45/QĐ-THADS", "45/QĐÐ-THADS",
       "45/QĐ-THADS", "foreign_char"},
      // I, l, | and O for 1 and 0 in numbers and symbols.
      {"số tiền 15O.000.000 đồng", 90, "số tiền 150.000.000 đồng", "15O.000.000",
       "150.000.000", "digit_confusion"},
      {"Luật số 45/2019/QH1I", 90, "Luật số 45/2019/QH11", "45/2019/QH1I", "45/2019/QH11",
       "symbol"},
      {"QH I1", 90, "QH11", "QH I1", "QH11", "symbol"},
      {"Luật số 45/2019/QH I4 ngày", 90, "Luật số 45/2019/QH14 ngày", "45/2019/QH I4",
       "45/2019/QH14", "symbol"},
      {"hợp đồng số I23/HĐ/NN", 90, "hợp đồng số 123/HĐ/NN", "I23/HĐ/NN", "123/HĐ/NN",
       "symbol"},
      // Specks stuck to a word.
      {"_tích cực", 60, "tích cực", "_tích", "tích", "noise"},
      // Amounts in digits and words made to agree when one edit does it.
      {"trả 15.000.000 đồng (Một trăm năm mươi triệu đồng)", 90,
       "trả 150.000.000 đồng (Một trăm năm mươi triệu đồng)", "15.000.000", "150.000.000",
       "amount_digits"},
      {"trả 150.000.000 đồng (Một trăm năm mươi nghìn đồng)", 90,
       "trả 150.000.000 đồng (Một trăm năm mươi triệu đồng)", "nghìn", "triệu",
       "amount_words"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.seen);
    OcrPage page = Page(c.seen, c.confidence);
    const std::vector<Correction> done = Corrector().Correct(page);
    EXPECT_EQ(Words(page), c.want);
    if (*c.before == '\0') {
      EXPECT_TRUE(done.empty());
      continue;
    }
    ASSERT_EQ(done.size(), 1u);
    EXPECT_EQ(done[0].before, c.before);
    EXPECT_EQ(done[0].after, c.after);
    EXPECT_EQ(done[0].reason, c.reason);
    ASSERT_LT(static_cast<std::size_t>(done[0].word), page.words.size());
    EXPECT_EQ(page.words[static_cast<std::size_t>(done[0].word)].text, c.after);
  }
}

TEST(PostCorrector, LeavesValidWordsNamesNumbersAndSymbolsAlone) {
  for (const char* text : {
           "dân quyền tiền sự",
           "Ông Nguyễn Văn Ấn, sinh năm 1970",
           "Bà Trần Thị B và ông Lê Văn H",
           "số tiền 1.500.000 đồng (Một triệu năm trăm nghìn đồng)",
           "Bản án số 123/2023/DS-ST ngày 15-3-2023",
           "Quyết định số 45/2024/QĐST-DS",
           "Email: thads@moj.gov.vn, Ngân hàng TMCP Á Châu, CCCD số 079085001234",
           "UBND HĐND VKSND TAND Công ty TNHH Một thành viên",
           "Điều 468 Bộ luật Dân sự năm 2015; Luật số 106/2025/QH15",
           "TÒA ÁN NHÂN DÂN HUYỆN X – TỈNH Y",
           "hoà giải, hòa giải, uỷ ban, ủy ban",
           "I II III IV; 86,81%; 2.000.000 đồng/tháng",
       }) {
    SCOPED_TRACE(text);
    for (float confidence : {95.0f, 40.0f}) {
      OcrPage page = Page(text, confidence);
      const std::vector<Correction> done = Corrector().Correct(page);
      EXPECT_EQ(Words(page), text);
      for (const Correction& c : done) ADD_FAILURE() << c.before << " -> " << c.after;
    }
  }
}

TEST(PostCorrector, SwitchedOffChangesNothing) {
  PostCorrectOptions options;
  options.enabled = false;
  auto off = PostCorrector::Create(options);
  ASSERT_TRUE(off.ok());
  OcrPage page = Page("thi hành án dần sự böi thường QH I1", 30);
  const OcrPage before = page;
  EXPECT_TRUE((*off)->Correct(page).empty());
  EXPECT_EQ(Words(page), Words(before));
  EXPECT_EQ(page.words.size(), before.words.size());
}

TEST(PostCorrector, ContextCanBeLeftOut) {
  PostCorrectOptions options;
  options.keep_per_confidence = -1;
  auto made = PostCorrector::Create(options);
  ASSERT_TRUE(made.ok()) << made.status().message();
  OcrPage page = Page("thi hành án dần sự, bị đơn böi thường", 30);
  const std::vector<Correction> done = (*made)->Correct(page);
  EXPECT_EQ(Words(page), "thi hành án dần sự, bị đơn bồi thường");
  ASSERT_EQ(done.size(), 1u);
  EXPECT_EQ(done[0].reason, "foreign_char");
}

TEST(PostCorrector, RecordsEveryChangeAndKeepsBoxes) {
  OcrPage page =
      Page("thi hành án dần sự, bị đơn böi thường theo Luật số 45/2019/QH I4", 70);
  const OcrPage before = page;
  const std::vector<Correction> done = Corrector().Correct(page);
  ASSERT_EQ(done.size(), 3u);
  // Words not reported are unchanged, boxes and confidences untouched but for the merge.
  std::size_t changed = 0;
  for (std::size_t i = 0; i < page.words.size(); ++i) {
    const bool reported = std::any_of(done.begin(), done.end(), [&](const Correction& c) {
      return static_cast<std::size_t>(c.word) == i;
    });
    if (reported) ++changed;
    if (i < before.words.size() && !reported) {
      EXPECT_EQ(page.words[i].text, before.words[i].text);
      EXPECT_EQ(page.words[i].x0, before.words[i].x0);
      EXPECT_EQ(page.words[i].x1, before.words[i].x1);
    }
  }
  EXPECT_EQ(changed, 3u);
  EXPECT_EQ(page.words.size(), before.words.size() - 1);  // the symbol merged
  const OcrWord& merged = page.words.back();
  EXPECT_EQ(merged.text, "45/2019/QH14");
  EXPECT_EQ(merged.x0, before.words[before.words.size() - 2].x0);
  EXPECT_EQ(merged.x1, before.words.back().x1);
  for (const Correction& c : done) {
    EXPECT_FALSE(c.before.empty());
    EXPECT_FALSE(c.after.empty());
    EXPECT_NE(c.before, c.after);
    EXPECT_FALSE(c.reason.empty());
  }
}

TEST(PostCorrector, OddInputNeitherCrashesNorMangles) {
  OcrPage empty;
  EXPECT_TRUE(Corrector().Correct(empty).empty());
  const std::string long_word(5000, 'a');
  std::string long_marks;
  for (int i = 0; i < 300; ++i) long_marks += "ầ";
  for (const std::string& text :
       {std::string("... — – - _ | ; : ( ) “ ” ! ? … § ¶"), long_word, long_marks,
        std::string("1.000.000.000.000.000.000.000.000 đồng (Một tỷ tỷ tỷ đồng)"),
        std::string("đồng ( ) đồng ("), std::string("( ( ( ) ) )"),
        std::string("Email TMCP CCCD WiFi iPhone COVID-19 H5N1"),
        std::string("QH QH QH I I I l l l | | |"), std::string("ÐÐÐÐ ðððð €€€ øøø")}) {
    SCOPED_TRACE(text.substr(0, 60));
    OcrPage page = Page(text, 20);
    const std::vector<Correction> done = Corrector().Correct(page);
    for (const OcrWord& w : page.words) EXPECT_FALSE(w.text.empty());
    for (const Correction& c : done) {
      EXPECT_LT(static_cast<std::size_t>(c.word), page.words.size());
    }
  }
  // Punctuation and non-Vietnamese words are not respelled.
  OcrPage page = Page("... — – - _ | ; : Email TMCP CCCD WiFi iPhone", 20);
  EXPECT_TRUE(Corrector().Correct(page).empty());
}

TEST(PostCorrector, ReportsMissingData) {
  PostCorrectOptions options;
  options.hunspell_dictionary = "/nonexistent/vi_VN";
  auto made = PostCorrector::Create(options);
  ASSERT_FALSE(made.ok());
  EXPECT_NE(made.status().message().find("/nonexistent/vi_VN.aff"), std::string::npos);
  options = {};
  options.word_pairs_path = "/nonexistent/word_pairs.tsv";
  made = PostCorrector::Create(options);
  ASSERT_FALSE(made.ok());
  EXPECT_NE(made.status().message().find("/nonexistent/word_pairs.tsv"),
            std::string::npos);
}

}  // namespace
}  // namespace thads::ocr
