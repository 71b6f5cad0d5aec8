#include <algorithm>
#include <cctype>

#include <snag/domain/incidents/postmortem.hpp>

namespace snag {
namespace {

bool blank(const std::string& text) {
  return std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isspace(c) != 0; });
}

std::string indexed(std::string_view list, std::size_t index, std::string_view field = {}) {
  std::string name = std::string(list) + "[" + std::to_string(index) + "]";
  if (!field.empty()) name += "." + std::string(field);
  return name;
}

}  // namespace

std::vector<FieldError> validate_postmortem(const PostMortem& postmortem) {
  std::vector<FieldError> errors;
  for (std::size_t i = 0; i < postmortem.timeline.size(); ++i) {
    if (blank(postmortem.timeline[i].event)) errors.push_back({indexed("timeline", i, "event"), "is required"});
  }
  for (std::size_t i = 0; i < postmortem.contributing_factors.size(); ++i) {
    if (blank(postmortem.contributing_factors[i])) {
      errors.push_back({indexed("contributing_factors", i), "must not be empty"});
    }
  }
  for (std::size_t i = 0; i < postmortem.action_items.size(); ++i) {
    const ActionItem& item = postmortem.action_items[i];
    if (blank(item.title)) errors.push_back({indexed("action_items", i, "title"), "is required"});
    if (blank(item.owner)) errors.push_back({indexed("action_items", i, "owner"), "is required"});
  }
  return errors;
}

std::vector<FieldError> postmortem_gaps(const PostMortem& postmortem) {
  std::vector<FieldError> gaps;
  if (postmortem.timeline.empty()) gaps.push_back({"postmortem.timeline", "needs at least one entry"});
  if (blank(postmortem.impact)) gaps.push_back({"postmortem.impact", "is required"});
  if (blank(postmortem.root_cause)) gaps.push_back({"postmortem.root_cause", "is required"});
  return gaps;
}

void number_action_items(PostMortem& postmortem, const std::optional<PostMortem>& previous) {
  std::int64_t number = 0;
  for (ActionItem& item : postmortem.action_items) {
    item.number = ++number;
    if (!previous) continue;
    const auto same =
        std::find_if(previous->action_items.begin(), previous->action_items.end(), [&](const ActionItem& old) {
          return old.number == item.number && old.title == item.title && old.owner == item.owner;
        });
    if (same == previous->action_items.end()) continue;
    if (!item.done_at) item.done_at = same->done_at;
    // A new due time deserves a new reminder; the same one was already told.
    if (same->due == item.due) item.overdue_notified_at = same->overdue_notified_at;
  }
}

bool needs_overdue_notice(const ActionItem& item, Timestamp now) {
  return !item.done_at && item.due < now && !item.overdue_notified_at;
}

std::int64_t pending_action_items(const PostMortem& postmortem) {
  return std::count_if(postmortem.action_items.begin(), postmortem.action_items.end(),
                       [](const ActionItem& item) { return !item.done_at; });
}

}  // namespace snag
