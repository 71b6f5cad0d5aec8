#pragma once
// The "report a problem" widget that an ATS page embeds (the `widget:` section): which pages may
// embed it, named by their origin, and what a ticket filed through it may do. The page gets a
// short-lived embed token for its origin; a browser sends that origin with every request it
// makes from the page, and cannot be made to send another.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace snag {

struct WidgetPolicy {
  std::vector<std::string> allowed_origins;  // as normalized_origin gives them; none: no widget
  // The role a widget's tickets are filed with, narrowed to filing tickets: its clearance decides
  // what of the filed ticket the page is shown back.
  std::string role = "sourcer";
  std::chrono::seconds token_lifetime{600};
  // Widget calls (embed tokens asked for, tickets filed with one) each address may make per
  // minute; 0: no limit. Any page may ask for a token, so this is what keeps a script from
  // filing tickets as fast as it can send them.
  long requests_per_minute_per_address = 60;
};

// The prefix of an embed token's credential ("embed:https://ats.example.com").
inline constexpr std::string_view k_embed_credential_prefix = "embed:";

// An origin as a browser serializes it (RFC 6454: scheme "://" host [":" port]), with scheme and
// host lower-cased; nullopt for anything else: a path, user information, "null", blanks.
std::optional<std::string> normalized_origin(std::string_view text);

bool allows_origin(const WidgetPolicy& policy, std::string_view origin);

// The principal a widget's tickets are filed by: "widget:ats.example.com".
std::string widget_actor_name(std::string_view origin);

}  // namespace snag
