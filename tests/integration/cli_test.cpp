// The commands of API.md, run as a user would.

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include <snag/app/ports/store.hpp>
#include <snag/storage/open_store.hpp>

#include "snag_process.hpp"

namespace snag::testing {
namespace cli_test {

TEST(Cli, EverySubcommandHasHelp) {
  for (const auto& args : std::vector<std::vector<std::string>>{{"--help"},
                                                                {"serve", "--help"},
                                                                {"db", "--help"},
                                                                {"db", "migrate", "--help"},
                                                                {"db", "copy", "--help"},
                                                                {"audit", "verify", "--help"},
                                                                {"keys", "create", "--help"},
                                                                {"rules", "replace", "--help"},
                                                                {"report", "aging", "--help"},
                                                                {"demo", "--help"}}) {
    const auto result = run_snag(args);
    EXPECT_EQ(result.exit_code, 0) << args[0];
    EXPECT_NE(result.out.find("Usage"), std::string::npos) << args[0] << ": " << result.out;
  }
}

TEST(Cli, KeysCreatePrintsTheSecretAloneOnTheLastLineAndCreatesTheDatabase) {
  TempDir dir;
  const auto url = "sqlite:" + (dir.path() / "sub" / "new.db").string();
  const auto result = run_snag({"keys", "create", "--database", url, "--name", "ci", "--role", "recruiter",
                                "--team", "recruitment"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto last = result.out.substr(result.out.rfind('\n', result.out.size() - 2) + 1);
  EXPECT_EQ(last.rfind("snag_", 0), 0u) << result.out;
  EXPECT_EQ(last.find(' '), std::string::npos);
}

TEST(Cli, KeysCreateRefusesAnUnknownRole) {
  TestDatabase database;
  const auto result =
      run_snag({"keys", "create", "--database", database.url(), "--name", "x", "--role", "emperor"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("role"), std::string::npos);
}

TEST(Cli, DemoSeedsAnOrgThatServesAndVerifies) {
  TestDatabase database;
  const auto url = database.url();
  const auto seeded = run_snag({"demo", "--database", url, "--tickets", "300", "--quiet"});
  ASSERT_EQ(seeded.exit_code, 0) << seeded.err;
  EXPECT_NE(seeded.out.find("300 tickets"), std::string::npos) << seeded.out;
  EXPECT_EQ(count_rows(url, "tickets"), 300);
  EXPECT_EQ(count_rows(url, "candidates"), 2000);
  const auto verified = run_snag({"audit", "verify", "--database", url});
  EXPECT_EQ(verified.exit_code, 0) << verified.out;

  const auto again = run_snag({"demo", "--database", url, "--if-empty", "--quiet"});
  EXPECT_EQ(again.exit_code, 0);
  EXPECT_EQ(count_rows(url, "tickets"), 300);
  EXPECT_NE(again.out.find("snag_demo_"), std::string::npos);
  EXPECT_NE(again.out.find("demo ATS connector: POST /hooks/demo-ats (Standard Webhooks, secret whsec_"),
            std::string::npos)
      << again.out;
  EXPECT_EQ(count_rows(url, "connectors WHERE id = 'demo-ats'"), 1);
}

TEST(Cli, AnUnsupportedDatabaseUrlIsExplained) {
  const auto result = run_snag({"db", "migrate", "--database", "mysql://x"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("sqlite:"), std::string::npos) << result.err;
}


// The last non-empty line of a command's output (where `keys create` prints the secret).
std::string last_line_of(const std::string& text) {
  std::string last;
  std::size_t start = 0;
  while (start < text.size()) {
    const auto end = text.find('\n', start);
    const auto line = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (!line.empty()) last = line;
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return last;
}

TEST(Cli, DbCopyMovesAnInstallationThatVerifiesAndServesTheSameTickets) {
  // This run's backend to the same backend, and to a new SQLite file (PostgreSQL to SQLite in
  // the PostgreSQL run).
  TestDatabase source;
  TestDatabase destination;
  TempDir dir;
  const std::string sqlite_copy = "sqlite:" + (dir.path() / "copies" / "snag.db").string();
  const auto seeded = run_snag({"demo", "--database", source.url(), "--tickets", "200", "--quiet"});
  ASSERT_EQ(seeded.exit_code, 0) << seeded.err;
  const auto key = run_snag({"keys", "create", "--database", source.url(), "--name", "mover", "--role", "compliance"});
  ASSERT_EQ(key.exit_code, 0) << key.err;
  // Copied with the api_keys, valid on every copy; compliance sees every ticket, restricted ones too.
  const std::string admin_key = last_line_of(key.out);

  for (const std::string& to : {destination.url(), sqlite_copy}) {
    const auto copied = run_snag({"db", "copy", "--from", source.url(), "--to", to});
    ASSERT_EQ(copied.exit_code, 0) << copied.err;
    EXPECT_EQ(copied.err, "");  // stderr is not a terminal here: no progress lines
    EXPECT_NE(copied.out.find("tickets"), std::string::npos) << copied.out;
    EXPECT_NE(copied.out.find("journal"), std::string::npos) << copied.out;
    EXPECT_EQ(count_rows(to, "tickets"), 200);
    EXPECT_EQ(count_rows(to, "journal"), count_rows(source.url(), "journal"));
    const auto verified = run_snag({"audit", "verify", "--database", to});
    EXPECT_EQ(verified.exit_code, 0) << verified.out << verified.err;
    EXPECT_EQ(verified.out.rfind("ok ", 0), 0u) << verified.out;
  }

  const auto again = run_snag({"db", "copy", "--from", source.url(), "--to", destination.url(), "--quiet"});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.err.find("not empty"), std::string::npos) << again.err;
  EXPECT_EQ(count_rows(destination.url(), "tickets"), 200);

  std::vector<std::string> bodies;
  for (const std::string& url : {source.url(), destination.url(), sqlite_copy}) {
    SnagServer server(url, admin_key);
    const auto ticket = server.get("/api/v1/tickets/SNAG-1");
    ASSERT_EQ(ticket.status, 200) << url << ": " << ticket.body;
    const auto last = server.get("/api/v1/tickets/SNAG-200");
    ASSERT_EQ(last.status, 200) << url << ": " << last.body;
    const auto page = server.get("/api/v1/tickets?limit=20");
    ASSERT_EQ(page.status, 200) << url << ": " << page.body;
    bodies.push_back(ticket.json().dump() + "\n" + ticket.header("etag") + "\n" + last.json().dump() + "\n" +
                     page.json().dump());
  }
  EXPECT_EQ(bodies[1], bodies[0]);
  EXPECT_EQ(bodies[2], bodies[0]);
}

void write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

// snag rules: validated against the configuration, stored as versions, shown; and `snag serve`
// refuses to start on stored rules its configuration cannot read, naming the rule and line.
TEST(Cli, RulesAreValidatedStoredAndShownAndAMisfitStopsServe) {
  TestDatabase database;
  TempDir dir;
  const auto visa_rules = dir.path() / "visa.yaml";
  write_file(visa_rules, "rules:\n  - name: visa\n    when: {ats_event: [document.missing]}\n"
                         "    then: [{create_ticket: visa_expired}]\n");
  // The shipped issue types and one more.
  const auto with_visa = dir.path() / "with-visa.yaml";
  write_file(with_visa, R"(issue_types:
  - {code: document_missing, name: Document missing, category: documents, default_team: hris, default_severity: sev3, workflow: default, sensitivity: confidential}
  - {code: background_check_delay, name: Background check delay, category: screening, default_team: compliance, default_severity: sev2, workflow: default, sensitivity: restricted}
  - {code: offer_link_expired, name: Offer link expired, category: offers, default_team: recruitment, default_severity: sev2, workflow: default, sensitivity: confidential}
  - {code: resume_parse_failure, name: Resume parse failure, category: ats_data, default_team: it_support, default_severity: sev4, workflow: default}
  - {code: interview_scheduling_conflict, name: Interview scheduling conflict, category: scheduling, default_team: recruitment, default_severity: sev3, workflow: default}
  - {code: data_sync_mismatch, name: ATS/HRIS data sync mismatch, category: integration, default_team: hris, default_severity: sev2, workflow: default}
  - {code: access_problem, name: Access problem, category: access, default_team: it_support, default_severity: sev3, workflow: default}
  - {code: compliance_hold, name: Compliance hold, category: compliance, default_team: compliance, default_severity: sev2, workflow: default, sensitivity: restricted}
  - {code: accommodation_request, name: Accommodation request, category: health, default_team: compliance, default_severity: sev2, workflow: default, sensitivity: restricted}
  - {code: other, name: Other, category: other, default_team: recruitment, default_severity: sev4, workflow: default}
  - {code: visa_expired, name: Visa expired, category: documents, default_team: hris, default_severity: sev2, workflow: default}
)");

  const auto unknown = run_snag({"rules", "validate", visa_rules.string(), "--database", database.url()});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("line 4: rule 'visa': unknown issue type 'visa_expired'"), std::string::npos)
      << unknown.err;
  const auto valid = run_snag({"rules", "validate", visa_rules.string(), "--database", database.url(), "--config",
                               with_visa.string()});
  ASSERT_EQ(valid.exit_code, 0) << valid.err;
  EXPECT_NE(valid.out.find("ok: 1 rules"), std::string::npos) << valid.out;

  const auto shipped = run_snag({"rules", "show", "--database", database.url()});
  ASSERT_EQ(shipped.exit_code, 0) << shipped.err;
  EXPECT_NE(shipped.err.find("version 0 (configuration)"), std::string::npos) << shipped.err;
  EXPECT_NE(shipped.out.find("offer-link-expired"), std::string::npos) << shipped.out;

  const auto stored = run_snag({"rules", "replace", visa_rules.string(), "--database", database.url(), "--config",
                                with_visa.string()});
  ASSERT_EQ(stored.exit_code, 0) << stored.err;
  EXPECT_NE(stored.out.find("stored version 1 (1 rules)"), std::string::npos) << stored.out;
  const auto shown = run_snag({"rules", "show", "--database", database.url()});
  EXPECT_NE(shown.err.find("version 1 (cli)"), std::string::npos) << shown.err;
  EXPECT_NE(shown.out.find("visa_expired"), std::string::npos) << shown.out;

  // Without the configuration that knows visa_expired, the stored rules cannot run.
  const auto refused = run_snag({"serve", "--listen", "127.0.0.1:0", "--database", database.url()});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("rules version 1 does not fit"), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find("rule 'visa'"), std::string::npos) << refused.err;
}

// The scheduled reports, run at once (README "Scheduled reports"). The binary counts ages to its
// own clock, so the tickets are opened relative to now: whole days hold for the test's minutes.
TEST(Cli, ReportAgingAndSummaryWriteCsvAndPdfOfTheOpenTickets) {
  TestDatabase database;
  const Timestamp now = std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
  {
    auto store = open_store(database.url());
    ASSERT_TRUE(store) << store.error().message;
    ASSERT_TRUE((*store)->write([&](WriteTransaction& tx) -> Result<void> {
      const auto opened = [&](std::chrono::hours age, std::optional<std::chrono::hours> resolved_after) {
        Ticket ticket;
        ticket.type = "document_missing";
        ticket.team = "hris";
        ticket.title = "Passport of Jane Roe missing";
        ticket.status = resolved_after ? "resolved" : "new";
        ticket.reporter = "tester";
        ticket.created_at = now - age;
        ticket.updated_at = ticket.created_at;
        if (resolved_after) ticket.resolved_at = ticket.created_at + *resolved_after;
        return tx.insert_ticket(ticket);
      };
      for (const auto& [age, resolved_after] :
           {std::pair{std::chrono::hours(1), std::optional<std::chrono::hours>()},
            std::pair{std::chrono::hours(10 * 24 + 1), std::optional<std::chrono::hours>()},
            std::pair{std::chrono::hours(48), std::optional<std::chrono::hours>(24)}}) {
        if (auto inserted = opened(age, resolved_after); !inserted) return tl::unexpected(inserted.error());
      }
      return {};
    }));
  }

  const auto aging = run_snag({"report", "aging", "--database", database.url()});
  ASSERT_EQ(aging.exit_code, 0) << aging.err;
  EXPECT_EQ(aging.out,
            "Team,Issue type,Open,0-2 days,3-7 days,8-14 days,15-30 days,>30 days,Oldest ticket,Oldest age (days)\r\n"
            "hris,document_missing,2,1,0,1,0,0,SNAG-2,10\r\n"
            "All teams,All types,2,1,0,1,0,0,SNAG-2,10\r\n");

  const std::string since = format_rfc3339(now - std::chrono::days(7));
  const auto summary = run_snag({"report", "summary", "--database", database.url(), "--since", since});
  ASSERT_EQ(summary.exit_code, 0) << summary.err;
  for (const std::string& line : {"Period start," + since + "\r\n", std::string("Open tickets at end,2\r\n"),
                                 std::string("Opened in period,2\r\n"), std::string("Resolved in period,1\r\n"),
                                 std::string("Mean hours to resolve,24.0\r\n"),
                                 std::string("Top issue type 1,document_missing: 2 opened (100.0%)\r\n")}) {
    EXPECT_NE(summary.out.find(line), std::string::npos) << line << summary.out;
  }
  EXPECT_EQ(summary.out.find("Jane Roe"), std::string::npos);

  TempDir dir;
  const std::string pdf = (dir.path() / "aging.pdf").string();
  const auto written = run_snag({"report", "aging", "--database", database.url(), "--format", "pdf", "--output", pdf});
  ASSERT_EQ(written.exit_code, 0) << written.err;
  std::ifstream file(pdf, std::ios::binary);
  std::stringstream bytes;
  bytes << file.rdbuf();
  EXPECT_EQ(bytes.str().substr(0, 5), "%PDF-");
  // Each report that left is in the access log, as an export of the API's is.
  EXPECT_EQ(count_rows(database.url(), "access_log WHERE object = 'export:aging_report rows=2 format=csv'"), 1);
  EXPECT_EQ(count_rows(database.url(), "access_log WHERE object = 'export:aging_report rows=2 format=pdf'"), 1);
  // With exports turned off, no report leaves, and the attempt is logged as refused.
  const auto no_exports = dir.path() / "no-exports.yaml";
  write_file(no_exports, "exports:\n  enabled: false\n");
  const auto refused = run_snag({"report", "summary", "--database", database.url(), "--config", no_exports.string()});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_EQ(refused.out, "");
  EXPECT_NE(refused.err.find("Exports are turned off"), std::string::npos) << refused.err;
  EXPECT_EQ(count_rows(database.url(), "access_log WHERE object = 'export:summary_report refused format=csv'"), 1);

  const auto future = run_snag({"report", "aging", "--database", database.url(), "--since", "2999-01-01"});
  EXPECT_EQ(future.exit_code, 1);
  EXPECT_NE(future.err.find("--since must not be in the future"), std::string::npos) << future.err;
  const auto unreadable = run_snag({"report", "summary", "--database", database.url(), "--since", "last week"});
  EXPECT_EQ(unreadable.exit_code, 1);
  EXPECT_NE(unreadable.err.find("--since must be an RFC 3339 time or a date"), std::string::npos) << unreadable.err;
}

}  // namespace cli_test
}  // namespace snag::testing
