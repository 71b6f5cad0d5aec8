#include <atomic>
#include <chrono>
#include <condition_variable>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include <snag/storage/sql/commit_syncer.hpp>

namespace snag {
namespace commit_syncer_test {

using sql::CommitSyncer;
using namespace std::chrono_literals;

// A sync that waits until the test opens it, and counts the syncs that began.
class GatedSync {
 public:
  CommitSyncer::Sync sync() {
    return [this]() -> Result<void> {
      std::unique_lock lock(m_mutex);
      ++m_begun;
      m_changed.notify_all();
      m_changed.wait(lock, [&] { return m_open; });
      if (m_fails) return fail(ErrorCode::unavailable, "the disk is gone");
      return {};
    };
  }
  void open(bool fails = false) {
    std::lock_guard lock(m_mutex);
    m_open = true;
    m_fails = fails;
    m_changed.notify_all();
  }
  void await_syncs_begun(int count) {
    std::unique_lock lock(m_mutex);
    ASSERT_TRUE(m_changed.wait_for(lock, 10s, [&] { return m_begun >= count; }));
  }
  int begun() {
    std::lock_guard lock(m_mutex);
    return m_begun;
  }

 private:
  std::mutex m_mutex;
  std::condition_variable m_changed;
  int m_begun = 0;
  bool m_open = false;
  bool m_fails = false;
};

struct Answer {
  std::promise<Result<void>> promise;
  std::future<Result<void>> future = promise.get_future();
  CommitSyncer::Durable durable() {
    return [this](const Result<void>& synced) { promise.set_value(synced); };
  }
  bool given() const { return future.wait_for(0s) == std::future_status::ready; }
};

TEST(CommitSyncer, ABatchIsAnsweredOnlyOnceASyncAfterItsCommitIsOver) {
  GatedSync gate;
  CommitSyncer syncer(gate.sync());
  Answer answer;
  const auto commit = syncer.commit_begins();
  syncer.commit_ended(commit, answer.durable());
  gate.await_syncs_begun(1);
  std::this_thread::sleep_for(20ms);
  EXPECT_FALSE(answer.given());
  gate.open();
  ASSERT_EQ(answer.future.wait_for(10s), std::future_status::ready);
  EXPECT_TRUE(answer.future.get());
  EXPECT_EQ(syncer.syncs(), 1u);
}

TEST(CommitSyncer, BatchesCommittedDuringASyncShareTheNextOne) {
  GatedSync gate;
  CommitSyncer syncer(gate.sync());
  std::vector<Answer> answers(6);
  syncer.commit_ended(syncer.commit_begins(), answers[0].durable());
  gate.await_syncs_begun(1);
  for (std::size_t i = 1; i < answers.size(); ++i) syncer.commit_ended(syncer.commit_begins(), answers[i].durable());
  gate.open();
  for (auto& answer : answers) {
    ASSERT_EQ(answer.future.wait_for(10s), std::future_status::ready);
    EXPECT_TRUE(answer.future.get());
  }
  EXPECT_EQ(syncer.syncs(), 2u);
  EXPECT_EQ(gate.begun(), 2);
}

TEST(CommitSyncer, AReadWaitsUntilEveryCommitThatHadBegunIsDurable) {
  GatedSync gate;
  CommitSyncer syncer(gate.sync());
  const auto commit = syncer.commit_begins();  // visible to readers from here on
  std::atomic<bool> read_answered{false};
  std::thread reader([&] {
    syncer.await_visible_commits();
    read_answered = true;
  });
  std::this_thread::sleep_for(20ms);
  EXPECT_FALSE(read_answered);  // the commit has not even ended
  syncer.commit_ended(commit, {});
  gate.await_syncs_begun(1);
  std::this_thread::sleep_for(20ms);
  EXPECT_FALSE(read_answered);  // ended, not yet durable
  gate.open();
  reader.join();
  EXPECT_TRUE(read_answered);
}

TEST(CommitSyncer, AReadWithNoCommitInFlightDoesNotWait) {
  GatedSync gate;
  CommitSyncer syncer(gate.sync());
  syncer.await_visible_commits();
  EXPECT_EQ(gate.begun(), 0);
}

TEST(CommitSyncer, AFailedSyncIsEveryCoveredBatchsAnswerAndReleasesTheReaders) {
  GatedSync gate;
  CommitSyncer syncer(gate.sync());
  Answer answer;
  syncer.commit_ended(syncer.commit_begins(), answer.durable());
  gate.open(/*fails=*/true);
  ASSERT_EQ(answer.future.wait_for(10s), std::future_status::ready);
  const auto synced = answer.future.get();
  ASSERT_FALSE(synced);
  EXPECT_EQ(synced.error().code, ErrorCode::unavailable);
  syncer.await_visible_commits();  // returns: a reader is not left waiting for a sync that failed
}

TEST(CommitSyncer, StoppingSyncsAndAnswersEverythingHandedOver) {
  GatedSync gate;
  gate.open();
  std::vector<Answer> answers(50);
  {
    CommitSyncer syncer(gate.sync());
    for (auto& answer : answers) syncer.commit_ended(syncer.commit_begins(), answer.durable());
  }
  for (auto& answer : answers) {
    ASSERT_TRUE(answer.given());
    EXPECT_TRUE(answer.future.get());
  }
  EXPECT_GE(gate.begun(), 1);
}

TEST(CommitSyncer, ACommitThatFailedStillLetsTheNextBeAnswered) {
  GatedSync gate;
  gate.open();
  CommitSyncer syncer(gate.sync());
  syncer.commit_ended(syncer.commit_begins(), {});  // COMMIT failed: nobody to answer
  Answer answer;
  syncer.commit_ended(syncer.commit_begins(), answer.durable());
  ASSERT_EQ(answer.future.wait_for(10s), std::future_status::ready);
  EXPECT_TRUE(answer.future.get());
  syncer.await_visible_commits();
}

}  // namespace commit_syncer_test
}  // namespace snag
