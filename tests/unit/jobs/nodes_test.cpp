// Several nodes sharing one database, as real processes: each test forks its nodes, which
// open their own store and run until killed (SIGKILL, so nothing is cleaned up on the way).

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <functional>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>
#include <test_database.hpp>

#include "job_fixtures.hpp"

#include <snag/jobs/job_runner.hpp>
#include <snag/jobs/scheduler.hpp>
#include <snag/storage/open_store.hpp>

namespace snag {
namespace nodes_test {

using testing::count_rows;
using testing::TestDatabase;
using namespace std::chrono_literals;

// Runs `node` in a child process, which never returns into the test. Fork before the parent
// starts any thread (open stores only after), so that the child inherits no held lock.
pid_t fork_node(const std::function<void()>& node) {
  const pid_t pid = ::fork();
  if (pid != 0) return pid;
  try {
    node();
  } catch (...) {
    ::_exit(2);
  }
  ::_exit(0);
}

void kill_node(pid_t pid) {
  ::kill(pid, SIGKILL);
  ::waitpid(pid, nullptr, 0);
}

// Kills the nodes still running when a test ends, also when an assertion ends it early: a node
// left behind would keep running and hold CTest's output pipe open.
class Nodes {
 public:
  pid_t start(const std::function<void()>& node) { return m_pids.emplace_back(fork_node(node)); }
  void kill(pid_t pid) {
    kill_node(pid);
    std::erase(m_pids, pid);
  }
  ~Nodes() {
    for (const pid_t pid : m_pids) kill_node(pid);
  }

 private:
  std::vector<pid_t> m_pids;
};

[[noreturn]] void run_forever() {
  for (;;) std::this_thread::sleep_for(1h);
}

template <class Condition>
bool eventually(Condition done, std::chrono::seconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    if (done()) return true;
    std::this_thread::sleep_for(50ms);
  }
  return done();
}

// A job node: runs "comment" jobs, each adding one comment "job <id>" to ticket 1 in the
// transaction that completes the job, after `pause` (a slow node holds its leases longer).
void job_node(const std::string& url, const std::string& name, std::chrono::milliseconds pause,
              std::chrono::seconds lease_for) {
  auto store = open_store(url);
  if (!store) ::_exit(3);
  SystemClock clock;
  JobRunnerSettings settings;
  settings.node = name;
  settings.lease_for = lease_for;
  settings.poll_every = 50ms;
  settings.threads = 4;
  JobRunner runner(**store, clock, settings,
                   {{"comment", [pause](const Job& job, JobContext& context) {
                       std::this_thread::sleep_for(pause);
                       return context.complete_with([&](WriteTransaction& tx) -> Result<void> {
                         auto comment = tx.insert_comment(TicketId{1}, "jobs", "job " + std::to_string(job.id.value),
                                                          context.now());
                         if (!comment) return tl::unexpected(comment.error());
                         return {};
                       });
                     }}});
  run_forever();
}

// On PostgreSQL in both runs of the suite: several job nodes are a PostgreSQL deployment. On one
// SQLite file, processes take turns at the file's write lock, which is not fair: a busy node can
// starve another for longer than the busy timeout, and `snag serve` runs one node per file.
TEST(JobNodes, TenThousandJobsRunExactlyOnceAcrossTwoNodesAndADeadNodesJobsMoveOn) {
  constexpr int k_jobs = 10000;
  testing::PostgresTestDatabase database;
  {
    auto opened = open_store(database.url());
    ASSERT_TRUE(opened);
    auto store = std::move(*opened);
    ASSERT_EQ(testing::ticket_for_jobs(*store), TicketId{1});  // the ticket the nodes' jobs comment on
  }
  const std::string url = database.url();
  Nodes nodes;
  // Node a is the slow one, so that it surely holds leases when it is killed. Its batch of 16
  // jobs takes 3.2 s, so its leases last 10 s: ones that expired while it was frozen could go to
  // node b before the test marks them (under ThreadSanitizer the marking takes seconds).
  const pid_t a = nodes.start([&] { job_node(url, "node-a", 200ms, 10s); });
  nodes.start([&] { job_node(url, "node-b", 0ms, 2s); });

  {
    auto opened = open_store(database.url());
    ASSERT_TRUE(opened);
    auto store = std::move(*opened);
    SystemClock clock;
    for (int batch = 0; batch < k_jobs / 1000; ++batch) {
      ASSERT_TRUE(store->write([&](WriteTransaction& tx) -> Result<void> {
        for (int i = 0; i < 1000; ++i) {
          NewJob job;
          job.kind = "comment";
          job.run_at = clock.now();
          if (auto enqueued = tx.enqueue_job(job, clock.now()); !enqueued) return tl::unexpected(enqueued.error());
        }
        return {};
      }));
    }
  }
  // Node a is frozen before its leases are counted, so that it cannot finish them between the
  // count and its death.
  ASSERT_TRUE(eventually(
      [&] {
        if (count_rows(url, "jobs WHERE state = 'done'") < k_jobs / 5) return false;
        ::kill(a, SIGSTOP);
        if (count_rows(url, "jobs WHERE state = 'leased' AND leased_by = 'node-a'") > 0) return true;
        ::kill(a, SIGCONT);
        return false;
      },
      120s));
  nodes.kill(a);
  // Mark what the dead node held (completion never touches the payload).
  testing::execute_sql(url, "UPDATE jobs SET payload = '{\"orphan\":true}' WHERE state = 'leased' AND leased_by = 'node-a'");
  const auto orphans = count_rows(url, "jobs WHERE payload LIKE '%orphan%'");
  EXPECT_GT(orphans, 0);

  EXPECT_TRUE(eventually([&] { return count_rows(url, "jobs WHERE state = 'done'") == k_jobs; }, 240s));

  EXPECT_EQ(count_rows(url, "jobs WHERE state <> 'done'"), 0);
  EXPECT_EQ(count_rows(url, "comments"), k_jobs) << "every job's effect landed exactly once";
  EXPECT_EQ(count_rows(url, "(SELECT DISTINCT body FROM comments) AS bodies"), k_jobs);
  EXPECT_EQ(count_rows(url, "jobs WHERE payload LIKE '%orphan%' AND state = 'done' AND leased_by = 'node-b'"), orphans)
      << "the dead node's jobs finished on the live one after their leases expired";
}

// A scheduler node: while it leads, each tick appends "<name> <start> <end>" (steady-clock
// nanoseconds, which all processes share) to `log`, and lasts a while so that overlaps show.
void scheduler_node(const std::string& url, const std::string& name, const std::string& log) {
  auto store = open_store(url);
  if (!store) ::_exit(3);
  const int fd = ::open(log.c_str(), O_WRONLY | O_APPEND | O_CREAT, 0644);
  if (fd < 0) ::_exit(4);
  Scheduler scheduler((*store)->leader_lock("scheduler"), 30ms, [&] {
    const auto start = std::chrono::steady_clock::now().time_since_epoch().count();
    std::this_thread::sleep_for(20ms);
    const auto end = std::chrono::steady_clock::now().time_since_epoch().count();
    const std::string line = name + " " + std::to_string(start) + " " + std::to_string(end) + "\n";
    if (::write(fd, line.data(), line.size()) < 0) ::_exit(5);  // one write: appends stay whole
  });
  run_forever();
}

struct Tick {
  std::string node;
  long long start = 0;
  long long end = 0;
};

std::vector<Tick> read_ticks(const std::string& log) {
  std::vector<Tick> ticks;
  std::ifstream in(log);
  Tick tick;
  while (in >> tick.node >> tick.start >> tick.end) ticks.push_back(tick);
  std::sort(ticks.begin(), ticks.end(), [](const Tick& x, const Tick& y) { return x.start < y.start; });
  return ticks;
}

TEST(SchedulerNodes, TheTickRunsOnOneNodeAtATimeAndMovesWhenTheLeaderDies) {
  TestDatabase database;
  { ASSERT_TRUE(database.open()); }  // migrated before the nodes race to it
  const std::string url = database.url();
  char log_template[] = "/tmp/snag-ticks-XXXXXX";
  const int fd = ::mkstemp(log_template);
  ASSERT_GE(fd, 0);
  ::close(fd);
  const std::string log = log_template;

  Nodes nodes;
  const pid_t a = nodes.start([&] { scheduler_node(url, "a", log); });
  const pid_t b = nodes.start([&] { scheduler_node(url, "b", log); });
  ASSERT_TRUE(eventually([&] { return read_ticks(log).size() >= 20; }, 30s));
  auto before = read_ticks(log);
  const std::string leader = before.front().node;
  for (const auto& tick : before) EXPECT_EQ(tick.node, leader) << "only the leader ticks";

  nodes.kill(leader == "a" ? a : b);
  const std::string follower = leader == "a" ? "b" : "a";
  EXPECT_TRUE(eventually(
      [&] {
        auto ticks = read_ticks(log);
        return std::count_if(ticks.begin(), ticks.end(), [&](const Tick& t) { return t.node == follower; }) >= 10;
      },
      30s))
      << "the other node takes over";
  nodes.kill(leader == "a" ? b : a);

  const auto ticks = read_ticks(log);
  for (std::size_t i = 1; i < ticks.size(); ++i) {
    EXPECT_GE(ticks[i].start, ticks[i - 1].end) << "ticks of " << ticks[i - 1].node << " and " << ticks[i].node
                                                << " overlap";
  }
  std::remove(log.c_str());
}

}  // namespace nodes_test
}  // namespace snag
