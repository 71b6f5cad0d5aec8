#pragma once
// RFC 8288 (formerly RFC 5988) Link headers, as paginated APIs send them:
//   Link: <https://harvest.greenhouse.io/v1/candidates?page=2&per_page=100>; rel="next",
//         <https://harvest.greenhouse.io/v1/candidates?page=9&per_page=100>; rel="last"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace snag::sync {

struct LinkValue {
  std::string target;             // between < and >, as written (may be relative)
  std::vector<std::string> rels;  // the rel parameter's relation types, lower case
};

// Every link of the header, in order. Tolerant of what servers write: quoted or bare parameter
// values, any case, extra spaces, commas inside the <…> and inside quoted values. A malformed
// link is skipped, not an error: a pager only needs the `next` one.
std::vector<LinkValue> parse_link_header(std::string_view header);

// The target of the first link whose rel includes "next", if any.
std::optional<std::string> next_link(std::string_view header);

}  // namespace snag::sync
