#include <snag/domain/ticket_query.hpp>

#include <array>
#include <charconv>

#include <snag/domain/ticket.hpp>
#include <snag/util/crypto.hpp>

namespace snag {

namespace {

constexpr std::array<std::pair<TicketSort, std::string_view>, 5> k_sort_names{{
    {TicketSort::created_asc, "created_at"},
    {TicketSort::created_desc, "-created_at"},
    {TicketSort::updated_asc, "updated_at"},
    {TicketSort::updated_desc, "-updated_at"},
    {TicketSort::severity_asc, "severity"},
}};

std::optional<TicketSort> parse_sort(std::string_view text) {
  for (const auto& [sort, name] : k_sort_names) {
    if (name == text) return sort;
  }
  return std::nullopt;
}

std::optional<std::int64_t> parse_int(std::string_view text) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// "a,b,,c" -> {a, b, c}
std::vector<std::string> split_list(std::string_view text) {
  std::vector<std::string> items;
  while (!text.empty()) {
    const auto comma = text.find(',');
    const auto item = text.substr(0, comma);
    if (!item.empty()) items.emplace_back(item);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return items;
}

constexpr std::size_t k_max_filter_values = 100;
constexpr std::size_t k_max_text_query_length = 500;

}  // namespace

std::string_view to_string(TicketSort sort) {
  for (const auto& [candidate, name] : k_sort_names) {
    if (candidate == sort) return name;
  }
  return "-created_at";
}

std::string encode_cursor(const TicketCursor& cursor) {
  return base64url_encode("v1|" + std::string(to_string(cursor.sort)) + "|" + std::to_string(cursor.sort_value) + "|" +
                          std::to_string(cursor.last_id.value));
}

std::optional<TicketCursor> decode_cursor(std::string_view text) {
  const auto decoded = base64url_decode(text);
  if (!decoded) return std::nullopt;
  const auto parts = [&] {
    std::vector<std::string_view> out;
    std::string_view rest = *decoded;
    while (true) {
      const auto bar = rest.find('|');
      out.push_back(rest.substr(0, bar));
      if (bar == std::string_view::npos) break;
      rest.remove_prefix(bar + 1);
    }
    return out;
  }();
  if (parts.size() != 4 || parts[0] != "v1") return std::nullopt;
  const auto sort = parse_sort(parts[1]);
  const auto value = parse_int(parts[2]);
  const auto id = parse_int(parts[3]);
  if (!sort || !value || !id || *id <= 0) return std::nullopt;
  return TicketCursor{*sort, *value, TicketId{*id}};
}

std::int64_t sort_value(const Ticket& ticket, TicketSort sort) {
  switch (sort) {
    // Ids are issued in creation order, so the id is the creation order; it is unique, which
    // keeps cursors exact and lets the store page along its primary key and full-text rowids.
    case TicketSort::created_asc:
    case TicketSort::created_desc: return ticket.id.value;
    case TicketSort::updated_asc:
    case TicketSort::updated_desc: return to_epoch_ms(ticket.updated_at);
    case TicketSort::severity_asc: return static_cast<std::int64_t>(ticket.severity);
  }
  return 0;
}

Result<TicketQuery> parse_ticket_query(const std::multimap<std::string, std::string>& params, const Catalog& catalog) {
  TicketQuery query;
  std::vector<FieldError> errors;
  std::optional<std::string> raw_cursor;

  for (const auto& param : params) {
    // A named reference, not a structured binding: lambdas below capture it.
    const std::string& name = param.first;
    const std::string& value = param.second;
    const auto values = split_list(value);
    if (values.size() > k_max_filter_values) {
      errors.push_back({name, "at most " + std::to_string(k_max_filter_values) + " values"});
      continue;
    }
    // Parses each value of the list into `target`, or records why it is not valid.
    const auto accept_each = [&](auto& target, auto parse_one, const auto& why_not) {
      for (const auto& text : values) {
        if (auto parsed = parse_one(text)) {
          target.push_back(std::move(*parsed));
        } else {
          errors.push_back({name, why_not(text)});
        }
      }
    };
    const auto known_in = [](bool known, const std::string& text) {
      return known ? std::optional<std::string>(text) : std::nullopt;
    };
    if (name == "status") {
      accept_each(query.statuses, [&](const std::string& t) { return known_in(catalog.is_known_status(t), t); },
                  [](const std::string& t) { return "'" + t + "' is not a status of any workflow"; });
    } else if (name == "severity") {
      accept_each(query.severities, parse_severity,
                  [](const std::string&) { return std::string("must be one of sev1, sev2, sev3, sev4"); });
    } else if (name == "type") {
      accept_each(query.types, [&](const std::string& t) { return known_in(catalog.find_issue_type(t), t); },
                  [](const std::string& t) { return "'" + t + "' is not a known issue type"; });
    } else if (name == "team") {
      accept_each(query.teams, [&](const std::string& t) { return known_in(catalog.has_team(t), t); },
                  [](const std::string& t) { return "'" + t + "' is not a team"; });
    } else if (name == "assignee") {
      query.assignees.insert(query.assignees.end(), values.begin(), values.end());
    } else if (name == "candidate") {
      accept_each(query.candidates, parse_candidate_ref, [](const std::string&) {
        return std::string("must be ats:external_id, e.g. greenhouse:53883394");
      });
    } else if (name == "q") {
      if (value.size() > k_max_text_query_length) {
        errors.push_back({name, "must be at most " + std::to_string(k_max_text_query_length) + " bytes"});
      } else if (value.find_first_not_of(" \t") != std::string::npos) {
        query.text = value;
      }
    } else if (name == "created_after" || name == "created_before") {
      const auto at = parse_rfc3339(value);
      if (!at) {
        errors.push_back({name, "must be an RFC 3339 date-time, e.g. 2026-11-28T12:00:00Z"});
      } else if (name == "created_after") {
        query.created_after = at;
      } else {
        query.created_before = at;
      }
    } else if (name == "sort") {
      if (const auto sort = parse_sort(value)) {
        query.sort = *sort;
      } else {
        errors.push_back({name, "must be one of created_at, -created_at, updated_at, -updated_at, severity"});
      }
    } else if (name == "limit") {
      const auto limit = parse_int(value);
      if (!limit || *limit < 1 || *limit > k_max_page_size) {
        errors.push_back({name, "must be a whole number from 1 to " + std::to_string(k_max_page_size)});
      } else {
        query.limit = static_cast<int>(*limit);
      }
    } else if (name == "cursor") {
      raw_cursor = value;
    } else {
      errors.push_back({name, "is not a filter of this list"});
    }
  }

  if (raw_cursor) {
    query.cursor = decode_cursor(*raw_cursor);
    if (!query.cursor) {
      errors.push_back({"cursor", "is not a cursor this list returned"});
    } else if (query.cursor->sort != query.sort) {
      errors.push_back({"cursor", "belongs to another sort order; repeat the sort of the first page"});
    }
  }
  if (!errors.empty()) return fail_validation(std::move(errors));
  return query;
}

namespace {

// ASCII letters and digits and every byte of a multi-byte UTF-8 character are word characters,
// as for FTS5's unicode61 tokenizer; everything else (quotes, operators, '*') separates words.
bool is_word_byte(unsigned char c) {
  return c >= 0x80 || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

}  // namespace

std::vector<std::string_view> search_words(std::string_view text, std::size_t max_words) {
  std::vector<std::string_view> words;
  std::size_t i = 0;
  while (i < text.size() && words.size() < max_words) {
    while (i < text.size() && !is_word_byte(static_cast<unsigned char>(text[i]))) ++i;
    const std::size_t start = i;
    while (i < text.size() && is_word_byte(static_cast<unsigned char>(text[i]))) ++i;
    if (i > start) words.push_back(text.substr(start, i - start));
  }
  return words;
}

void resolve_me(TicketQuery& query, std::string_view caller) {
  for (auto& assignee : query.assignees) {
    if (assignee == k_assignee_me) assignee = std::string(caller);
  }
}

}  // namespace snag
