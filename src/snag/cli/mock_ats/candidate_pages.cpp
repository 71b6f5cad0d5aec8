#include <algorithm>
#include <charconv>

#include <snag/cli/mock_ats/candidate_pages.hpp>

namespace snag::mock_ats {
namespace {

constexpr std::string_view k_candidate_path = "/candidates/";
constexpr std::size_t k_listed = 25;

MockResponse html_response(int status, std::string body) {
  return MockResponse{
      status, {{"Content-Type", "text/html; charset=utf-8"}, {"Cache-Control", "no-store"}}, std::move(body)};
}

std::string page(std::string_view title, std::string_view body) {
  return "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
         escape_html(title) +
         " · Mock ATS</title>\n<style>body{font-family:system-ui,sans-serif;max-width:48rem;margin:0 auto;"
         "padding:1rem;line-height:1.5}header{border-bottom:1px solid #ccc;margin-bottom:1rem}"
         "dt{font-weight:600}a{color:#0b57d0}</style>\n</head>\n<body>\n<header><p><a href=\"/\">Mock ATS</a>"
         "</p></header>\n<main>\n" +
         std::string(body) + "</main>\n</body>\n</html>\n";
}

std::string full_name(const MockCandidate& candidate) { return candidate.first_name + " " + candidate.last_name; }

}  // namespace

std::string escape_html(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

CandidatePages::CandidatePages(const std::vector<MockCandidate>& candidates, CandidatePageOptions options)
    : m_candidates(candidates), m_options(std::move(options)) {}

std::optional<MockResponse> CandidatePages::handle(const MockRequest& request) const {
  if (request.method != "GET") return std::nullopt;
  const std::string_view path = std::string_view(request.target).substr(0, request.target.find('?'));
  if (path == "/") return html_response(200, index_page());
  if (!path.starts_with(k_candidate_path)) return std::nullopt;
  const std::string_view id_text = path.substr(k_candidate_path.size());
  std::int64_t id = 0;
  const auto [end, error] = std::from_chars(id_text.data(), id_text.data() + id_text.size(), id);
  const auto found = std::find_if(m_candidates.begin(), m_candidates.end(),
                                  [id](const MockCandidate& candidate) { return candidate.id == id; });
  if (error != std::errc{} || end != id_text.data() + id_text.size() || found == m_candidates.end()) {
    return html_response(404, page("Not found", "<h1>No such candidate</h1>\n"));
  }
  return html_response(200, candidate_page(*found));
}

std::string CandidatePages::index_page() const {
  std::string list =
      "<h1>Candidates</h1>\n<p>Open a candidate: each page has Snag's “Report a problem” button.</p>\n<ul>\n";
  const std::size_t shown = std::min(k_listed, m_candidates.size());
  for (std::size_t i = 0; i < shown; ++i) {
    const auto& candidate = m_candidates[i];
    list += "<li><a href=\"" + std::string(k_candidate_path) + std::to_string(candidate.id) + "\">" +
            escape_html(full_name(candidate)) + "</a> — " + escape_html(candidate.job_name) + "</li>\n";
  }
  return page("Candidates", list + "</ul>\n");
}

std::string CandidatePages::candidate_page(const MockCandidate& candidate) const {
  const std::string body =
      "<h1>" + escape_html(full_name(candidate)) + "</h1>\n<dl>\n<dt>Applied for</dt><dd>" +
      escape_html(candidate.job_name) + "</dd>\n<dt>Location</dt><dd>" + escape_html(candidate.geography) +
      "</dd>\n<dt>Level</dt><dd>" + escape_html(candidate.level) + "</dd>\n</dl>\n<script src=\"" +
      escape_html(m_options.snag_url) + "/widget.js\" data-connector=\"" + escape_html(m_options.connector) +
      "\" data-candidate=\"" + std::to_string(candidate.id) + "\" defer></script>\n";
  return page(full_name(candidate), body);
}

}  // namespace snag::mock_ats
