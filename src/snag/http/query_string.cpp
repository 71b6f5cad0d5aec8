#include <charconv>

#include <snag/http/query_string.hpp>
#include <snag/util/text.hpp>

namespace snag::http {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '%') {
      if (i + 2 >= text.size()) return std::nullopt;
      const int high = hex_value(text[i + 1]);
      const int low = hex_value(text[i + 2]);
      if (high < 0 || low < 0) return std::nullopt;
      out.push_back(static_cast<char>(high * 16 + low));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

Result<QueryParams> parse_query_string(std::string_view query) {
  QueryParams params;
  while (!query.empty()) {
    const auto amp = query.find('&');
    const auto pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    if (pair.empty()) continue;
    const auto eq = pair.find('=');
    auto name = percent_decode(pair.substr(0, eq), true);
    // Every parameter is text: a NUL byte or invalid UTF-8 is refused here once, for every filter
    // of every route, before it could reach a query or a log line.
    if (!name || !is_storable_text(*name)) {
      return fail(ErrorCode::invalid_argument,
                  "The query string has an invalid percent-escape, or a name that is not UTF-8 text.");
    }
    auto value = eq == std::string_view::npos ? std::optional<std::string>{""} : percent_decode(pair.substr(eq + 1), true);
    if (!value) {
      return fail(ErrorCode::invalid_argument, "The query parameter '" + *name + "' has an invalid percent-escape.");
    }
    if (!is_storable_text(*value)) return fail_validation({{*name, "must be UTF-8 text without NUL bytes"}});
    params.emplace(std::move(*name), std::move(*value));
  }
  return params;
}

std::optional<std::int64_t> parse_positive(std::string_view text) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc{} || end != text.data() + text.size() || value <= 0) return std::nullopt;
  return value;
}

}  // namespace snag::http
