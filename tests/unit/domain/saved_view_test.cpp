// Saved views' rules (domain/views/saved_view.hpp): a one-line name, a list query the catalog
// accepts without a cursor, and who may open and change a view.

#include <map>
#include <string>
#include <vector>

#include "../support/default_catalog.hpp"
#include <gtest/gtest.h>

#include <snag/domain/views/saved_view.hpp>

namespace snag {
namespace saved_view_test {

using Params = std::multimap<std::string, std::string>;

std::vector<FieldError> name_errors(const std::string& name) {
  std::vector<FieldError> errors;
  check_view_name(name, errors);
  return errors;
}

std::vector<FieldError> query_errors(const std::string& text, const Params& params) {
  std::vector<FieldError> errors;
  check_view_query(text, params, testing::default_catalog(), errors);
  return errors;
}

TEST(SavedView, ANameIsOneLineNotBlankAndShort) {
  EXPECT_TRUE(name_errors("My open tickets").empty());
  EXPECT_TRUE(name_errors(std::string(k_max_view_name, 'x')).empty());
  for (const std::string& bad :
       std::vector<std::string>{"", "   ", "two\nlines", "tab\there", std::string(k_max_view_name + 1, 'x')}) {
    const auto errors = name_errors(bad);
    ASSERT_EQ(errors.size(), 1u) << bad;
    EXPECT_EQ(errors[0].field, "name");
  }
}

TEST(SavedView, AQueryIsAListQueryTheCatalogAccepts) {
  EXPECT_TRUE(query_errors("status=new,triaged&assignee=me", {{"status", "new,triaged"}, {"assignee", "me"}}).empty());
  EXPECT_TRUE(query_errors("", {}).empty());  // every ticket

  const auto unknown = query_errors("status=nonsense", {{"status", "nonsense"}});
  ASSERT_EQ(unknown.size(), 1u);
  EXPECT_EQ(unknown[0].field, "query");
  EXPECT_NE(unknown[0].message.find("status"), std::string::npos) << unknown[0].message;

  const auto filter = query_errors("colour=red", {{"colour", "red"}});
  ASSERT_EQ(filter.size(), 1u);
  EXPECT_NE(filter[0].message.find("colour"), std::string::npos) << filter[0].message;
}

TEST(SavedView, AQueryHoldsNoCursorAndIsBounded) {
  const auto cursor = query_errors("cursor=abc", {{"cursor", "abc"}});
  ASSERT_EQ(cursor.size(), 1u);
  EXPECT_NE(cursor[0].message.find("cursor"), std::string::npos);
  const std::string long_text(k_max_view_query + 1, 'a');
  const auto too_long = query_errors(long_text, {{"q", long_text}});
  ASSERT_EQ(too_long.size(), 1u);
  EXPECT_EQ(too_long[0].field, "query");
}

TEST(SavedView, OwnersChangeTheirViewsAndEveryoneOpensSharedOnes) {
  SavedView personal;
  personal.owner = "priya";
  SavedView shared = personal;
  shared.shared = true;
  Actor priya;
  priya.name = "priya";
  Actor kenji;
  kenji.name = "kenji";
  EXPECT_TRUE(may_open_view(personal, priya));
  EXPECT_TRUE(may_change_view(personal, priya));
  EXPECT_FALSE(may_open_view(personal, kenji));
  EXPECT_FALSE(may_change_view(personal, kenji));
  EXPECT_TRUE(may_open_view(shared, kenji));
  EXPECT_FALSE(may_change_view(shared, kenji));
}

}  // namespace saved_view_test
}  // namespace snag
