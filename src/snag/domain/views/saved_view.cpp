#include <algorithm>

#include <snag/domain/ticket_query.hpp>
#include <snag/domain/views/saved_view.hpp>

namespace snag {

void check_view_name(const std::string& name, std::vector<FieldError>& errors) {
  const bool control = std::any_of(name.begin(), name.end(), [](unsigned char c) { return c < 0x20 || c == 0x7f; });
  if (name.find_first_not_of(' ') == std::string::npos) {
    errors.push_back({"name", "is required"});
  } else if (name.size() > k_max_view_name) {
    errors.push_back({"name", "must be at most " + std::to_string(k_max_view_name) + " bytes"});
  } else if (control) {
    errors.push_back({"name", "must be one line, without line breaks or other control characters"});
  }
}

void check_view_query(const std::string& query, const std::multimap<std::string, std::string>& params,
                      const Catalog& catalog, std::vector<FieldError>& errors) {
  if (query.size() > k_max_view_query) {
    errors.push_back({"query", "must be at most " + std::to_string(k_max_view_query) + " bytes"});
  } else if (params.contains("cursor")) {
    errors.push_back({"query", "must not hold a cursor: a view opens at its first page"});
  } else if (auto parsed = parse_ticket_query(params, catalog); !parsed) {
    // Named after the list's own parameter, so the person sees which filter is wrong.
    std::string why;
    for (const auto& field : parsed.error().fields)
      why += (why.empty() ? "" : "; ") + field.field + " " + field.message;
    errors.push_back({"query", "is not a ticket list query: " + (why.empty() ? parsed.error().message : why)});
  }
}

bool may_open_view(const SavedView& view, const Actor& actor) { return view.shared || view.owner == actor.name; }

bool may_change_view(const SavedView& view, const Actor& actor) { return view.owner == actor.name; }

}  // namespace snag
