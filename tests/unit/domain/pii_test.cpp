#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include <snag/domain/pii/detector.hpp>

namespace snag::pii {
namespace pii_test {

struct CorpusCase {
  int line;
  std::string kind;  // a to_string(Kind) or "none"
  std::string text;
  std::string value;  // what the finding must span; empty for "none"
};

std::vector<CorpusCase> read_corpus() {
  std::ifstream file(SNAG_PII_CORPUS);
  std::vector<CorpusCase> cases;
  std::string line;
  int number = 0;
  while (std::getline(file, line)) {
    ++number;
    if (line.empty() || line.front() == '#') continue;
    const auto first_tab = line.find('\t');
    const auto second_tab = line.find('\t', first_tab + 1);
    CorpusCase c{number, line.substr(0, first_tab), line.substr(first_tab + 1, second_tab - first_tab - 1), ""};
    if (second_tab != std::string::npos) c.value = line.substr(second_tab + 1);
    cases.push_back(std::move(c));
  }
  return cases;
}

std::string describe(std::string_view text, const std::vector<Finding>& findings) {
  std::string out;
  for (const Finding& f : findings) {
    out += std::string(to_string(f.kind)) + " \"" + std::string(text.substr(f.begin, f.end - f.begin)) + "\"; ";
  }
  return out.empty() ? "nothing" : out;
}

TEST(PiiCorpus, EveryLineFindsExactlyWhatItExpects) {
  const Detector detector;
  const std::vector<CorpusCase> cases = read_corpus();
  ASSERT_GE(cases.size(), 120u) << "corpus not found or too small: " << SNAG_PII_CORPUS;
  for (const CorpusCase& c : cases) {
    const std::vector<Finding> findings = detector.find(c.text);
    const std::string where =
        "corpus line " + std::to_string(c.line) + ": " + c.text + "\n  found " + describe(c.text, findings);
    if (c.kind == "none") {
      EXPECT_TRUE(findings.empty()) << where;
      EXPECT_FALSE(detector.has_pii(c.text)) << where;
      continue;
    }
    ASSERT_FALSE(c.value.empty()) << where << "\n  (a positive line needs the expected value)";
    bool spans_value = false;
    for (const Finding& f : findings) {
      EXPECT_EQ(to_string(f.kind), c.kind) << where;
      spans_value = spans_value || std::string_view(c.text).substr(f.begin, f.end - f.begin) == c.value;
    }
    EXPECT_TRUE(spans_value) << where << "\n  expected " << c.kind << " \"" << c.value << "\"";
    EXPECT_TRUE(detector.has_pii(c.text)) << where;
  }
}

TEST(PiiCorpus, CoversEveryKindBothWays) {
  std::vector<std::string> kinds;
  for (const CorpusCase& c : read_corpus()) kinds.push_back(c.kind);
  for (Kind kind : {Kind::ssn, Kind::credit_card, Kind::email, Kind::phone, Kind::iban, Kind::passport,
                    Kind::date_of_birth, Kind::health}) {
    EXPECT_GE(std::count(kinds.begin(), kinds.end(), std::string(to_string(kind))), 5) << to_string(kind);
  }
  EXPECT_GE(std::count(kinds.begin(), kinds.end(), "none"), 60);
}

TEST(PiiDetector, NamesEveryKind) {
  EXPECT_EQ(to_string(Kind::ssn), "ssn");
  EXPECT_EQ(to_string(Kind::credit_card), "credit_card");
  EXPECT_EQ(to_string(Kind::email), "email");
  EXPECT_EQ(to_string(Kind::phone), "phone");
  EXPECT_EQ(to_string(Kind::iban), "iban");
  EXPECT_EQ(to_string(Kind::passport), "passport");
  EXPECT_EQ(to_string(Kind::date_of_birth), "date_of_birth");
  EXPECT_EQ(to_string(Kind::health), "health");
}

TEST(PiiDetector, FindingsAreSortedAndCarryByteSpans) {
  const std::string text = "Mail a@b.io, SSN 123-45-6789, call 415-555-0132.";
  EXPECT_EQ(Detector().find(text),
            (std::vector<Finding>{{Kind::email, 5, 11}, {Kind::ssn, 17, 28}, {Kind::phone, 35, 47}}));
}

TEST(PiiDetector, AGroupedIbanIsOneFindingNotAlsoACardOrPhone) {
  const std::string text = "DE89 3704 0044 0532 0130 00";
  EXPECT_EQ(Detector().find(text), (std::vector<Finding>{{Kind::iban, 0, text.size()}}));
}

TEST(PiiDetector, ACueOnlyReachesValuesOnItsOwnLine) {
  const Detector detector;
  EXPECT_FALSE(detector.has_pii("Passport:\nX1234567"));
  EXPECT_FALSE(detector.has_pii("DOB:\n1990-04-12"));
  EXPECT_TRUE(detector.has_pii("Passport: X1234567\n"));
}

TEST(PiiDetector, EmptyAndTinyTextsHoldNothing) {
  const Detector detector;
  for (std::string_view text : {"", "+", "(", "@", "1", "DE", "passport", "DOB", "4111"}) {
    EXPECT_TRUE(detector.find(text).empty()) << text;
  }
}

TEST(PiiDetector, TextEndingMidPatternIsSafe) {
  const Detector detector;
  for (std::string_view text : {"123-45-", "123-45", "(415) 555-", "(415", "+44 ", "DE89 3704", "a@b.", "a@",
                                "DOB 1990-04-", "born April 12,", "4111 1111 1111 111", "1-415-"}) {
    EXPECT_TRUE(detector.find(text).empty()) << text;
  }
}

TEST(PiiDetector, CanBeSharedBetweenThreads) {
  const Detector detector;
  const std::string text = "SSN 123-45-6789, card 4111 1111 1111 1111, jane@example.com, pregnant";
  std::vector<std::thread> threads;
  std::vector<std::size_t> counts(4);
  for (std::size_t t = 0; t < counts.size(); ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) counts[t] += detector.find(text).size();
    });
  }
  for (auto& thread : threads) thread.join();
  for (std::size_t count : counts) EXPECT_EQ(count, 4u * 200u);
}

TEST(PiiMask, ReplacesEachKindWithItsFormat) {
  const Detector detector;
  EXPECT_EQ(detector.mask("SSN 123-45-6789."), "SSN ***-**-6789.");
  EXPECT_EQ(detector.mask("SSN 123 45 6789"), "SSN ***-**-6789");
  EXPECT_EQ(detector.mask("card 4111 1111 1111 1234"), "card 4111 1111 1111 1234");  // fails Luhn: kept
  EXPECT_EQ(detector.mask("card 4111-1111-1111-1111"), "card ****-****-****-1111");
  EXPECT_EQ(detector.mask("amex 378282246310005"), "amex ****-****-****-0005");
  EXPECT_EQ(detector.mask("write jane.doe@example.com"), "write [email]");
  EXPECT_EQ(detector.mask("call (415) 555-0132"), "call ***-***-0132");
  EXPECT_EQ(detector.mask("call +44 20 7946 0958"), "call ***-***-0958");
  EXPECT_EQ(detector.mask("IBAN GB82 WEST 1234 5698 7654 32."), "IBAN [IBAN].");
  EXPECT_EQ(detector.mask("Passport no. X1234567"), "Passport no. [passport number]");
  EXPECT_EQ(detector.mask("born on April 12, 1990 in Lyon"), "born on [date of birth] in Lyon");
  EXPECT_EQ(detector.mask("DOB: 1990-04-12"), "DOB: [date of birth]");
  EXPECT_EQ(detector.mask("on Medical Leave"), "on [health information]");
}

TEST(PiiMask, ReplacementForKeepsTheLastFourDigits) {
  EXPECT_EQ(replacement_for(Kind::ssn, "123-45-6789"), "***-**-6789");
  EXPECT_EQ(replacement_for(Kind::credit_card, "5555 5555 5555 4444"), "****-****-****-4444");
  EXPECT_EQ(replacement_for(Kind::phone, "+1 415 555 0132"), "***-***-0132");
  EXPECT_EQ(replacement_for(Kind::email, "a@b.io"), "[email]");
  EXPECT_EQ(replacement_for(Kind::iban, "DE89370400440532013000"), "[IBAN]");
  EXPECT_EQ(replacement_for(Kind::passport, "X1234567"), "[passport number]");
  EXPECT_EQ(replacement_for(Kind::date_of_birth, "1990-04-12"), "[date of birth]");
  EXPECT_EQ(replacement_for(Kind::health, "cancer"), "[health information]");
}

TEST(PiiMask, MasksSeveralFindingsInOneText) {
  const std::string text =
      "Candidate jane@example.com (SSN 123-45-6789, DOB 04/12/1990) is pregnant; refund to "
      "DE89370400440532013000 or card 5555555555554444, call +1-415-555-0132. Passport: C01X00T47.";
  EXPECT_EQ(Detector().mask(text),
            "Candidate [email] (SSN ***-**-6789, DOB [date of birth]) is [health information]; refund to "
            "[IBAN] or card ****-****-****-4444, call ***-***-0132. Passport: [passport number].");
}

TEST(PiiMask, MaskingAMaskedTextChangesNothing) {
  const Detector detector;
  const std::string once = detector.mask(
      "DOB 04/12/1990 or 1990-12-04; passport numbers X1234567 and Y7654321; jane@example.com; "
      "IBAN GB82WEST12345698765432; mental health; SSN 123-45-6789; card 4111 1111 1111 1111; (415) 555-0132");
  EXPECT_EQ(once,
            "DOB [date of birth] or [date of birth]; passport numbers [passport number] and [passport number]; "
            "[email]; IBAN [IBAN]; [health information]; SSN ***-**-6789; card ****-****-****-1111; ***-***-0132");
  EXPECT_EQ(detector.mask(once), once);
  EXPECT_EQ(Detector({"health", "information", "email"}).mask("[health information] [email]"),
            "[health information] [email]");
}

TEST(PiiMask, LeavesTextWithoutPiiUnchanged) {
  const Detector detector;
  const std::string text =
      "Resume parse failed for SNAG-4155 after the 2026-11-28 upgrade to v2.15.3; order #4155550132, "
      "PO 415-555-0132, cancellation requested.";
  EXPECT_EQ(detector.mask(text), text);
  EXPECT_FALSE(detector.has_pii(text));
}

TEST(PiiMask, KeepsUtf8AroundFindingsIntact) {
  const Detector detector;
  EXPECT_EQ(detector.mask("Zoë Müller — SSN 123-45-6789 — née à Zürich, Tel. +41 44 668 18 00 ✓"),
            "Zoë Müller — SSN ***-**-6789 — née à Zürich, Tel. ***-***-1800 ✓");
  EXPECT_EQ(detector.mask("日本語のテキスト jane@example.jp です"), "日本語のテキスト [email] です");
  // A term glued to a multibyte letter is inside a word, not a whole word.
  EXPECT_EQ(detector.mask("écancer canceré cancer"), "écancer canceré [health information]");
}

TEST(PiiMask, UsesTheDictionaryGivenToTheConstructor) {
  const Detector detector({"Burnout", "  sick   note ", "", "   "});
  EXPECT_EQ(detector.mask("off with BURNOUT, sent a sick\nnote"),
            "off with [health information], sent a [health information]");
  EXPECT_EQ(detector.mask("she is pregnant"), "she is pregnant");  // not in this dictionary
  EXPECT_EQ(detector.mask("burnouts"), "burnouts");
}

TEST(PiiMask, AnEmptyDictionaryStillFindsTheOtherKinds) {
  const Detector detector(std::vector<std::string>{});
  EXPECT_EQ(detector.mask("pregnant, jane@example.com"), "pregnant, [email]");
}

TEST(PiiDetector, DefaultDictionaryHasAboutForty) {
  const std::vector<std::string> terms = default_health_terms();
  EXPECT_GE(terms.size(), 30u);
  EXPECT_NE(std::find(terms.begin(), terms.end(), "mental health"), terms.end());
}

}  // namespace pii_test
}  // namespace snag::pii
