#include <snag/app/access/access_guard.hpp>

#include <algorithm>
#include <cctype>
#include <unordered_set>

#include <snag/domain/ticket_query.hpp>

namespace snag {

namespace {

constexpr std::string_view k_masked_name = "[name]";
constexpr std::string_view k_masked_email = "[email]";

std::string lowered(std::string_view word) {
  std::string out(word);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// The lower-cased words of the texts, split as the full-text index splits them.
std::unordered_set<std::string> words_of(std::initializer_list<std::string_view> texts) {
  std::unordered_set<std::string> words;
  for (std::string_view text : texts) {
    for (const auto word : search_words(text, text.size())) words.insert(lowered(word));
  }
  return words;
}

}  // namespace

AccessGuard::AccessGuard(const Catalog& catalog, const pii::Detector& detector)
    : m_catalog(catalog), m_detector(detector) {}

Result<void> AccessGuard::require(const Actor& actor, std::string_view permission) const {
  if (allows(m_catalog, actor, permission)) return {};
  return fail(ErrorCode::permission_denied,
              "The role '" + actor.role + "' (or this credential's scopes) does not grant " + std::string(permission));
}

Result<void> AccessGuard::require_visible(const Actor& actor, const Ticket& ticket) const {
  if (may_see(actor, ticket)) return {};
  return fail(ErrorCode::not_found, "Ticket " + ticket_key(ticket.id) + " does not exist");
}

bool AccessGuard::may_see(const Actor& actor, const Ticket& ticket) const { return can_see(m_catalog, actor, ticket); }

bool AccessGuard::may_read_pii(const Actor& actor) const { return allows(m_catalog, actor, permission::pii_read); }

Result<TicketScope> AccessGuard::scope(const Actor& actor) const {
  auto scope = ticket_scope(m_catalog, actor);
  if (!scope) return tl::unexpected(require(actor, permission::tickets_read).error());
  return std::move(*scope);
}

void AccessGuard::mask_strings(nlohmann::json& value) const {
  if (value.is_string()) {
    auto& text = value.get_ref<std::string&>();
    if (m_detector.has_pii(text)) text = m_detector.mask(text);
  } else if (value.is_structured()) {
    for (auto& item : value) mask_strings(item);
  }
}

Ticket AccessGuard::shown(const Actor& actor, Ticket ticket) const {
  if (may_read_pii(actor)) return ticket;
  ticket.title = m_detector.mask(ticket.title);
  ticket.description = m_detector.mask(ticket.description);
  mask_strings(ticket.fields);
  return ticket;
}

Comment AccessGuard::shown(const Actor& actor, Comment comment) const {
  if (!may_read_pii(actor)) comment.body = m_detector.mask(comment.body);
  return comment;
}

HistoryItem AccessGuard::shown(const Actor& actor, HistoryItem item) const {
  if (may_read_pii(actor)) return item;
  for (auto& change : item.changes) {
    mask_strings(change.old_value);
    mask_strings(change.new_value);
  }
  return item;
}

Candidate AccessGuard::shown(const Actor& actor, Candidate candidate) const {
  if (may_read_pii(actor)) return candidate;
  auto& profile = candidate.profile;
  if (profile.name) profile.name = std::string(k_masked_name);
  if (profile.email) profile.email = std::string(k_masked_email);
  mask_strings(profile.fields);
  return candidate;
}

bool AccessGuard::holds_personal_data(const Ticket& ticket) const {
  return ticket.candidate || sensitivity_of(m_catalog, ticket.type) > Sensitivity::normal ||
         m_detector.has_pii(ticket.title) || m_detector.has_pii(ticket.description);
}

bool AccessGuard::search_hits_only_masked_text(const Actor& actor, const Ticket& ticket, std::string_view text) const {
  if (may_read_pii(actor)) return false;
  if (!m_detector.has_pii(ticket.title) && !m_detector.has_pii(ticket.description)) return false;
  const auto stored = words_of({ticket.title, ticket.description});
  const auto visible = words_of({m_detector.mask(ticket.title), m_detector.mask(ticket.description)});
  for (const auto word : search_words(text)) {
    const std::string key = lowered(word);
    if (stored.count(key) != 0 && visible.count(key) == 0) return true;
  }
  return false;
}

}  // namespace snag
