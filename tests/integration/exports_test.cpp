// Exports through the real binary: the ticket list's filters as a streamed CSV, masked for an
// exporter without pii:read and recorded in the access log with its row count; the access log and the
// SLA report as CSV; a PDF whose every page
// carries the watermark (read back with poppler's pdftotext); and refusals
// for roles that may not export (the attempt logged) and for bad parameters.

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "snag_process.hpp"

namespace snag::testing {
namespace exports_test {

HttpResponse get_as(const SnagServer& server, const std::string& key, const std::string& target) {
  return server.send(HttpRequest{"GET", target, "", {{"Authorization", "Bearer " + key}}});
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  for (std::size_t end = text.find("\r\n"); end != std::string::npos; end = text.find("\r\n", start)) {
    lines.push_back(text.substr(start, end - start));
    start = end + 2;
  }
  return lines;
}

void open_tickets(SnagServer& server, int count, const std::string& type, const std::string& title) {
  for (int i = 0; i < count; ++i) {
    ASSERT_EQ(server.post("/api/v1/tickets", {{"type", type}, {"title", title + " " + std::to_string(i)}}).status, 201);
  }
}

// The text of each page of a PDF, as poppler's pdftotext reads it in content order (which keeps
// the diagonal watermark), without whitespace: the watermark comes out broken across lines.
std::vector<std::string> pdf_pages(const std::string& pdf) {
  TempDir dir;
  const auto file = dir.path() / "export.pdf";
  std::ofstream(file, std::ios::binary) << pdf;
  const std::string command = "pdftotext -q -raw " + file.string() + " -";
  std::unique_ptr<FILE, decltype(&pclose)> pipe(popen(command.c_str(), "r"), pclose);
  std::string text;
  std::array<char, 4096> buffer{};
  for (std::size_t read = 0; pipe && (read = fread(buffer.data(), 1, buffer.size(), pipe.get())) > 0;) {
    for (std::size_t i = 0; i < read; ++i) {
      if (buffer[i] != ' ' && buffer[i] != '\n') text += buffer[i];
    }
  }
  std::vector<std::string> pages;
  std::size_t start = 0;
  for (std::size_t end = text.find('\f'); end != std::string::npos; end = text.find('\f', start)) {
    pages.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return pages;
}

TEST(Exports, TicketsAsCsvFollowTheFiltersAreMaskedAndLogged) {
  SnagServer server;
  open_tickets(server, 2, "other", "Call back 123-45-6789 about");
  open_tickets(server, 1, "access_problem", "Cannot sign in");
  const std::string admin = server.admin_key();  // may export, has no pii:read

  const auto exported = get_as(server, admin, "/api/v1/exports/tickets?type=other&sort=created_at");
  ASSERT_EQ(exported.status, 200) << exported.body;
  EXPECT_EQ(exported.header("content-type"), "text/csv; charset=utf-8");
  EXPECT_NE(exported.header("content-disposition").find("attachment; filename=\"tickets-"), std::string::npos);
  const auto lines = lines_of(exported.body);
  ASSERT_EQ(lines.size(), 3u) << exported.body;
  EXPECT_EQ(lines[0].rfind("key,type,title,status,severity,team", 0), 0u) << lines[0];
  EXPECT_EQ(lines[1].rfind("SNAG-1,other,", 0), 0u) << lines[1];
  EXPECT_EQ(exported.body.find("123-45-6789"), std::string::npos) << "masked as the API masks";
  EXPECT_NE(exported.body.find("***-**-6789"), std::string::npos) << exported.body;

  // The CSV is streamed: logged before its first byte, and with its row count after its last.
  const auto logged = get_as(server, admin, "/api/v1/access-log?action=export");
  ASSERT_EQ(logged.status, 200);
  const auto entries = logged.json()["items"];
  ASSERT_EQ(entries.size(), 2u) << logged.body;
  EXPECT_EQ(entries[0]["object"], "export:tickets rows=2 format=csv");
  EXPECT_EQ(entries[1]["object"], "export:tickets started format=csv");
  EXPECT_EQ(entries[0]["actor"], "integration admin");

  const auto log_export = get_as(server, admin, "/api/v1/exports/access-log?action=export");
  ASSERT_EQ(log_export.status, 200) << log_export.body;
  const auto log_lines = lines_of(log_export.body);
  ASSERT_EQ(log_lines.size(), 3u) << log_export.body;
  EXPECT_NE(log_lines[1].find("export:tickets rows=2 format=csv"), std::string::npos);

  const auto empty = get_as(server, admin, "/api/v1/exports/tickets?type=compliance_hold");
  ASSERT_EQ(empty.status, 200) << empty.body;
  EXPECT_EQ(lines_of(empty.body).size(), 1u) << "the header alone: " << empty.body;

  const auto report = get_as(server, admin, "/api/v1/exports/reports/sla?by=type");
  ASSERT_EQ(report.status, 200) << report.body;
  const auto report_lines = lines_of(report.body);
  ASSERT_EQ(report_lines.size(), 3u) << report.body;  // access_problem and other
  EXPECT_EQ(report_lines[0].rfind("type,tickets,first_response_met,", 0), 0u) << report_lines[0];
  EXPECT_EQ(report_lines[2].rfind("other,2,", 0), 0u) << report_lines[2];
}

// Several pages of the store's list (1000 tickets each): every ticket arrives once, in order.
TEST(Exports, ACsvOfManyTicketsStreamsEveryRowOnce) {
  SnagServer server;
  open_tickets(server, 2100, "other", "Row");
  const auto exported = get_as(server, server.admin_key(), "/api/v1/exports/tickets?sort=created_at");
  ASSERT_EQ(exported.status, 200);
  const auto lines = lines_of(exported.body);
  ASSERT_EQ(lines.size(), 2101u);
  for (std::size_t row = 1; row < lines.size(); ++row) {
    ASSERT_EQ(lines[row].rfind("SNAG-" + std::to_string(row) + ",other,Row " + std::to_string(row - 1) + ",", 0), 0u)
        << lines[row];
  }
}

TEST(Exports, EveryPageOfAPdfCarriesTheWatermark) {
  SnagServer server;
  open_tickets(server, 70, "other", "Offer letter bounced");
  const auto exported = get_as(server, server.admin_key(), "/api/v1/exports/tickets?format=pdf");
  ASSERT_EQ(exported.status, 200) << exported.body;
  EXPECT_EQ(exported.header("content-type"), "application/pdf");
  EXPECT_EQ(exported.body.rfind("%PDF-", 0), 0u);
  const auto pages = pdf_pages(exported.body);
  ASSERT_GE(pages.size(), 2u) << "70 rows fill more than a page";
  for (std::size_t page = 0; page < pages.size(); ++page) {
    EXPECT_NE(pages[page].find("Confidential-exportedbyintegrationadmin-20"), std::string::npos)
        << "page " << page + 1 << ": " << pages[page];
    EXPECT_NE(pages[page].find("page" + std::to_string(page + 1) + "of"), std::string::npos) << pages[page];
  }
  EXPECT_NE(pages[0].find("SNAG-70"), std::string::npos) << "newest first, as the list sorts: " << pages[0];
}

TEST(Exports, RolesThatMayNotExportAndBadParametersAreRefused) {
  SnagServer server;
  open_tickets(server, 1, "other", "Anything");
  const std::string recruiter = server.create_key("recruiter", "rita");  // no tickets:export
  EXPECT_EQ(get_as(server, recruiter, "/api/v1/exports/tickets").status, 403);
  const std::string senior = server.create_key("senior_recruiter", "sam");  // exports, but no access_log:read
  EXPECT_EQ(get_as(server, senior, "/api/v1/exports/tickets").status, 200);
  EXPECT_EQ(get_as(server, senior, "/api/v1/exports/access-log").status, 403);

  const auto bad_format = get_as(server, senior, "/api/v1/exports/tickets?format=xlsx");
  ASSERT_EQ(bad_format.status, 422);
  EXPECT_EQ(bad_format.json()["errors"][0]["field"], "format");
  EXPECT_EQ(get_as(server, senior, "/api/v1/exports/tickets?limit=5").status, 422);
  EXPECT_EQ(get_as(server, senior, "/api/v1/exports/tickets?colour=red").status, 422);
  EXPECT_EQ(count_rows(server.database_url(), "access_log WHERE action = 'export' AND object LIKE '%rows=%'"), 1)
      << "one export went out";
  const auto attempts = get_as(server, server.admin_key(), "/api/v1/access-log?action=export&actor=rita");
  ASSERT_EQ(attempts.status, 200);
  ASSERT_EQ(attempts.json()["items"].size(), 1u) << attempts.body;
  EXPECT_EQ(attempts.json()["items"][0]["object"], "export:tickets refused format=csv");
}

}  // namespace exports_test
}  // namespace snag::testing
