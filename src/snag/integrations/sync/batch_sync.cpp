#include <algorithm>
#include <thread>
#include <vector>

#include <snag/domain/ats/connector.hpp>
#include <snag/integrations/sync/apply_batch.hpp>
#include <snag/integrations/sync/batch_sync.hpp>
#include <snag/integrations/sync/harvest_candidate.hpp>
#include <snag/integrations/sync/link_header.hpp>
#include <snag/integrations/sync/retry_after.hpp>
#include <snag/util/crypto.hpp>
#include <snag/util/log.hpp>

namespace snag::sync {

namespace {

std::string lowered(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; });
  return out;
}

// "https://host:443" for any absolute URL on that host, with the scheme's port made explicit, so
// that two spellings of one origin compare equal. Empty for a URL that is not absolute http(s).
std::string origin_of(std::string_view url) {
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return {};
  const std::string scheme = lowered(url.substr(0, scheme_end));
  if (scheme != "http" && scheme != "https") return {};
  const auto rest = url.substr(scheme_end + 3);
  std::string authority = lowered(rest.substr(0, rest.find_first_of("/?#")));
  if (authority.empty()) return {};
  const auto bracket = authority.rfind(']');
  const auto colon = authority.rfind(':');
  if (colon == std::string::npos || (bracket != std::string::npos && colon < bracket)) {
    authority += scheme == "https" ? ":443" : ":80";
  }
  return scheme + "://" + authority;
}

// The first page: api_url may be given with or without a trailing slash.
std::string first_page_url(const Connector& connector, int per_page) {
  std::string url = *connector.api_url;
  while (!url.empty() && url.back() == '/') url.pop_back();
  url += "/v1/candidates?per_page=" + std::to_string(per_page);
  if (connector.sync_watermark) url += "&updated_after=" + format_rfc3339(*connector.sync_watermark);
  return url;
}

// Where the `next` link points. The API key goes with every request, so a link to any other
// origin is refused rather than followed: the key is for the ATS alone.
Result<std::string> next_page_url(const std::string& link, const std::string& origin) {
  std::string url = link;
  if (link.starts_with('/') && !link.starts_with("//")) url = origin + link;
  if (origin_of(url) != origin_of(origin)) {
    return fail(ErrorCode::invalid_argument,
                "the ATS at " + origin + " sent a next-page link to another origin; it was not followed");
  }
  return url;
}

std::string status_text(int status) { return "HTTP " + std::to_string(status); }

std::string attempts_text(int attempts) {
  return std::to_string(attempts) + (attempts == 1 ? " attempt" : " attempts");
}

// One run's state and steps: what the loop over pages carries from one page to the next.
class SyncRun {
 public:
  SyncRun(Store& store, HttpClient& http, const EventApplier& applier, const Clock& clock, const SyncSettings& settings,
          const Sleeper& sleep, const Connector& connector)
      : m_store(store),
        m_http(http),
        m_applier(applier),
        m_clock(clock),
        m_settings(settings),
        m_sleep(sleep),
        m_connector(connector),
        m_origin(origin_of(connector.api_url.value_or(""))),
        m_largest_seen(connector.sync_watermark) {
    m_report.watermark = connector.sync_watermark;
    m_request.url = first_page_url(connector, settings.per_page);
    m_request.timeout = settings.request_timeout;
    m_request.headers.emplace_back("Accept", "application/json");
    if (connector.api_key) {
      m_request.headers.emplace_back("Authorization", "Basic " + base64_encode(*connector.api_key + ":"));
    }
  }

  Result<SyncReport> run() {
    if (m_origin.empty()) {
      return fail(ErrorCode::invalid_argument, "connector " + m_connector.id + " has an api_url that is not http(s)");
    }
    for (;;) {
      auto page = fetch_page();
      if (!page) return tl::unexpected(std::move(page.error()));
      auto next = apply_page(*page);
      if (!next) return tl::unexpected(std::move(next.error()));
      if (!*next) return m_report;
      if (**next == m_request.url) {
        return fail(ErrorCode::invalid_argument, "the ATS at " + m_origin + " links a page to itself");
      }
      m_request.url = std::move(**next);
    }
  }

 private:
  void back_off(int retry) {
    ++m_report.retries;
    m_sleep(m_settings.first_backoff * (std::int64_t{1} << std::min(retry, 16)));
  }

  // The current page, after the waits and retries the API's answers call for.
  Result<HttpClientResponse> fetch_page() {
    int retries = 0;
    for (;;) {
      auto response = m_http.send(m_request);
      if (!response) {
        if (response.error().code != ErrorCode::unavailable) return tl::unexpected(std::move(response.error()));
        if (retries >= m_settings.max_retries) {
          return fail(ErrorCode::unavailable, "the ATS at " + m_origin + " could not be reached (" +
                                                  attempts_text(retries + 1) + "): " + response.error().message);
        }
        back_off(retries++);
        continue;
      }
      const int status = response->status;
      if (status >= 200 && status < 300) return response;
      if (status == 429) {
        auto waited = wait_for_rate_limit(*response);
        if (!waited) return tl::unexpected(std::move(waited.error()));
        continue;
      }
      if (status >= 500) {
        if (retries >= m_settings.max_retries) {
          return fail(ErrorCode::unavailable, "the ATS at " + m_origin + " answered " + status_text(status) + " (" +
                                                  attempts_text(retries + 1) + ")");
        }
        back_off(retries++);
        continue;
      }
      if (status == 401 || status == 403) {
        return fail(ErrorCode::unauthenticated, "the ATS at " + m_origin + " refused the API key of connector " +
                                                    m_connector.id + " (" + status_text(status) + ")");
      }
      return fail(ErrorCode::invalid_argument,
                  "the ATS at " + m_origin + " answered " + status_text(status) + " to the candidates list");
    }
  }

  Result<void> wait_for_rate_limit(const HttpClientResponse& response) {
    const auto header = response.header("Retry-After");
    const std::chrono::seconds wait =
        (header ? parse_retry_after(*header, m_clock.now()) : std::nullopt).value_or(m_settings.default_retry_after);
    if (m_report.rate_limit_waits >= static_cast<std::size_t>(m_settings.max_rate_limit_waits)) {
      return fail_rate_limited("the ATS at " + m_origin + " still answers HTTP 429 after " +
                                   std::to_string(m_report.rate_limit_waits) + " waits",
                               static_cast<long>(wait.count()));
    }
    if (wait > m_settings.max_retry_after) {
      return fail_rate_limited("the ATS at " + m_origin + " asks to wait " + std::to_string(wait.count()) + " s",
                               static_cast<long>(wait.count()));
    }
    ++m_report.rate_limit_waits;
    log_event(spdlog::level::info, "batch sync rate limited",
              {{"connector", m_connector.id}, {"retry_after_seconds", wait.count()}});
    m_sleep(std::chrono::duration_cast<std::chrono::milliseconds>(wait));
    return {};
  }

  // Commits the page's candidates and the watermark in one write; the next page's URL, if any.
  Result<std::optional<std::string>> apply_page(const HttpClientResponse& page) {
    const auto records = nlohmann::json::parse(page.body, nullptr, false);
    if (records.is_discarded() || !records.is_array()) {
      return fail(ErrorCode::invalid_argument, "a page from the ATS at " + m_origin + " is not a JSON array");
    }
    std::vector<AtsEvent> events;
    events.reserve(records.size());
    for (std::size_t i = 0; i < records.size(); ++i) {
      auto event = harvest_candidate_event(records[i], m_connector.ats);
      if (!event) {
        skipped(i, event.error());
        continue;
      }
      if (m_previous && event->occurred_at < *m_previous) m_in_updated_at_order = false;
      m_previous = event->occurred_at;
      if (!m_largest_seen || *m_largest_seen < event->occurred_at) m_largest_seen = event->occurred_at;
      events.push_back(std::move(*event));
    }

    std::optional<std::string> next;
    if (const auto link = page.header("Link")) {
      if (const auto target = next_link(*link)) {
        auto url = next_page_url(*target, m_origin);
        if (!url) return tl::unexpected(std::move(url.error()));
        next = std::move(*url);
      }
    }

    const bool may_advance = m_in_updated_at_order || !next;
    const Timestamp now = m_clock.now();
    std::optional<Timestamp> committed;
    auto outcome = apply_batch(m_store, m_applier, m_connector.id, events, now, [&](Connector& stored) {
      // Never backwards: an overlapping run (a job retried on another node) may be further on.
      if (may_advance && m_largest_seen && (!stored.sync_watermark || *stored.sync_watermark < *m_largest_seen)) {
        stored.sync_watermark = m_largest_seen;
      }
      stored.synced_at = now;
      committed = stored.sync_watermark;
    });
    if (!outcome) return tl::unexpected(std::move(outcome.error()));
    ++m_report.pages;
    m_report.candidates += outcome->applied;
    m_report.created += outcome->created;
    m_report.superseded += outcome->superseded;
    m_report.watermark = committed;
    return next;
  }

  // Names the members that are wrong, never their values: records hold personal data.
  void skipped(std::size_t index, const Error& error) {
    ++m_report.skipped;
    nlohmann::json fields = nlohmann::json::array();
    for (const auto& field : error.fields) fields.push_back(field.field);
    log_event(spdlog::level::warn, "batch sync skipped a record",
              {{"connector", m_connector.id},
               {"page", m_report.pages + 1},
               {"index", index},
               {"fields", fields},
               {"error", error.fields.empty() ? error.message : "invalid fields"}});
  }

  Store& m_store;
  HttpClient& m_http;
  const EventApplier& m_applier;
  const Clock& m_clock;
  const SyncSettings& m_settings;
  const Sleeper& m_sleep;
  const Connector& m_connector;
  const std::string m_origin;  // of api_url: what messages name
  HttpClientRequest m_request;
  SyncReport m_report;
  std::optional<Timestamp> m_largest_seen;  // the largest updated_at so far, from the watermark on
  std::optional<Timestamp> m_previous;      // the updated_at of the record before
  bool m_in_updated_at_order = true;
};

}  // namespace

BatchSync::BatchSync(Store& store, HttpClient& http, const EventApplier& applier, const Clock& clock,
                     SyncSettings settings, Sleeper sleeper)
    : m_store(store),
      m_http(http),
      m_applier(applier),
      m_clock(clock),
      m_settings(settings),
      m_sleep(sleeper ? std::move(sleeper)
                      : Sleeper([](std::chrono::milliseconds wait) { std::this_thread::sleep_for(wait); })) {}

Result<SyncReport> BatchSync::sync(std::string_view connector_id) const {
  auto found = m_store.find_connector(connector_id);
  if (!found) return tl::unexpected(std::move(found.error()));
  if (!*found) return fail(ErrorCode::not_found, "connector " + std::string(connector_id) + " does not exist");
  const Connector& connector = **found;
  if (connector.disabled) return fail(ErrorCode::conflict, "connector " + connector.id + " is disabled");
  if (!connector.api_url) {
    return fail(ErrorCode::invalid_argument, "connector " + connector.id + " has no api_url to pull from");
  }
  auto report = SyncRun(m_store, m_http, m_applier, m_clock, m_settings, m_sleep, connector).run();
  if (!report) {
    log_event(spdlog::level::warn, "batch sync failed",
              {{"connector", connector.id}, {"error", report.error().message}});
    return report;
  }
  log_event(spdlog::level::info, "batch sync finished",
            {{"connector", connector.id},
             {"pages", report->pages},
             {"candidates", report->candidates},
             {"created", report->created},
             {"skipped", report->skipped},
             {"watermark", report->watermark ? format_rfc3339(*report->watermark) : ""}});
  return report;
}

}  // namespace snag::sync
