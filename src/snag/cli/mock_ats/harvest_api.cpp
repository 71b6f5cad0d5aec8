#include <algorithm>
#include <charconv>
#include <map>

#include <snag/cli/mock_ats/harvest_api.hpp>
#include <snag/util/crypto.hpp>

namespace snag::mock_ats {

namespace {

constexpr int k_max_per_page = 500;
constexpr int k_default_per_page = 100;

MockResponse json_response(int status, const nlohmann::json& body, HeaderList headers = {}) {
  headers.emplace_back("Content-Type", "application/json; charset=utf-8");
  return MockResponse{status, std::move(headers), body.dump()};
}

// Harvest's error shape for bad parameters.
MockResponse unprocessable(const std::string& field, const std::string& message) {
  return json_response(422, {{"message", "Validation error"},
                             {"errors", nlohmann::json::array({{{"field", field}, {"message", message}}})}});
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string percent_decoded(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 && hex_value(text[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
      i += 2;
    } else {
      out += text[i] == '+' ? ' ' : text[i];
    }
  }
  return out;
}

std::string percent_encoded(std::string_view text) {
  static constexpr char k_hex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
        c == '.' || c == '~' || c == ':') {
      out += c;
    } else {
      out += '%';
      out += k_hex[byte >> 4];
      out += k_hex[byte & 15];
    }
  }
  return out;
}

std::map<std::string, std::string> query_of(std::string_view target) {
  std::map<std::string, std::string> query;
  const auto start = target.find('?');
  if (start == std::string_view::npos) return query;
  std::string_view rest = target.substr(start + 1);
  while (!rest.empty()) {
    const auto end = rest.find('&');
    const std::string_view pair = rest.substr(0, end);
    const auto equals = pair.find('=');
    query[percent_decoded(pair.substr(0, equals))] =
        equals == std::string_view::npos ? std::string() : percent_decoded(pair.substr(equals + 1));
    if (end == std::string_view::npos) break;
    rest = rest.substr(end + 1);
  }
  return query;
}

std::optional<int> integer(const std::string& text) {
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

HarvestApi::HarvestApi(std::vector<MockCandidate> candidates, HarvestApiOptions options)
    : m_candidates(std::move(candidates)), m_options(std::move(options)) {
  for (const auto& candidate : m_candidates) m_listed.push_back(&candidate);
  const auto by_updated_at = [](const MockCandidate* a, const MockCandidate* b) {
    return a->updated_at != b->updated_at ? a->updated_at < b->updated_at : a->id < b->id;
  };
  const auto by_id = [](const MockCandidate* a, const MockCandidate* b) { return a->id < b->id; };
  if (m_options.order_by_id) {
    std::sort(m_listed.begin(), m_listed.end(), by_id);
  } else {
    std::sort(m_listed.begin(), m_listed.end(), by_updated_at);
  }
}

bool HarvestApi::authorised(const MockRequest& request) const {
  if (!m_options.api_key) return true;
  const auto header = request.header("Authorization");
  if (!header || !header->starts_with("Basic ")) return false;
  const auto decoded = base64_decode(std::string_view(*header).substr(6));
  if (!decoded) return false;
  // Harvest takes the key as the user name and ignores the password.
  const auto user = decoded->substr(0, decoded->find(':'));
  return constant_time_equal(user, *m_options.api_key);
}

MockResponse HarvestApi::handle(const MockRequest& request) {
  const std::size_t number = ++m_requests;
  if (m_options.throttle_every > 0 && number % m_options.throttle_every == 0) {
    return json_response(429, {{"message", "API rate limit exceeded"}},
                         {{"Retry-After", "1"}, {"X-RateLimit-Limit", "50"}, {"X-RateLimit-Remaining", "0"}});
  }
  if (!authorised(request)) {
    return json_response(401, {{"message", "Invalid Basic Auth credentials"}},
                         {{"WWW-Authenticate", "Basic realm=\"Harvest API\""}});
  }
  const std::string_view path = std::string_view(request.target).substr(0, request.target.find('?'));
  if (path != "/v1/candidates") return json_response(404, {{"message", "Resource not found"}});
  if (request.method != "GET") return json_response(405, {{"message", "Method not allowed"}}, {{"Allow", "GET"}});
  return list_candidates(request);
}

MockResponse HarvestApi::list_candidates(const MockRequest& request) const {
  auto query = query_of(request.target);
  const auto per_page = query.contains("per_page") ? integer(query["per_page"]) : k_default_per_page;
  if (!per_page || *per_page < 1 || *per_page > k_max_per_page) {
    return unprocessable("per_page", "must be an integer from 1 to " + std::to_string(k_max_per_page));
  }
  const auto page = query.contains("page") ? integer(query["page"]) : 1;
  if (!page || *page < 1) return unprocessable("page", "must be a positive integer");

  std::optional<Timestamp> after;
  std::optional<Timestamp> before;
  if (query.contains("updated_after")) {
    after = parse_rfc3339(query["updated_after"]);
    if (!after) return unprocessable("updated_after", "must be an ISO 8601 timestamp");
  }
  if (query.contains("updated_before")) {
    before = parse_rfc3339(query["updated_before"]);
    if (!before) return unprocessable("updated_before", "must be an ISO 8601 timestamp");
  }
  std::vector<const MockCandidate*> matching;
  for (const MockCandidate* candidate : m_listed) {
    if ((!after || candidate->updated_at >= *after) && (!before || candidate->updated_at < *before)) {
      matching.push_back(candidate);
    }
  }

  const std::size_t size = static_cast<std::size_t>(*per_page);
  const std::size_t offset = std::min(matching.size(), (static_cast<std::size_t>(*page) - 1) * size);
  nlohmann::json body = nlohmann::json::array();
  for (std::size_t i = offset; i < matching.size() && body.size() < size; ++i) {
    body.push_back(harvest_candidate_json(*matching[i]));
  }

  // The links repeat every filter, as Harvest's do, so a client follows them as they are.
  std::string base = "http://" + request.header("Host").value_or("localhost") + "/v1/candidates?";
  for (const auto& name : {"updated_after", "updated_before"}) {
    if (query.contains(name)) base += std::string(name) + "=" + percent_encoded(query[name]) + "&";
  }
  const auto link = [&](std::size_t number, const char* rel) {
    return "<" + base + "page=" + std::to_string(number) + "&per_page=" + std::to_string(size) + ">; rel=\"" + rel +
           "\"";
  };
  const std::size_t pages = std::max<std::size_t>(1, (matching.size() + size - 1) / size);
  const auto current = static_cast<std::size_t>(*page);
  std::string links;
  if (current < pages) links += link(current + 1, "next");
  if (current > 1) links += (links.empty() ? "" : ",") + link(std::min(current - 1, pages), "prev");
  links += (links.empty() ? "" : ",") + link(pages, "last");
  return json_response(200, body, {{"Link", links}});
}

}  // namespace snag::mock_ats
