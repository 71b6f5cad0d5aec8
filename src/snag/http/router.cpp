#include <algorithm>
#include <stdexcept>

#include <snag/http/query_string.hpp>
#include <snag/http/router.hpp>
#include <snag/util/text.hpp>

namespace snag::http {
namespace {

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> segments;
  if (path.empty() || path.front() != '/') return segments;
  path.remove_prefix(1);
  while (true) {
    const auto slash = path.find('/');
    segments.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return segments;
}

}  // namespace

Router::Router(std::vector<RouteInfo> routes) : m_routes(std::move(routes)) {
  for (const auto& route : m_routes) {
    std::vector<Segment> pattern;
    std::size_t params = 0;
    for (const auto part : split_path(route.pattern)) {
      const bool is_param = part.size() > 2 && part.front() == '{' && part.back() == '}';
      if (is_param) ++params;
      pattern.push_back(Segment{std::string(is_param ? part.substr(1, part.size() - 2) : part), is_param});
    }
    if (pattern.empty() || params > PathParams::k_capacity) {
      throw std::logic_error("bad route pattern: " + route.pattern);
    }
    m_patterns.push_back(std::move(pattern));
  }
  m_order.resize(m_routes.size());
  for (std::size_t i = 0; i < m_order.size(); ++i) m_order[i] = i;
  std::stable_sort(m_order.begin(), m_order.end(), [this](std::size_t a, std::size_t b) {
    const auto& pa = m_patterns[a];
    const auto& pb = m_patterns[b];
    for (std::size_t i = 0; i < std::min(pa.size(), pb.size()); ++i) {
      if (pa[i].is_param != pb[i].is_param) return !pa[i].is_param;
    }
    return false;
  });
}

Router::PathFit Router::fits(const std::vector<Segment>& pattern, std::string_view path, PathParams& params) const {
  if (path.empty() || path.front() != '/') return PathFit::no;
  path.remove_prefix(1);
  params.size = 0;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const auto slash = path.find('/');
    const bool last = i + 1 == pattern.size();
    if (last != (slash == std::string_view::npos)) return PathFit::no;
    const auto part = path.substr(0, slash);
    if (pattern[i].is_param) {
      if (part.empty()) return PathFit::no;
      auto value = percent_decode(part, false);
      // Ids, keys and names are text: a decoded byte that is not UTF-8 (or a NUL) is refused here,
      // before a handler echoes it into JSON or a store compares it.
      if (!value || !is_storable_text(*value)) return PathFit::bad_escape;
      params.items[params.size++] = {pattern[i].text, std::move(*value)};
    } else if (part != pattern[i].text) {
      return PathFit::no;
    }
    if (!last) path.remove_prefix(slash + 1);
  }
  return PathFit::yes;
}

RouteMatch Router::match(HttpMethod method, std::string_view path, PathParams& params) const {
  RouteMatch result;
  PathParams scratch;
  for (const auto index : m_order) {
    const auto& route = m_routes[index];
    auto& target = route.method == method ? params : scratch;
    const auto fit = fits(m_patterns[index], path, target);
    if (fit == PathFit::no) continue;
    if (fit == PathFit::bad_escape) {
      result.outcome = RouteMatch::Outcome::bad_escape;
      return result;
    }
    if (route.method == method) {
      result.outcome = RouteMatch::Outcome::matched;
      result.route = &route;
      result.index = index;
      return result;
    }
    const auto name = to_string(route.method);
    if (result.allow.find(name) == std::string::npos) {
      if (!result.allow.empty()) result.allow += ", ";
      result.allow += name;
    }
    result.outcome = RouteMatch::Outcome::method_not_allowed;
  }
  params.size = 0;
  return result;
}

}  // namespace snag::http
