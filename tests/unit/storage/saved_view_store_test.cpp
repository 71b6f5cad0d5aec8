// Saved views in the Store (domain/views/saved_view.hpp), on this run's backend: stored and read
// back, a name once per owner (on insert and on rename, without spoiling the write), the owner's
// and the shared ones listed by name, deleted.

#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <store_fixtures.hpp>

namespace snag {
namespace saved_view_store_test {

using testing::TestDatabase;

SavedView view(std::string owner, std::string name, bool shared = false) {
  return SavedView{{},
                   std::move(owner),
                   std::move(name),
                   "status=new,triaged&assignee=me",
                   shared,
                   from_epoch_ms(1'780'000'000'000),
                   from_epoch_ms(1'780'000'000'000)};
}

Result<SavedViewId> insert(Store& store, const SavedView& saved) {
  std::optional<SavedViewId> id;
  auto written = store.write([&](WriteTransaction& tx) -> Result<void> {
    auto inserted = tx.insert_saved_view(saved);
    if (!inserted) return tl::unexpected(inserted.error());
    id = *inserted;
    return {};
  });
  if (!written) return tl::unexpected(written.error());
  return *id;
}

std::vector<std::string> names(const std::vector<SavedView>& views) {
  std::vector<std::string> out;
  for (const auto& v : views) out.push_back(v.owner + "/" + v.name);
  return out;
}

TEST(SavedViewStore, AViewIsStoredAndReadBackWhole) {
  TestDatabase database;
  auto store = database.open();
  ASSERT_TRUE(store);
  const SavedView saved = view("priya", "My open", true);
  auto id = insert(*store, saved);
  ASSERT_TRUE(id) << id.error().message;
  std::optional<SavedView> found;
  auto read = store->write([&](WriteTransaction& tx) -> Result<void> {
    auto stored = tx.find_saved_view(*id);
    if (!stored) return tl::unexpected(stored.error());
    found = *stored;
    return {};
  });
  ASSERT_TRUE(read) << read.error().message;
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, *id);
  EXPECT_EQ(found->owner, "priya");
  EXPECT_EQ(found->name, "My open");
  EXPECT_EQ(found->query, saved.query);
  EXPECT_TRUE(found->shared);
  EXPECT_EQ(found->created_at, saved.created_at);
  EXPECT_EQ(found->updated_at, saved.updated_at);
}

TEST(SavedViewStore, OwnersSeeTheirOwnAndTheSharedOnesByName) {
  TestDatabase database;
  auto store = database.open();
  ASSERT_TRUE(store);
  for (const auto& saved : {view("priya", "Zeta"), view("priya", "Alpha"), view("kenji", "Kenji's", false),
                            view("grace", "Restricted", true)}) {
    ASSERT_TRUE(insert(*store, saved));
  }
  auto priya = store->saved_views_for("priya");
  ASSERT_TRUE(priya) << priya.error().message;
  EXPECT_EQ(names(*priya), (std::vector<std::string>{"priya/Alpha", "grace/Restricted", "priya/Zeta"}));
  auto nobody = store->saved_views_for("nobody");
  ASSERT_TRUE(nobody);
  EXPECT_EQ(names(*nobody), (std::vector<std::string>{"grace/Restricted"}));
}

TEST(SavedViewStore, ANameIsTakenOncePerOwnerAndAClashChangesNothing) {
  TestDatabase database;
  auto store = database.open();
  ASSERT_TRUE(store);
  ASSERT_TRUE(insert(*store, view("priya", "Open")));
  auto second = insert(*store, view("priya", "Open"));
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().code, ErrorCode::conflict);
  EXPECT_TRUE(insert(*store, view("kenji", "Open")));  // another owner may

  auto other = insert(*store, view("priya", "Closed"));
  ASSERT_TRUE(other);
  // A rename onto "Open" is refused, and the write can go on (PostgreSQL aborts a transaction
  // on a failed statement; the store must not let one fail).
  auto renamed = store->write([&](WriteTransaction& tx) -> Result<void> {
    SavedView clash = view("priya", "Open");
    clash.id = *other;
    auto updated = tx.update_saved_view(clash);
    EXPECT_FALSE(updated);
    if (!updated) {
      EXPECT_EQ(updated.error().code, ErrorCode::conflict);
    }
    SavedView fine = view("priya", "Closed lately");
    fine.id = *other;
    fine.query = "status=closed";
    fine.updated_at = from_epoch_ms(1'780'000'100'000);
    return tx.update_saved_view(fine);
  });
  ASSERT_TRUE(renamed) << renamed.error().message;
  auto priya = store->saved_views_for("priya");
  ASSERT_TRUE(priya);
  EXPECT_EQ(names(*priya), (std::vector<std::string>{"priya/Closed lately", "priya/Open"}));
  EXPECT_EQ((*priya)[0].query, "status=closed");
  EXPECT_EQ((*priya)[0].updated_at, from_epoch_ms(1'780'000'100'000));
}

TEST(SavedViewStore, DeletingAViewSaysWhetherThereWasOne) {
  TestDatabase database;
  auto store = database.open();
  ASSERT_TRUE(store);
  auto id = insert(*store, view("priya", "Open"));
  ASSERT_TRUE(id);
  std::vector<bool> deleted;
  auto written = store->write([&](WriteTransaction& tx) -> Result<void> {
    for (int i = 0; i < 2; ++i) {
      auto gone = tx.delete_saved_view(*id);
      if (!gone) return tl::unexpected(gone.error());
      deleted.push_back(*gone);
    }
    return {};
  });
  ASSERT_TRUE(written) << written.error().message;
  EXPECT_EQ(deleted, (std::vector<bool>{true, false}));
  auto left = store->saved_views_for("priya");
  ASSERT_TRUE(left);
  EXPECT_TRUE(left->empty());
}

}  // namespace saved_view_store_test
}  // namespace snag
