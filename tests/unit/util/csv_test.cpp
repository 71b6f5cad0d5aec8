// CSV fields as exports write them: RFC 4180 quoting and formulas defused.

#include <gtest/gtest.h>

#include <snag/util/csv.hpp>

namespace snag {
namespace csv_test {

std::string field(std::string_view text) {
  std::string out;
  append_csv_field(out, text);
  return out;
}

TEST(Csv, QuotesFieldsWithCommasQuotesAndLineBreaks) {
  EXPECT_EQ(field("plain"), "plain");
  EXPECT_EQ(field("a,b"), "\"a,b\"");
  EXPECT_EQ(field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(field("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(field(""), "");
}

TEST(Csv, DefusesWhatASpreadsheetWouldRunAsAFormula) {
  EXPECT_EQ(field("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
  EXPECT_EQ(field("+1+cmd|' /C calc'!A0"), "\"'+1+cmd|' /C calc'!A0\"");
  EXPECT_EQ(field("-2+3"), "\"'-2+3\"");
  EXPECT_EQ(field("@SUM(A1)"), "\"'@SUM(A1)\"");
  EXPECT_EQ(field("-"), "\"'-\"");
}

TEST(Csv, LeavesSignedNumbersAsNumbers) {
  EXPECT_EQ(field("-16.7%"), "-16.7%");
  EXPECT_EQ(field("-3"), "-3");
  EXPECT_EQ(field("+12.5"), "+12.5");
  EXPECT_EQ(field("-1.2.3"), "\"'-1.2.3\"");
}

}  // namespace csv_test
}  // namespace snag
