#pragma once
// Saved views: a ticket list query (the GET /api/v1/tickets parameters) kept under a name, as
// Jira keeps filters. A view is its owner's alone, or shared: every signed-in person may open a
// shared view, and only its owner may change or delete it. Opening a view runs its query as the
// person who opens it, so a shared view never shows anyone a ticket they could not list.

#include <map>
#include <string>
#include <vector>

#include <snag/domain/actor.hpp>
#include <snag/domain/catalog.hpp>
#include <snag/util/error.hpp>
#include <snag/util/strong_id.hpp>
#include <snag/util/time.hpp>

namespace snag {

using SavedViewId = StrongId<struct SavedViewIdTag>;

struct SavedView {
  SavedViewId id;
  std::string owner;  // the principal that saved it
  std::string name;   // unique per owner
  std::string query;  // as the list's URL holds it: "status=new,triaged&assignee=me"
  bool shared = false;
  Timestamp created_at;
  Timestamp updated_at;
};

inline constexpr std::size_t k_max_view_name = 80;
inline constexpr std::size_t k_max_view_query = 2000;

// A name of one line, not blank, of at most k_max_view_name bytes; errors name `name`.
void check_view_name(const std::string& name, std::vector<FieldError>& errors);
// A query of at most k_max_view_query bytes whose parameters (`params`, the query decoded) are
// a list query the catalog accepts, without a cursor (a view opens at its first page); errors
// name `query`.
void check_view_query(const std::string& query, const std::multimap<std::string, std::string>& params,
                      const Catalog& catalog, std::vector<FieldError>& errors);

bool may_open_view(const SavedView& view, const Actor& actor);
bool may_change_view(const SavedView& view, const Actor& actor);

}  // namespace snag
