#include <array>
#include <fstream>
#include <iterator>
#include <utility>

#include <snag/http/field_list.hpp>
#include <snag/http/gzip.hpp>
#include <snag/http/web_app.hpp>
#include <snag/util/crypto.hpp>

namespace snag::http {
namespace {

// A built SPA is a few hundred kilobytes; this much means the root is some other folder.
constexpr std::uintmax_t k_max_total_bytes = 64u << 20;

// Paths that belong to the API and its neighbours: a miss there is the API's 404, never a page.
constexpr std::array<std::string_view, 3> k_api_prefixes{"/api", "/hooks", "/oauth"};

std::string_view content_type_of(const std::filesystem::path& file) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 12> k_types{{
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".map", "application/json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".txt", "text/plain; charset=utf-8"},
      {".webmanifest", "application/manifest+json"},
  }};
  const auto extension = file.extension().string();
  for (const auto& [known, type] : k_types) {
    if (extension == known) return type;
  }
  return "application/octet-stream";
}

bool is_api_path(std::string_view path) {
  for (const auto prefix : k_api_prefixes) {
    if (path.starts_with(prefix) && (path.size() == prefix.size() || path[prefix.size()] == '/')) return true;
  }
  return false;
}

// A request for a file (its last segment has an extension) that is not there: a 404, not the
// app's page, so that a missing script fails as one instead of being parsed as HTML.
bool names_a_file(std::string_view path) {
  const auto last_segment = path.substr(path.rfind('/') + 1);
  return last_segment.find('.') != std::string_view::npos;
}

// Text compresses well; images and fonts are compressed already.
bool worth_compressing(std::string_view content_type, std::size_t size) {
  constexpr std::size_t k_min_bytes = 1024;  // below this the headers outweigh the saving
  return size >= k_min_bytes && (content_type.starts_with("text/") || content_type.starts_with("application/json") ||
                                 content_type == "image/svg+xml" || content_type == "application/manifest+json");
}

// Whether an If-None-Match list holds `etag` (weak comparison, RFC 9110 §13.1.2), or is `*`.
bool none_match_holds(std::string_view if_none_match, std::string_view etag) {
  while (!if_none_match.empty()) {
    auto tag = next_list_element(if_none_match);
    if (tag.starts_with("W/")) tag.remove_prefix(2);
    if (tag == "*" || tag == etag) return true;
  }
  return false;
}

Result<std::string> read_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return fail(ErrorCode::invalid_argument, "cannot read " + file.string());
  std::string body{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (in.bad()) return fail(ErrorCode::invalid_argument, "cannot read " + file.string());
  return body;
}

}  // namespace

Result<WebApp> WebApp::load(const std::filesystem::path& root) {
  WebApp app;
  std::error_code error;
  std::uintmax_t total = 0;
  std::filesystem::recursive_directory_iterator entries(root, error);
  if (error) return fail(ErrorCode::invalid_argument, "cannot read the web app folder " + root.string());
  for (const auto& entry : entries) {
    if (!entry.is_regular_file(error)) continue;
    total += entry.file_size(error);
    if (total > k_max_total_bytes) {
      return fail(ErrorCode::invalid_argument, root.string() + " holds more than a web app (over 64 MiB)");
    }
    auto body = read_file(entry.path());
    if (!body) return tl::unexpected(std::move(body.error()));
    const auto relative = entry.path().lexically_relative(root).generic_string();
    File file{std::move(*body), content_type_of(entry.path()), relative.starts_with("assets/"), {}, {}};
    file.etag = "\"" + sha256_hex(file.body).substr(0, 24) + "\"";
    if (worth_compressing(file.content_type, file.body.size())) {
      // Kept only when it saves a tenth or more.
      if (auto packed = gzip(file.body); packed && packed->size() * 10 <= file.body.size() * 9) {
        file.gzipped = std::move(*packed);
      }
    }
    app.m_files.emplace("/" + relative, std::move(file));
  }
  if (!app.m_files.contains("/index.html")) {
    return fail(ErrorCode::invalid_argument, root.string() + " has no index.html (build it: make build)");
  }
  return app;
}

std::optional<HttpResponse> WebApp::answer(HttpMethod method, std::string_view path, Conditions conditions) const {
  if (method != HttpMethod::get && method != HttpMethod::head) return std::nullopt;
  if (is_api_path(path)) return std::nullopt;
  if (const auto file = m_files.find(std::string(path)); file != m_files.end()) {
    return respond(file->second, conditions);
  }
  if (names_a_file(path)) return std::nullopt;
  return respond(m_files.at("/index.html"), conditions);
}

HttpResponse WebApp::respond(const File& file, Conditions conditions) const {
  const bool gzipped = !file.gzipped.empty() && accepts_gzip(conditions.accept_encoding);
  // Two bodies, two entity tags: a cache must not hand one out for the other.
  std::string etag = gzipped ? file.etag.substr(0, file.etag.size() - 1) + "-gz\"" : file.etag;
  HttpResponse response;
  response.content_type = file.content_type;
  if (none_match_holds(conditions.if_none_match, etag)) {
    response.status = 304;
  } else {
    response.body = gzipped ? file.gzipped : file.body;
    if (gzipped) response.with_header("Content-Encoding", "gzip");
  }
  response.with_header("ETag", std::move(etag));
  if (!file.gzipped.empty()) response.with_header("Vary", "Accept-Encoding");
  response.with_header("Cache-Control", file.immutable ? "public, max-age=31536000, immutable" : "no-cache");
  response.with_header("Content-Security-Policy", std::string(k_web_app_csp));
  // The app's own links may carry its origin; nothing more leaves with them.
  response.with_header("Referrer-Policy", "same-origin");
  return response;
}

}  // namespace snag::http
