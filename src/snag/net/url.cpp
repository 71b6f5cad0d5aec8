#include <algorithm>
#include <charconv>

#include <snag/net/url.hpp>

namespace snag {

namespace {

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string lowered(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), lower);
  return out;
}

// Spaces and control characters would let a URL break the request line or a header.
bool has_unsafe_characters(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte <= 0x20 || byte == 0x7f;
  });
}

bool is_host_character(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_';
}

tl::unexpected<Error> bad_url(std::string message) { return fail(ErrorCode::invalid_argument, std::move(message)); }

}  // namespace

std::string Url::origin() const {
  return scheme + "://" + (host.find(':') != std::string::npos ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

std::string Url::host_header() const {
  std::string header = host.find(':') != std::string::npos ? "[" + host + "]" : host;
  const std::uint16_t default_port = https() ? 443 : 80;
  if (port != default_port) header += ":" + std::to_string(port);
  return header;
}

Result<Url> parse_url(std::string_view text) {
  if (text.empty()) return bad_url("the URL is empty");
  if (has_unsafe_characters(text)) return bad_url("the URL contains spaces or control characters");
  const auto scheme_end = text.find("://");
  if (scheme_end == std::string_view::npos) return bad_url("the URL must start with http:// or https://");
  Url url;
  url.scheme = lowered(text.substr(0, scheme_end));
  if (url.scheme != "http" && url.scheme != "https") return bad_url("the URL must start with http:// or https://");
  url.port = url.https() ? 443 : 80;

  const std::string_view rest = text.substr(scheme_end + 3);
  const auto authority_end = rest.find_first_of("/?#");
  const std::string_view authority = rest.substr(0, authority_end);
  std::string_view target = authority_end == std::string_view::npos ? std::string_view{} : rest.substr(authority_end);
  if (authority.find('@') != std::string_view::npos) {
    return bad_url("the URL must not contain a user name or password");
  }

  std::string_view host = authority;
  std::string_view port;
  if (authority.starts_with('[')) {
    const auto close = authority.find(']');
    if (close == std::string_view::npos) return bad_url("the URL's IPv6 address lacks its closing ']'");
    host = authority.substr(1, close - 1);
    const std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (!after.starts_with(':')) return bad_url("the URL has characters after its IPv6 address");
      port = after.substr(1);
    }
    const bool ipv6_characters = std::all_of(host.begin(), host.end(), [](char c) {
      return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':' || c == '.';
    });
    if (host.empty() || !ipv6_characters) return bad_url("the URL's IPv6 address is malformed");
  } else {
    const auto colon = authority.rfind(':');
    if (colon != std::string_view::npos) {
      host = authority.substr(0, colon);
      port = authority.substr(colon + 1);
    }
    if (host.empty()) return bad_url("the URL has no host");
    if (!std::all_of(host.begin(), host.end(), is_host_character)) return bad_url("the URL's host is malformed");
  }
  url.host = lowered(host);

  if (!port.empty()) {
    unsigned value = 0;
    const auto [end, error] = std::from_chars(port.data(), port.data() + port.size(), value);
    if (error != std::errc{} || end != port.data() + port.size() || value == 0 || value > 65535) {
      return bad_url("the URL's port must be a number from 1 to 65535");
    }
    url.port = static_cast<std::uint16_t>(value);
  }

  if (const auto fragment = target.find('#'); fragment != std::string_view::npos) target = target.substr(0, fragment);
  url.target = std::string(target);
  if (url.target.empty() || url.target.front() == '?') url.target.insert(0, "/");
  return url;
}

}  // namespace snag
