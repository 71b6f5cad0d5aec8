#include <boost/beast/core/string.hpp>
#include <zlib.h>

#include <snag/http/field_list.hpp>
#include <snag/http/gzip.hpp>

namespace snag::http {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  return boost::beast::iequals(boost::beast::string_view(a.data(), a.size()),
                               boost::beast::string_view(b.data(), b.size()));
}

// Whether the weight after an element's coding ("gzip;q=0.5") is above 0: it is 1 when absent,
// and 0 for q=0, q=0.0 and the like (RFC 9110 §12.4.2 allows at most three decimals).
bool weighted_above_zero(std::string_view parameters) {
  const auto weight = parameters.find_first_not_of(" \t");
  if (weight == std::string_view::npos || !iequals(parameters.substr(weight, 2), "q=")) return true;
  const auto value = parameters.substr(weight + 2);
  return value.substr(0, value.find_first_of(" \t;")).find_first_not_of("0.") != std::string_view::npos;
}

}  // namespace

std::optional<std::string> gzip(std::string_view bytes) {
  z_stream stream{};
  // 15 window bits, +16 for the gzip wrapper instead of zlib's.
  if (deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    return std::nullopt;
  }
  std::string out(deflateBound(&stream, static_cast<uLong>(bytes.size())), '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  stream.avail_in = static_cast<uInt>(bytes.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  const int result = deflate(&stream, Z_FINISH);  // the bound holds it all in one call
  const auto written = stream.total_out;
  deflateEnd(&stream);
  if (result != Z_STREAM_END) return std::nullopt;
  out.resize(written);
  return out;
}

bool accepts_gzip(std::string_view accept_encoding) {
  bool any = false;
  while (!accept_encoding.empty()) {
    const auto element = next_list_element(accept_encoding);
    const auto semicolon = element.find(';');
    auto coding = element.substr(0, semicolon);
    coding = coding.substr(0, coding.find_last_not_of(" \t") + 1);
    const auto parameters = semicolon == std::string_view::npos ? std::string_view{} : element.substr(semicolon + 1);
    if (iequals(coding, "gzip") || iequals(coding, "x-gzip")) return weighted_above_zero(parameters);
    if (coding == "*") any = weighted_above_zero(parameters);
  }
  return any;
}

}  // namespace snag::http
