#include <algorithm>

#include <snag/domain/outbound/field_allowlist.hpp>
#include <snag/domain/outbound/ticket_document.hpp>

namespace snag {

namespace {

constexpr std::string_view k_custom_fields_prefix = "fields.";

bool is_path_segment(std::string_view segment) {
  return !segment.empty() && segment.size() <= 64 && std::all_of(segment.begin(), segment.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

// Segments of a dotted path, or none when one of them is not a valid segment.
std::vector<std::string_view> path_segments(std::string_view path) {
  std::vector<std::string_view> segments;
  while (true) {
    const auto dot = path.find('.');
    const std::string_view segment = path.substr(0, dot);
    if (!is_path_segment(segment)) return {};
    segments.push_back(segment);
    if (dot == std::string_view::npos) return segments;
    path.remove_prefix(dot + 1);
  }
}

bool is_document_path(std::string_view path) {
  const auto& known = ticket_document_paths();
  return std::find(known.begin(), known.end(), path) != known.end();
}

// Scalars and arrays of scalars are values a path may let through; objects (and arrays that
// hold objects or arrays) never are, whatever names them.
bool is_copyable(const nlohmann::json& value) {
  if (value.is_object()) return false;
  if (!value.is_array()) return true;
  return std::none_of(value.begin(), value.end(),
                      [](const nlohmann::json& item) { return item.is_object() || item.is_array(); });
}

// True when some entry lies below `prefix` ("candidate" for "candidate.ats"). The set is
// ordered, so the candidates follow `prefix + "."` directly.
bool has_entry_below(const std::set<std::string>& allowlist, const std::string& prefix) {
  const std::string below = prefix + ".";
  const auto next = allowlist.lower_bound(below);
  return next != allowlist.end() && next->starts_with(below);
}

void filter_object(const nlohmann::json& object, const std::string& prefix, const std::set<std::string>& allowlist,
                   nlohmann::json& out) {
  for (const auto& [name, value] : object.items()) {
    if (name.find('.') != std::string::npos || name.empty()) continue;
    const std::string path = prefix.empty() ? name : prefix + "." + name;
    if (is_copyable(value)) {
      if (allowlist.contains(path)) out[name] = value;
      continue;
    }
    // An object, listed or not, is entered only for the entries below it.
    if (value.is_object() && has_entry_below(allowlist, path)) {
      nlohmann::json member = nlohmann::json::object();
      filter_object(value, path, allowlist, member);
      if (!member.empty()) out[name] = std::move(member);
    }
  }
}

void collect_paths(const nlohmann::json& value, const std::string& path, std::vector<std::string>& out) {
  if (!value.is_object()) {
    out.push_back(path);
    return;
  }
  for (const auto& [name, member] : value.items()) {
    collect_paths(member, path.empty() ? name : path + "." + name, out);
  }
}

}  // namespace

std::vector<FieldError> validate_field_allowlist(const std::vector<std::string>& allowlist, std::string_view field) {
  std::vector<FieldError> errors;
  if (allowlist.size() > k_max_allowlist_entries) {
    errors.push_back({std::string(field), "may hold at most " + std::to_string(k_max_allowlist_entries) + " entries"});
    return errors;
  }
  std::set<std::string_view> seen;
  for (std::size_t i = 0; i < allowlist.size(); ++i) {
    const std::string& entry = allowlist[i];
    const std::string name = std::string(field) + "[" + std::to_string(i) + "]";
    const auto segments = path_segments(entry);
    if (segments.empty() || segments.size() > k_max_allowlist_depth) {
      errors.push_back({name, "must be a dotted path of at most 8 segments of A-Z, a-z, 0-9, '_' and '-'"});
    } else if (!is_document_path(entry) && !(entry.starts_with(k_custom_fields_prefix) && segments.size() >= 2)) {
      errors.push_back({name,
                        "is not a ticket field a webhook can carry (objects such as candidate or fields are "
                        "allowed member by member: candidate.ats, fields.<name>)"});
    } else if (!seen.insert(entry).second) {
      errors.push_back({name, "is listed twice"});
    }
  }
  return errors;
}

nlohmann::json filter_by_allowlist(const nlohmann::json& document, const std::set<std::string>& allowlist) {
  nlohmann::json out = nlohmann::json::object();
  if (document.is_object()) filter_object(document, "", allowlist, out);
  return out;
}

std::vector<std::string> value_paths(const nlohmann::json& document) {
  std::vector<std::string> paths;
  if (!document.is_object()) return paths;
  collect_paths(document, "", paths);
  return paths;
}

}  // namespace snag
