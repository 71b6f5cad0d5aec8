#pragma once
// gzip (RFC 1952) for the web app's files, compressed once when they are loaded, and the reading
// of a request's Accept-Encoding (RFC 9110 §12.5.3).

#include <optional>
#include <string>
#include <string_view>

namespace snag::http {

// `bytes` gzipped at the best compression; nullopt if zlib fails (then the file goes uncompressed).
std::optional<std::string> gzip(std::string_view bytes);

// Whether an Accept-Encoding value takes gzip: named with a weight above 0, or `*` above 0
// without gzip being named. An absent header means identity only here: a client that wants
// compression says so.
bool accepts_gzip(std::string_view accept_encoding);

}  // namespace snag::http
