// The field allowlist: what a destination may see of a ticket. The property that matters is
// that a filtered document never holds a value whose path is not on the allowlist; it is
// checked here over every subset of a set of entries and over many generated documents.

#include <random>
#include <set>

#include <gtest/gtest.h>

#include <snag/domain/outbound/field_allowlist.hpp>
#include <snag/domain/outbound/outbound_event.hpp>
#include <snag/domain/outbound/ticket_document.hpp>

namespace snag {
namespace field_allowlist_test {

std::set<std::string> set_of(std::initializer_list<std::string> entries) { return {entries}; }

Ticket ticket_with_personal_data() {
  Ticket ticket;
  ticket.id = TicketId{42};
  ticket.type = "document_missing";
  ticket.title = "Jane Roe's passport scan is missing";
  ticket.description = "Reach Jane at jane.roe@example.com or +1 415 555 0199.";
  ticket.status = "in_progress";
  ticket.severity = Severity::sev2;
  ticket.team = "hris";
  ticket.assignee = "sam";
  ticket.candidate = CandidateRef{"greenhouse", "53883394"};
  ticket.labels = {"passport", "urgent"};
  ticket.watchers = {"kim"};
  ticket.fields = {{"visa_status", "h1b"},
                   {"email", "jane.roe@example.com"},
                   {"phone", "+14155550199"},
                   {"address", {{"city", "Berlin"}, {"street", "Unter den Linden 1"}}},
                   {"contacts", nlohmann::json::array({{{"email", "mum@example.com"}}})},
                   {"dotted.name", "hidden"}};
  ticket.reporter = "alex";
  ticket.created_at = from_epoch_ms(1'795'000'000'000);
  ticket.updated_at = from_epoch_ms(1'795'000'060'000);
  ticket.version = 3;
  return ticket;
}

// The value at a dotted path, or nullptr.
const nlohmann::json* at_path(const nlohmann::json& document, const std::string& path) {
  const nlohmann::json* node = &document;
  std::string_view rest = path;
  while (true) {
    const auto dot = rest.find('.');
    const std::string segment(rest.substr(0, dot));
    if (!node->is_object() || !node->contains(segment)) return nullptr;
    node = &node->at(segment);
    if (dot == std::string_view::npos) return node;
    rest.remove_prefix(dot + 1);
  }
}

bool is_copyable(const nlohmann::json& value) {
  if (value.is_object()) return false;
  if (!value.is_array()) return true;
  for (const auto& item : value) {
    if (item.is_object() || item.is_array()) return false;
  }
  return true;
}

// What every filtered document must satisfy against its input and allowlist.
void expect_filtered(const nlohmann::json& input, const std::set<std::string>& allowlist,
                     const nlohmann::json& output) {
  // Nothing outside the allowlist, and nothing that was not in the input as it was.
  for (const auto& path : value_paths(output)) {
    EXPECT_TRUE(allowlist.contains(path)) << path << " leaked from " << input.dump();
    const auto* original = at_path(input, path);
    ASSERT_NE(original, nullptr) << path;
    EXPECT_EQ(*original, *at_path(output, path)) << path;
  }
  // Everything the allowlist names that may be copied is there.
  for (const auto& path : value_paths(input)) {
    if (!allowlist.contains(path)) continue;
    // An empty member name is reached by no valid path either: the filter drops it.
    if (path.empty() || path.front() == '.' || path.back() == '.' || path.find("..") != std::string::npos) continue;
    const auto* value = at_path(input, path);
    // A member whose name holds a '.' is reached by no path: at_path splits it.
    if (value == nullptr || !is_copyable(*value)) continue;
    EXPECT_NE(at_path(output, path), nullptr) << path << " was allowed but removed";
  }
}

TEST(FieldAllowlist, KeepsExactlyTheListedScalarsOfATicket) {
  const auto document = ticket_document(ticket_with_personal_data());
  const auto filtered = filter_by_allowlist(
      document, set_of({"key", "status", "severity", "candidate.external_id", "fields.visa_status", "labels"}));
  EXPECT_EQ(filtered, (nlohmann::json{{"key", "SNAG-42"},
                                      {"status", "in_progress"},
                                      {"severity", "sev2"},
                                      {"candidate", {{"external_id", "53883394"}}},
                                      {"fields", {{"visa_status", "h1b"}}},
                                      {"labels", {"passport", "urgent"}}}));
}

TEST(FieldAllowlist, NeverCopiesAnObjectWhole) {
  const auto document = ticket_document(ticket_with_personal_data());
  EXPECT_EQ(filter_by_allowlist(document, set_of({"candidate", "fields", "fields.address"})), nlohmann::json::object());
}

TEST(FieldAllowlist, CopiesNestedCustomFieldsMemberByMember) {
  const auto document = ticket_document(ticket_with_personal_data());
  EXPECT_EQ(filter_by_allowlist(document, set_of({"fields.address.city"})),
            (nlohmann::json{{"fields", {{"address", {{"city", "Berlin"}}}}}}));
}

TEST(FieldAllowlist, DropsArraysThatHoldObjects) {
  const auto document = ticket_document(ticket_with_personal_data());
  EXPECT_EQ(filter_by_allowlist(document, set_of({"fields.contacts"})), nlohmann::json::object());
}

TEST(FieldAllowlist, DropsMembersWhoseNameHoldsADot) {
  const auto document = ticket_document(ticket_with_personal_data());
  EXPECT_EQ(filter_by_allowlist(document, set_of({"fields.dotted.name"})), nlohmann::json::object());
}

TEST(FieldAllowlist, AnEmptyAllowlistLetsNothingThrough) {
  EXPECT_EQ(filter_by_allowlist(ticket_document(ticket_with_personal_data()), {}), nlohmann::json::object());
  EXPECT_EQ(filter_by_allowlist(nlohmann::json::array({1, 2}), set_of({"0"})), nlohmann::json::object());
}

// Every subset of these entries: the ticket's own fields (free text included, as an allowlist
// may name them), objects, custom fields personal and not, and paths that name nothing.
TEST(FieldAllowlist, NoSubsetOfEntriesLetsAnUnlistedValueThrough) {
  const std::vector<std::string> entries{"key",
                                         "title",
                                         "candidate",
                                         "candidate.ats",
                                         "fields",
                                         "fields.email",
                                         "fields.visa_status",
                                         "fields.address.city",
                                         "fields.contacts",
                                         "labels",
                                         "resolved_at",
                                         "fields.unknown"};
  const Ticket ticket = ticket_with_personal_data();
  const auto document = ticket_document(ticket);
  const std::vector<FieldChange> changes{{"title", "old", "new"},
                                         {"fields", {{"email", "a@example.com"}}, {{"email", "b@example.com"}}},
                                         {"candidate", nullptr, {{"ats", "greenhouse"}, {"external_id", "1"}}}};
  const auto changed = changed_paths(changes);
  for (std::uint32_t mask = 0; mask < (1U << entries.size()); ++mask) {
    std::set<std::string> allowlist;
    for (std::size_t i = 0; i < entries.size(); ++i) {
      if ((mask & (1U << i)) != 0) allowlist.insert(entries[i]);
    }
    expect_filtered(document, allowlist, filter_by_allowlist(document, allowlist));

    const auto payload =
        nlohmann::json::parse(webhook_payload("ticket.changed", ticket.updated_at, ticket, changed, allowlist));
    for (const auto& path : value_paths(payload["data"]["ticket"])) {
      EXPECT_TRUE(allowlist.contains(path)) << path;
    }
    for (const auto& name : payload["data"]["changed_fields"]) {
      EXPECT_TRUE(allowlist.contains(name.get<std::string>())) << name;
    }
    if (!allowlist.contains("fields.email")) {
      EXPECT_EQ(payload.dump().find("example.com"), std::string::npos) << payload.dump();
    }
    if (HasFailure()) return;  // one failing subset says enough
  }
}

// Documents generated from a fixed seed: nested objects, arrays of scalars and of objects,
// empty and dotted names; allowlists drawn from their paths, prefixes of them and strays.
class DocumentGenerator {
 public:
  explicit DocumentGenerator(std::uint32_t seed) : m_random(seed) {}

  nlohmann::json object(int depth) {
    nlohmann::json out = nlohmann::json::object();
    const int members = pick(0, 5);
    for (int i = 0; i < members; ++i) out[name()] = value(depth);
    return out;
  }

  std::set<std::string> allowlist_for(const nlohmann::json& document) {
    std::vector<std::string> candidates = value_paths(document);
    for (const auto& path : value_paths(document)) {
      for (auto dot = path.find('.'); dot != std::string::npos; dot = path.find('.', dot + 1)) {
        candidates.push_back(path.substr(0, dot));  // the objects on the way
      }
    }
    candidates.push_back("stray");
    candidates.push_back("a.stray");
    std::set<std::string> allowlist;
    for (const auto& candidate : candidates) {
      if (pick(0, 2) == 0) allowlist.insert(candidate);
    }
    return allowlist;
  }

 private:
  int pick(int low, int high) { return std::uniform_int_distribution<int>(low, high)(m_random); }

  std::string name() {
    static const std::vector<std::string> k_names{"a", "b", "email", "phone", "x.y", "", "fields", "c"};
    return k_names[static_cast<std::size_t>(pick(0, static_cast<int>(k_names.size()) - 1))];
  }

  nlohmann::json value(int depth) {
    switch (pick(0, depth > 0 ? 6 : 3)) {
      case 0: return "text " + std::to_string(pick(0, 99));
      case 1: return pick(0, 1000);
      case 2: return nullptr;
      case 3: return nlohmann::json::array({"s", pick(0, 9), true});
      case 4: return nlohmann::json::array({object(depth - 1)});
      default: return object(depth - 1);
    }
  }

  std::mt19937 m_random;
};

TEST(FieldAllowlist, GeneratedDocumentsNeverLeakAnUnlistedValue) {
  DocumentGenerator generator(20'260'101);
  for (int round = 0; round < 3000; ++round) {
    const auto document = generator.object(4);
    const auto allowlist = generator.allowlist_for(document);
    expect_filtered(document, allowlist, filter_by_allowlist(document, allowlist));
    if (HasFailure()) return;
  }
}

TEST(FieldAllowlistValidation, AcceptsTicketPathsAndCustomFields) {
  std::vector<std::string> allowlist(ticket_document_paths().begin(), ticket_document_paths().end());
  allowlist.push_back("fields.visa_status");
  allowlist.push_back("fields.address.city");
  allowlist.push_back("fields.Start-Date_2");
  EXPECT_TRUE(validate_field_allowlist(allowlist, "field_allowlist").empty());
  EXPECT_TRUE(validate_field_allowlist({}, "field_allowlist").empty());
}

TEST(FieldAllowlistValidation, NamesEachBadEntry) {
  const auto errors = validate_field_allowlist(
      {"key", "candidate", "fields", "email", "title.first", "fields.", "fields..a", "fields.a b", "key", ""},
      "field_allowlist");
  std::vector<std::string> fields;
  for (const auto& error : errors) fields.push_back(error.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"field_allowlist[1]", "field_allowlist[2]", "field_allowlist[3]",
                                              "field_allowlist[4]", "field_allowlist[5]", "field_allowlist[6]",
                                              "field_allowlist[7]", "field_allowlist[8]", "field_allowlist[9]"}));
}

TEST(FieldAllowlistValidation, LimitsSizeAndDepth) {
  EXPECT_EQ(validate_field_allowlist(std::vector<std::string>(101, "key"), "f").size(), 1U);
  EXPECT_EQ(validate_field_allowlist({"fields.a.b.c.d.e.f.g"}, "f").size(), 0U);
  EXPECT_EQ(validate_field_allowlist({"fields.a.b.c.d.e.f.g.h"}, "f").size(), 1U);
}

}  // namespace field_allowlist_test
}  // namespace snag
