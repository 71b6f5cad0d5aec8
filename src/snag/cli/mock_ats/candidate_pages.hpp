#pragma once
// The mock ATS's candidate pages, for trying Snag's "Report a problem" widget where it is meant
// to live: on an ATS page of another origin. `GET /` lists the first candidates; `GET
// /candidates/{id}` is a candidate's page, which embeds the widget as README "The widget" says:
//
//   <script src="SNAG/widget.js" data-connector="CONNECTOR" data-candidate="ID" defer></script>
//
// Snag must list the mock's origin in widget.allowed_origins for the widget to file tickets.

#include <optional>
#include <string>
#include <vector>

#include <snag/cli/mock_ats/candidate_data.hpp>
#include <snag/cli/mock_ats/tiny_server.hpp>

namespace snag::mock_ats {

struct CandidatePageOptions {
  std::string snag_url;   // where widget.js is served, e.g. http://127.0.0.1:8080
  std::string connector;  // the Snag connector of this ATS, e.g. demo-ats
};

class CandidatePages {
 public:
  CandidatePages(const std::vector<MockCandidate>& candidates, CandidatePageOptions options);

  // A page for `/` and `/candidates/{id}`; nullopt for any other request, which is not a page.
  std::optional<MockResponse> handle(const MockRequest& request) const;

 private:
  std::string index_page() const;
  std::string candidate_page(const MockCandidate& candidate) const;

  const std::vector<MockCandidate>& m_candidates;
  const CandidatePageOptions m_options;
};

// Text safe inside HTML content and double-quoted attributes.
std::string escape_html(std::string_view text);

}  // namespace snag::mock_ats
