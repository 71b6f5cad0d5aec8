#pragma once
// The web app (web/dist, built by Vite): its files, read once at start and served from memory,
// for the GETs that no API route answers. A path of the app's own routing (/tickets/SNAG-42)
// gets index.html, so that a reload or a shared link opens the app there; API paths and missing
// files keep their 404. Text files are gzipped once at load and sent so to a browser that takes
// gzip (a third of the bytes or less); each file has an ETag, so that checking index.html again
// costs a 304 without a body.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include <snag/http/message.hpp>
#include <snag/util/error.hpp>

namespace snag::http {

// What the app's pages may load: only its own files and its own API. Vite emits no inline
// script or style, so none is allowed.
inline constexpr std::string_view k_web_app_csp =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

class WebApp {
 public:
  // Reads every regular file under `root`. Fails when there is no index.html, or when the files
  // come to more than a web app's size (a root pointed at the wrong folder).
  static Result<WebApp> load(const std::filesystem::path& root);

  // What the request says about codings and the copy the browser holds.
  struct Conditions {
    std::string_view accept_encoding;
    std::string_view if_none_match;
  };

  // The answer to a GET or HEAD of `path` (raw, without the query) that no route matched;
  // nullopt when the 404 stands: another method, an API path, or a missing file.
  std::optional<HttpResponse> answer(HttpMethod method, std::string_view path, Conditions conditions = {}) const;

  std::size_t file_count() const { return m_files.size(); }

 private:
  struct File {
    std::string body;
    std::string_view content_type;
    // Vite names what it emits under assets/ by a hash of the content: such a file never
    // changes, so a browser keeps it; anything else is checked again each time.
    bool immutable = false;
    std::string gzipped;  // empty when gzip would not save enough to be worth a Vary
    std::string etag;     // of the body as it is; the gzipped body's ends in -gz
  };

  HttpResponse respond(const File& file, Conditions conditions) const;

  std::unordered_map<std::string, File> m_files;  // by URL path: "/index.html", "/assets/index-3fa1.js"
};

}  // namespace snag::http
