#include <snag/http/openapi.hpp>

#include <cctype>
#include <stdexcept>

#include <snag/http/problem.hpp>

namespace snag::http {
namespace {

// JSON Schema 2020-12 components (OpenAPI 3.1 uses it unchanged).
constexpr std::string_view k_schemas = R"json({
  "Problem": {"type": "object", "required": ["type", "title", "status"],
    "description": "RFC 9457 problem details.",
    "properties": {"type": {"type": "string"}, "title": {"type": "string"}, "status": {"type": "integer"},
      "detail": {"type": "string"}, "request_id": {"type": "string"},
      "errors": {"type": "array", "description": "On 422: each invalid field.",
        "items": {"type": "object", "required": ["field", "message"],
          "properties": {"field": {"type": "string"}, "message": {"type": "string"}}}},
      "allowed": {"type": "array", "description": "On 409 workflow_denied: the statuses allowed instead.",
        "items": {"type": "string"}}}},
  "Severity": {"type": "string", "enum": ["sev1", "sev2", "sev3", "sev4"]},
  "CandidateRef": {"type": "object", "required": ["ats", "external_id"], "additionalProperties": false,
    "properties": {"ats": {"type": "string"}, "external_id": {"type": "string"}}},
  "Ticket": {"type": "object",
    "required": ["id", "key", "type", "title", "description", "status", "severity", "team", "assignee",
      "candidate", "labels", "fields", "created_at", "updated_at", "version", "sla"],
    "properties": {"id": {"type": "integer"}, "key": {"type": "string", "examples": ["SNAG-42"]},
      "type": {"type": "string"}, "title": {"type": "string"}, "description": {"type": "string"},
      "status": {"type": "string"}, "severity": {"$ref": "#/components/schemas/Severity"},
      "team": {"type": "string"}, "assignee": {"type": ["string", "null"]},
      "candidate": {"oneOf": [{"$ref": "#/components/schemas/CandidateRef"}, {"type": "null"}]},
      "labels": {"type": "array", "items": {"type": "string"}}, "fields": {"type": "object"},
      "watchers": {"type": "array", "items": {"type": "string"}}, "reporter": {"type": "string"},
      "created_at": {"type": "string", "format": "date-time"}, "updated_at": {"type": "string", "format": "date-time"},
      "resolved_at": {"type": ["string", "null"], "format": "date-time"},
      "version": {"type": "integer", "description": "Bumped by every change; the ETag is this number quoted."},
      "sla": {"type": "object",
        "description": "Due times in business time of the calendar; the clock pauses while paused (pending) and stops at done statuses.",
        "required": ["resolution_due_at", "breached", "first_response_due_at", "first_responded_at",
          "first_response_breached", "paused", "calendar"],
        "properties": {"resolution_due_at": {"type": ["string", "null"], "format": "date-time"},
          "breached": {"type": "boolean", "description": "Resolved after the due time, or open past it."},
          "first_response_due_at": {"type": ["string", "null"], "format": "date-time"},
          "first_responded_at": {"type": ["string", "null"], "format": "date-time",
            "description": "The first transition out of the workflow's initial status."},
          "first_response_breached": {"type": "boolean"},
          "paused": {"type": "boolean", "description": "The clock stands still: the ticket waits on the candidate or a vendor."},
          "calendar": {"type": ["string", "null"], "description": "The business calendar that runs the clock."}}}}},
  "TicketDraft": {"type": "object", "required": ["type", "title"], "additionalProperties": false,
    "properties": {"type": {"type": "string"}, "title": {"type": "string"}, "description": {"type": "string"},
      "severity": {"$ref": "#/components/schemas/Severity"},
      "candidate": {"$ref": "#/components/schemas/CandidateRef"}, "team": {"type": "string"},
      "assignee": {"type": "string"}, "labels": {"type": "array", "items": {"type": "string"}},
      "watchers": {"type": "array", "items": {"type": "string"}}, "fields": {"type": "object"}}},
  "TicketEdit": {"type": "object", "additionalProperties": false,
    "description": "Members left out are unchanged; null clears assignee or candidate. Status changes through transitions.",
    "properties": {"type": {"type": "string"}, "title": {"type": "string"}, "description": {"type": "string"},
      "severity": {"$ref": "#/components/schemas/Severity"}, "team": {"type": "string"},
      "assignee": {"type": ["string", "null"]},
      "candidate": {"oneOf": [{"$ref": "#/components/schemas/CandidateRef"}, {"type": "null"}]},
      "labels": {"type": "array", "items": {"type": "string"}},
      "watchers": {"type": "array", "items": {"type": "string"}}, "fields": {"type": "object"}}},
  "TicketPage": {"type": "object", "required": ["items", "next_cursor"],
    "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/Ticket"}},
      "next_cursor": {"type": ["string", "null"], "description": "Pass as `cursor` for the next page."}}},
  "TransitionRequest": {"type": "object", "required": ["to"], "additionalProperties": false,
    "properties": {"to": {"type": "string"}, "comment": {"type": "string"}}},
  "AllowedTransitions": {"type": "object", "required": ["allowed"],
    "properties": {"allowed": {"type": "array", "items": {"type": "string"}}}},
  "CommentRequest": {"type": "object", "required": ["body"], "additionalProperties": false,
    "properties": {"body": {"type": "string"}}},
  "Comment": {"type": "object", "required": ["id", "ticket", "author", "body", "created_at"],
    "properties": {"id": {"type": "integer"}, "ticket": {"type": "string"}, "author": {"type": "string"},
      "body": {"type": "string"}, "created_at": {"type": "string", "format": "date-time"}}},
  "History": {"type": "object", "required": ["items"],
    "properties": {"items": {"type": "array", "items": {"type": "object", "required": ["at", "actor", "action", "changes"],
      "properties": {"at": {"type": "string", "format": "date-time"}, "actor": {"type": "string"},
        "action": {"type": "string"},
        "changes": {"type": "array", "items": {"type": "object", "required": ["field", "old", "new"],
          "properties": {"field": {"type": "string"}, "old": {}, "new": {}}}}}}}}},
  "BulkRequest": {"type": "object", "required": ["keys"], "additionalProperties": false,
    "description": "Exactly one of set and transition.",
    "properties": {"keys": {"type": "array", "minItems": 1, "maxItems": 500, "items": {"type": "string"}},
      "set": {"$ref": "#/components/schemas/TicketEdit"}, "transition": {"type": "string"}}},
  "BulkResults": {"type": "object", "required": ["results"],
    "properties": {"results": {"type": "array", "items": {"type": "object", "required": ["key", "status"],
      "properties": {"key": {"type": "string"}, "status": {"type": "integer"},
        "error": {"$ref": "#/components/schemas/Problem"}}}}}},
  "IssueTypes": {"type": "object", "required": ["items"],
    "properties": {"items": {"type": "array", "items": {"type": "object",
      "required": ["code", "name", "category", "deprecated"],
      "properties": {"code": {"type": "string"}, "name": {"type": "string"}, "category": {"type": "string"},
        "deprecated": {"type": "boolean"}, "default_team": {"type": "string"},
        "default_severity": {"$ref": "#/components/schemas/Severity"}}}}}},
  "CandidateProfile": {"type": "object", "additionalProperties": false,
    "properties": {"name": {"type": ["string", "null"]}, "email": {"type": ["string", "null"]},
      "level": {"type": ["string", "null"]}, "geography": {"type": ["string", "null"]},
      "fields": {"type": "object", "examples": [{"visa_status": "required", "relocation": "yes"}]}}},
  "Candidate": {"type": "object", "required": ["ats", "external_id", "fields", "created_at", "updated_at"],
    "properties": {"ats": {"type": "string"}, "external_id": {"type": "string"},
      "name": {"type": ["string", "null"]}, "email": {"type": ["string", "null"]},
      "level": {"type": ["string", "null"]}, "geography": {"type": ["string", "null"]},
      "fields": {"type": "object"},
      "created_at": {"type": "string", "format": "date-time"}, "updated_at": {"type": "string", "format": "date-time"},
      "purged_at": {"type": ["string", "null"], "format": "date-time", "description": "When the ATS deleted or anonymised the candidate."},
      "erased_at": {"type": ["string", "null"], "format": "date-time", "description": "When Snag erased the candidate's personal data."}}},
  "Status": {"type": "object", "required": ["status"], "properties": {"status": {"type": "string"}}},
  "ApiKey": {"type": "object",
    "required": ["id", "name", "role", "team", "scopes", "owner", "created_at", "expires_at", "last_used_at",
      "revoked", "replaced_by", "due_for_rotation"],
    "description": "An API key; never its secret. The key acts under its name.",
    "properties": {"id": {"type": "integer"}, "name": {"type": "string"}, "role": {"type": "string"},
      "team": {"type": ["string", "null"]},
      "scopes": {"type": ["array", "null"], "items": {"type": "string"},
        "description": "The permissions the key is narrowed to; null: every permission of its role."},
      "owner": {"type": ["string", "null"]},
      "created_at": {"type": "string", "format": "date-time"},
      "expires_at": {"type": ["string", "null"], "format": "date-time",
        "description": "When the key stops working: the earliest of its expiry, the end of a rotation's overlap and the maximum key age."},
      "last_used_at": {"type": ["string", "null"], "format": "date-time", "description": "Updated at most once a minute."},
      "revoked": {"type": "boolean"},
      "replaced_by": {"type": ["integer", "null"], "description": "The successor issued by a rotation."},
      "due_for_rotation": {"type": "boolean", "description": "Near or past the maximum key age."}}},
  "ApiKeyList": {"type": "object", "required": ["items"],
    "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/ApiKey"}}}},
  "NewApiKey": {"type": "object", "required": ["name", "role"], "additionalProperties": false,
    "description": "Without keys:admin: name, owner and role must be the caller's, team and scopes at most the caller's (their default).",
    "properties": {"name": {"type": "string", "minLength": 1, "maxLength": 200}, "role": {"type": "string"},
      "team": {"type": ["string", "null"]},
      "scopes": {"type": ["array", "null"], "minItems": 1, "items": {"type": "string"}},
      "owner": {"type": ["string", "null"], "description": "Defaults to the caller's name."},
      "expires_in_days": {"type": ["integer", "null"], "minimum": 1, "maximum": 3650}}},
  "IssuedApiKey": {"allOf": [{"$ref": "#/components/schemas/ApiKey"}, {"type": "object", "required": ["secret"],
    "properties": {"secret": {"type": "string", "description": "The bearer secret, shown this once."},
      "previous_expires_at": {"type": ["string", "null"], "format": "date-time",
        "description": "On rotation: when the rotated key stops working."}}}]},
  "User": {"type": "object", "required": ["id", "username", "display_name", "role", "team", "email", "disabled", "created_at"],
    "properties": {"id": {"type": "integer"},
      "username": {"type": "string", "description": "The principal: what tickets name as reporter, assignee and watcher."},
      "display_name": {"type": "string"}, "role": {"type": "string"}, "team": {"type": ["string", "null"]},
      "email": {"type": ["string", "null"], "description": "Where email notifications go."},
      "disabled": {"type": "boolean"}, "created_at": {"type": "string", "format": "date-time"}}},
  "UserList": {"type": "object", "required": ["items"],
    "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/User"}}}},
  "NewUser": {"type": "object", "required": ["username", "display_name", "role", "password"], "additionalProperties": false,
    "properties": {"username": {"type": "string", "pattern": "^[a-z0-9._-]{1,100}$"},
      "display_name": {"type": "string", "minLength": 1, "maxLength": 200}, "role": {"type": "string"},
      "team": {"type": ["string", "null"]}, "password": {"type": "string", "minLength": 12},
      "email": {"type": ["string", "null"], "maxLength": 254}}},
  "UserChanges": {"type": "object", "additionalProperties": false,
    "description": "Members left out stay as they are. A new password or disabled: true ends the user's sessions.",
    "properties": {"display_name": {"type": "string", "minLength": 1, "maxLength": 200}, "role": {"type": "string"},
      "team": {"type": ["string", "null"]}, "disabled": {"type": "boolean"},
      "password": {"type": "string", "minLength": 12}, "email": {"type": ["string", "null"], "maxLength": 254}}},
  "AccessLogPage": {"type": "object", "required": ["items", "next_cursor"],
    "properties": {"items": {"type": "array", "items": {"type": "object",
      "required": ["seq", "at", "actor", "action", "object", "credential", "ticket", "candidate", "address", "hash"],
      "properties": {"seq": {"type": "integer"}, "at": {"type": "string", "format": "date-time"},
        "actor": {"type": "string"}, "action": {"type": "string", "enum": ["view", "edit", "export"]},
        "object": {"type": "string", "examples": ["ticket:SNAG-42", "candidate:greenhouse:53883394"]},
        "credential": {"type": "string", "examples": ["key:7", "session:3", "client:snag_client_x"]},
        "ticket": {"type": ["string", "null"]}, "candidate": {"type": ["string", "null"]},
        "address": {"type": "string"},
        "hash": {"type": "string", "description": "Chains the entry to the one before it."}}}},
      "next_cursor": {"type": ["string", "null"]}}},
  "Login": {"type": "object", "required": ["username", "password"], "additionalProperties": false,
    "properties": {"username": {"type": "string"}, "password": {"type": "string"}}},
  "Session": {"type": "object", "required": ["user", "csrf_token"],
    "description": "Signing in also sets the HttpOnly cookie snag_session. A write made with the cookie sends csrf_token in the X-CSRF-Token header.",
    "properties": {"user": {"type": "object", "required": ["username", "display_name", "role", "team"],
        "properties": {"username": {"type": "string"}, "display_name": {"type": "string"},
          "role": {"type": "string"}, "team": {"type": ["string", "null"]}}},
      "csrf_token": {"type": ["string", "null"], "description": "Null when the caller used a bearer, not the cookie."},
      "expires_at": {"type": "string", "format": "date-time", "description": "Only in the answer to signing in."}}},
  "EventStream": {"type": "string",
    "description": "Server-Sent Events (text/event-stream), one per ticket change: `id: <seq>`, `event: ticket.<action>` (create, update, transition, comment) and `data:` a TicketEvent. `event: reset` (data {seq, reason}) says more was missed than the server replays: reload, then read on. `event: notification` (no id; data a Notification) pushes each in-app notification addressed to the caller as it is stored; it is not replayed: read GET /api/v1/notifications after reconnecting. A `: keep-alive` comment comes every 15 s. Resume with the Last-Event-ID header or ?after=<seq>; without either the stream starts now."},
  "TicketEvent": {"type": "object", "required": ["seq", "ticket", "action", "actor", "at", "fields"],
    "description": "The data of one ticket.<action> event. Names the changed fields but not their values: fetch the ticket for those.",
    "properties": {"seq": {"type": "integer", "description": "Journal position; also the event's id."},
      "ticket": {"type": "string", "examples": ["SNAG-42"]}, "action": {"type": "string"},
      "actor": {"type": "string"}, "at": {"type": "string", "format": "date-time"},
      "fields": {"type": "array", "items": {"type": "string"}}}},
  "TokenRequest": {"type": "object", "required": ["grant_type"],
    "description": "RFC 6749 §4.4.2, sent as application/x-www-form-urlencoded. The client authenticates with HTTP Basic (its id and secret each form-urlencoded, then joined by ':' and base64-encoded) or with client_id and client_secret here, not both.",
    "properties": {"grant_type": {"const": "client_credentials"},
      "scope": {"type": "string", "examples": ["tickets:read tickets:write"],
        "description": "Space-separated permissions, within the client's; left out: every permission the client may have."},
      "client_id": {"type": "string"}, "client_secret": {"type": "string"}}},
  "TokenResponse": {"type": "object", "required": ["access_token", "token_type", "expires_in", "scope"],
    "description": "Sent with Cache-Control: no-store.",
    "properties": {"access_token": {"type": "string", "description": "An HS256 JWT: send it as Authorization: Bearer <access_token>."},
      "token_type": {"const": "Bearer"}, "expires_in": {"type": "integer", "description": "Seconds the token is valid for."},
      "scope": {"type": "string", "description": "The permissions granted, space-separated."}}},
  "OAuthError": {"type": "object", "required": ["error"],
    "description": "RFC 6749 §5.2, sent as application/json with Cache-Control: no-store. invalid_client is a 401 with WWW-Authenticate: Basic.",
    "properties": {"error": {"type": "string", "enum": ["invalid_request", "invalid_client", "invalid_grant",
        "unauthorized_client", "unsupported_grant_type", "invalid_scope", "server_error", "temporarily_unavailable"]},
      "error_description": {"type": "string"}}},
  "Subscription": {"type": "object",
    "required": ["id", "name", "url", "vendor", "events", "field_allowlist", "secret_hint", "enabled", "disabled_at",
      "consecutive_failures", "created_at"],
    "description": "An outgoing webhook destination; never its secret. Messages are POSTed as WebhookMessage, signed per Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature).",
    "properties": {"id": {"type": "integer"}, "name": {"type": "string"}, "url": {"type": "string"},
      "vendor": {"type": "string", "description": "The vendor whose attestations must be current (GET /api/v1/vendors)."},
      "events": {"type": "array", "items": {"type": "string", "enum": ["ticket.created", "ticket.changed", "ticket.resolved"]}},
      "field_allowlist": {"type": "array", "items": {"type": "string"}},
      "secret_hint": {"type": "string", "examples": ["…x9Qk"]},
      "enabled": {"type": "boolean"},
      "disabled_at": {"type": ["string", "null"], "format": "date-time", "description": "Set after repeated failed deliveries."},
      "consecutive_failures": {"type": "integer"},
      "created_at": {"type": "string", "format": "date-time"},
      "attestation": {"type": "string", "enum": ["current", "unregistered", "soc2_missing", "soc2_expired", "iso27001_missing", "iso27001_expired"],
        "description": "In lists: whether the vendor may receive anything now."},
      "deliveries": {"type": "object", "description": "In lists: the subscription's outbox.",
        "properties": {"pending": {"type": "integer"}, "done": {"type": "integer"}, "dead": {"type": "integer"},
          "blocked": {"type": "integer", "description": "Not sent: the vendor had no current attestation."},
          "last_done_at": {"type": ["string", "null"], "format": "date-time"}}}}},
  "SubscriptionList": {"type": "object", "required": ["items"],
    "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/Subscription"}}}},
  "NewSubscription": {"type": "object", "required": ["name", "url", "vendor", "events", "field_allowlist"],
    "additionalProperties": false,
    "properties": {"name": {"type": "string", "minLength": 1, "maxLength": 200},
      "url": {"type": "string", "description": "http:// or https://"},
      "vendor": {"type": "string", "pattern": "^[a-z0-9_-]{1,64}$"},
      "events": {"type": "array", "minItems": 1, "items": {"type": "string", "enum": ["ticket.created", "ticket.changed", "ticket.resolved"]}},
      "field_allowlist": {"type": "array", "maxItems": 100, "items": {"type": "string"},
        "description": "Dotted paths of the ticket fields the destination may receive: id, key, type, title, description, status, severity, team, assignee, candidate.ats, candidate.external_id, labels, watchers, reporter, created_at, updated_at, resolved_at, resolution_due_at, version, fields.<name>. Everything else is removed before a message is queued; objects are allowed member by member."},
      "secret": {"type": ["string", "null"], "description": "whsec_ and the base64 of 24 to 64 bytes; generated when left out."}}},
  "CreatedSubscription": {"allOf": [{"$ref": "#/components/schemas/Subscription"}, {"type": "object", "required": ["secret"],
    "properties": {"secret": {"type": "string", "description": "The signing secret (whsec_…), shown this once."}}}]},
  "WebhookMessage": {"type": "object", "required": ["type", "timestamp", "data"],
    "description": "The body of an outgoing webhook. data.ticket and data.changed_fields hold only what the subscription's field_allowlist names.",
    "properties": {"type": {"type": "string", "enum": ["ticket.created", "ticket.changed", "ticket.resolved"]},
      "timestamp": {"type": "string", "format": "date-time", "description": "When the change happened."},
      "data": {"type": "object", "required": ["ticket"],
        "properties": {"ticket": {"type": "object"},
          "changed_fields": {"type": "array", "items": {"type": "string"}, "description": "Not in ticket.created."}}}}},
  "Vendor": {"type": "object",
    "required": ["vendor", "name", "soc2_type2_expires_at", "iso27001_expires_at", "updated_at", "status", "current"],
    "description": "A webhook destination's vendor. It receives messages only while current: both attestations on record and unexpired.",
    "properties": {"vendor": {"type": "string"}, "name": {"type": "string"},
      "soc2_type2_expires_at": {"type": ["string", "null"], "format": "date-time"},
      "iso27001_expires_at": {"type": ["string", "null"], "format": "date-time"},
      "updated_at": {"type": "string", "format": "date-time"},
      "status": {"type": "string", "enum": ["current", "soc2_missing", "soc2_expired", "iso27001_missing", "iso27001_expired"]},
      "current": {"type": "boolean"}}},
  "VendorList": {"type": "object", "required": ["items"],
    "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/Vendor"}}}},
  "VendorAttestationUpdate": {"type": "object", "required": ["name", "soc2_type2_expires_at", "iso27001_expires_at"],
    "additionalProperties": false,
    "description": "Replaces the vendor's record; null means no such attestation on record.",
    "properties": {"name": {"type": "string", "minLength": 1, "maxLength": 200},
      "soc2_type2_expires_at": {"type": ["string", "null"], "format": "date-time"},
      "iso27001_expires_at": {"type": ["string", "null"], "format": "date-time"}}}
})json";

// The ATS integration's components: connectors, webhook acknowledgements, dead letters.
constexpr std::string_view k_integration_schemas = R"json({
  "ConnectorCreate": {"type": "object", "required": ["id", "vendor"], "additionalProperties": false,
    "description": "Give `secret` or `secrets` (several while a secret is rotated) for webhook modes; api_url and api_key for batch and hybrid.",
    "properties": {"id": {"type": "string", "pattern": "^[A-Za-z0-9._-]{1,64}$", "examples": ["gh-main"]},
      "vendor": {"type": "string", "enum": ["greenhouse", "lever", "standard_webhooks", "csv"]},
      "mode": {"type": "string", "enum": ["realtime", "batch", "hybrid"], "default": "realtime"},
      "secret": {"type": "string", "minLength": 8},
      "secrets": {"type": "array", "items": {"type": "string", "minLength": 8}},
      "ats": {"type": "string", "description": "The ATS name its candidates are filed under; the vendor by default."},
      "api_url": {"type": "string", "format": "uri"}, "api_key": {"type": "string"}}},
  "ConnectorChanges": {"type": "object", "additionalProperties": false,
    "description": "Members left out stay as they are.",
    "properties": {"secret": {"type": "string"}, "secrets": {"type": "array", "minItems": 1, "items": {"type": "string"}},
      "mode": {"type": "string", "enum": ["realtime", "batch", "hybrid"]},
      "api_url": {"type": ["string", "null"]}, "api_key": {"type": ["string", "null"]}, "disabled": {"type": "boolean"}}},
  "Connector": {"type": "object", "required": ["id", "vendor", "ats", "mode", "secrets", "created_at", "disabled", "health"],
    "properties": {"id": {"type": "string"}, "vendor": {"type": "string"}, "ats": {"type": "string"},
      "mode": {"type": "string"}, "secrets": {"type": "array", "items": {"type": "string"},
        "description": "Hints only (the last four characters); secrets are never returned."},
      "api_url": {"type": ["string", "null"]}, "sync_watermark": {"type": ["string", "null"], "format": "date-time"},
      "synced_at": {"type": ["string", "null"], "format": "date-time"},
      "created_at": {"type": "string", "format": "date-time"}, "disabled": {"type": "boolean"},
      "health": {"type": "object", "required": ["received", "pending", "dead", "retried", "last_event_at", "lag_seconds", "error_rate"],
        "properties": {"received": {"type": "integer"}, "pending": {"type": "integer"}, "dead": {"type": "integer"},
          "retried": {"type": "integer"}, "last_event_at": {"type": ["string", "null"], "format": "date-time"},
          "lag_seconds": {"type": "number", "description": "How long the oldest unprocessed delivery has waited."},
          "error_rate": {"type": "number", "description": "Share of deliveries that needed a retry or died."}}}}},
  "ConnectorList": {"type": "object", "required": ["items"],
    "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/Connector"}}}},
  "WebhookDelivery": {"description": "The vendor's payload, exactly as signed."},
  "WebhookAck": {"type": "object", "required": ["status"],
    "properties": {"status": {"type": "string", "enum": ["accepted", "duplicate"],
      "description": "accepted (202): stored durably, processed next; duplicate (200): this event id was stored before, nothing changed."}}},
  "DeadLetterPage": {"type": "object", "required": ["items", "next_cursor"],
    "properties": {"items": {"type": "array", "items": {"type": "object",
      "required": ["id", "connector", "event_id", "received_at", "attempts", "last_error", "failed_at"],
      "properties": {"id": {"type": "integer"}, "connector": {"type": "string"}, "event_id": {"type": "string"},
        "received_at": {"type": "string", "format": "date-time"}, "attempts": {"type": "integer"},
        "last_error": {"type": ["string", "null"]}, "failed_at": {"type": ["string", "null"], "format": "date-time"},
        "body": {"type": "string", "description": "The payload; only for callers with pii:read."}}}},
      "next_cursor": {"type": ["string", "null"]}}},
  "ReplayResult": {"type": "object", "required": ["replayed"], "properties": {"replayed": {"type": "integer"}}},
  "Notification": {"type": "object", "required": ["id", "at", "ticket", "kind", "rule", "message", "read", "read_at"],
    "description": "Names the ticket and what happened, never the ticket's text: read the ticket for that.",
    "properties": {"id": {"type": "integer"}, "at": {"type": "string", "format": "date-time"},
      "ticket": {"type": ["string", "null"], "examples": ["SNAG-42"]},
      "kind": {"type": "string", "enum": ["rule", "escalation"]},
      "rule": {"type": "string", "description": "The automation rule that sent it."},
      "message": {"type": "string"}, "read": {"type": "boolean"},
      "read_at": {"type": ["string", "null"], "format": "date-time"}}},
  "NotificationList": {"type": "object", "required": ["items", "unread_count", "next_cursor"],
    "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/Notification"}},
      "unread_count": {"type": "integer"}, "next_cursor": {"type": ["string", "null"]}}},
  "NotificationsRead": {"type": "object", "additionalProperties": false,
    "description": "ids marks those of the caller's notifications; all (or an empty body) marks every one.",
    "properties": {"ids": {"type": "array", "minItems": 1, "items": {"type": "integer", "minimum": 1}},
      "all": {"type": "boolean", "const": true}}},
  "UnreadCount": {"type": "object", "required": ["unread_count"], "properties": {"unread_count": {"type": "integer"}}},
  "SuppressionWindowScope": {"type": "object", "required": ["kind"],
    "properties": {"kind": {"type": "string", "enum": ["all", "team", "issue_type", "geography"]},
      "value": {"type": ["string", "null"], "description": "The team, issue type or geography (a prefix: US covers US-CA); none for all."}}},
  "SuppressionWindow": {"type": "object",
    "required": ["id", "name", "reason", "scope", "starts_at", "ends_at", "on_end", "state", "created_by", "created_at", "ended_early_at", "settled_at"],
    "properties": {"id": {"type": "integer"}, "name": {"type": "string"}, "reason": {"type": "string"},
      "scope": {"$ref": "#/components/schemas/SuppressionWindowScope"},
      "starts_at": {"type": "string", "format": "date-time"}, "ends_at": {"type": "string", "format": "date-time"},
      "on_end": {"type": "string", "enum": ["fire", "drop"], "description": "fire: each held escalation fires once when the window ends; drop: they are dropped."},
      "state": {"type": "string", "enum": ["scheduled", "active", "ended"]},
      "created_by": {"type": "string"}, "created_at": {"type": "string", "format": "date-time"},
      "ended_early_at": {"type": ["string", "null"], "format": "date-time"},
      "settled_at": {"type": ["string", "null"], "format": "date-time", "description": "When its held escalations were fired or dropped."}}},
  "SuppressionWindowList": {"type": "object", "required": ["items"],
    "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/SuppressionWindow"}}}},
  "SuppressionWindowDetail": {"allOf": [{"$ref": "#/components/schemas/SuppressionWindow"}, {"type": "object", "required": ["suppressed"],
    "properties": {"suppressed": {"type": "array", "items": {"type": "object", "required": ["ticket", "rule", "due_at", "state", "settled_at"],
      "properties": {"ticket": {"type": "string"}, "rule": {"type": "string"}, "due_at": {"type": "string", "format": "date-time"},
        "state": {"type": "string", "enum": ["held", "fired", "dropped"]},
        "settled_at": {"type": ["string", "null"], "format": "date-time"}}}}}}]},
  "NewErasureRequest": {"type": "object", "required": ["candidate"], "additionalProperties": false,
    "properties": {"candidate": {"$ref": "#/components/schemas/CandidateRef"}}},
  "ErasureRequest": {"type": "object",
    "required": ["id", "status", "candidate", "source", "requested_by", "requested_at", "held_by", "completed_at", "erased"],
    "properties": {"id": {"type": "integer"},
      "status": {"type": "string", "enum": ["pending", "held", "completed"], "description": "held: a legal hold covers the candidate or one of its tickets; it completes when the hold is released."},
      "candidate": {"$ref": "#/components/schemas/CandidateRef"},
      "source": {"type": "string", "description": "api, or ats:<connector> for a candidate.deleted or candidate.anonymized event."},
      "requested_by": {"type": "string"}, "requested_at": {"type": "string", "format": "date-time"},
      "held_by": {"type": "array", "items": {"type": "integer"}, "description": "The legal holds it waits for."},
      "completed_at": {"type": ["string", "null"], "format": "date-time"},
      "erased": {"type": ["object", "null"], "description": "The completion report: what lost its personal data.",
        "required": ["candidate_profile", "tickets", "comments", "journal_entries", "notifications", "deliveries"],
        "properties": {"candidate_profile": {"type": "boolean"}, "tickets": {"type": "array", "items": {"type": "string"}},
          "comments": {"type": "integer"}, "journal_entries": {"type": "integer"}, "notifications": {"type": "integer"},
          "deliveries": {"type": "integer", "description": "Raw ATS webhook bodies in the inbox that mentioned the candidate."}}}}},
  "ErasureRequestList": {"type": "object", "required": ["items"],
    "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/ErasureRequest"}}}},
  "NewLegalHold": {"type": "object", "required": ["reason"], "additionalProperties": false,
    "description": "Either a candidate (every record about them) or one ticket.",
    "properties": {"candidate": {"$ref": "#/components/schemas/CandidateRef"}, "ticket": {"type": "string", "examples": ["SNAG-42"]},
      "reason": {"type": "string"}}},
  "LegalHold": {"type": "object",
    "required": ["id", "candidate", "ticket", "reason", "placed_by", "placed_at", "released_at", "released_by", "active"],
    "properties": {"id": {"type": "integer"},
      "candidate": {"oneOf": [{"$ref": "#/components/schemas/CandidateRef"}, {"type": "null"}]},
      "ticket": {"type": ["string", "null"]}, "reason": {"type": "string"},
      "placed_by": {"type": "string"}, "placed_at": {"type": "string", "format": "date-time"},
      "released_at": {"type": ["string", "null"], "format": "date-time"}, "released_by": {"type": ["string", "null"]},
      "active": {"type": "boolean"}}},
  "LegalHoldList": {"type": "object", "required": ["items"],
    "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/LegalHold"}}}},
  "RulesDocument": {"type": "object", "required": ["yaml"], "additionalProperties": false,
    "description": "A rules document: YAML whose one member is `rules:`, as in the configuration file. It may also be sent as the body itself, as application/yaml.",
    "properties": {"yaml": {"type": "string"}}},
  "RuleSummary": {"type": "object", "required": ["name", "description", "trigger", "line"],
    "properties": {"name": {"type": "string"}, "description": {"type": "string"},
      "trigger": {"type": "string", "enum": ["ats_event", "ticket_created", "schedule", "sla"]},
      "line": {"type": "integer", "description": "Where the rule starts in the YAML."}}},
  "RuleVersion": {"type": "object", "required": ["version", "rule_count", "created_at", "created_by"],
    "properties": {"version": {"type": "integer", "description": "0: the configuration's rules; stored versions count from 1."},
      "rule_count": {"type": "integer"}, "created_at": {"type": ["string", "null"], "format": "date-time"},
      "created_by": {"type": "string"}}},
  "RuleSet": {"allOf": [{"$ref": "#/components/schemas/RuleVersion"}, {"type": "object", "required": ["yaml"],
    "properties": {"yaml": {"type": "string"},
      "rules": {"type": "array", "description": "Absent for an old version, which need not fit today's catalog.",
        "items": {"$ref": "#/components/schemas/RuleSummary"}}}}]},
  "RuleCheck": {"type": "object", "required": ["valid", "rule_count", "rules"],
    "properties": {"valid": {"type": "boolean", "const": true}, "rule_count": {"type": "integer"},
      "rules": {"type": "array", "items": {"$ref": "#/components/schemas/RuleSummary"}}}},
  "RuleVersionList": {"type": "object", "required": ["items", "in_force"],
    "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/RuleVersion"}},
      "in_force": {"type": "integer", "description": "The version in force on the node that answered."}}},
  "SlaTally": {"type": "object", "required": ["met", "breached", "running", "adherence"],
    "properties": {"met": {"type": "integer"}, "breached": {"type": "integer", "description": "Late, or open past the due time."},
      "running": {"type": "integer", "description": "Open with time left."},
      "adherence": {"type": ["number", "null"], "description": "met / (met + breached); null when neither."}}},
  "SlaReport": {"type": "object", "required": ["by", "from", "to", "items"],
    "properties": {"by": {"type": "string", "enum": ["team", "type", "severity"]},
      "from": {"type": "string", "format": "date-time"}, "to": {"type": "string", "format": "date-time"},
      "items": {"type": "array", "items": {"type": "object", "required": ["group", "tickets", "first_response", "resolution"],
        "properties": {"group": {"type": "string"}, "tickets": {"type": "integer"},
          "first_response": {"$ref": "#/components/schemas/SlaTally"},
          "resolution": {"$ref": "#/components/schemas/SlaTally"}}}}}},
  "ParetoReport": {"type": "object", "required": ["by", "items", "cut_index"],
    "properties": {"by": {"type": "string", "enum": ["count", "delay"]},
      "items": {"type": "array", "description": "Largest value first.",
        "items": {"type": "object", "required": ["type", "value", "share", "cumulative_share"],
          "properties": {"type": {"type": "string"},
            "value": {"type": "number", "description": "Tickets, or candidate delay hours."},
            "share": {"type": "number"}, "cumulative_share": {"type": "number"}}}},
      "cut_index": {"type": ["integer", "null"], "description": "The first item whose cumulative_share is at least 0.8."}}},
  "VolumeReport": {"type": "object", "required": ["by", "items"],
    "properties": {"by": {"type": "string", "enum": ["team", "type", "severity", "assignee"]},
      "items": {"type": "array", "description": "One per group, ordered by group.",
        "items": {"type": "object",
          "required": ["group", "open", "resolved", "mean_hours_to_resolve", "median_hours_to_resolve", "aging"],
          "properties": {"group": {"type": ["string", "null"], "description": "null: tickets nobody is assigned."},
            "open": {"type": "integer"}, "resolved": {"type": "integer"},
            "mean_hours_to_resolve": {"type": ["number", "null"]},
            "median_hours_to_resolve": {"type": ["number", "null"]},
            "aging": {"type": "object", "description": "Open tickets by whole days since opening.",
              "properties": {"0-2": {"type": "integer"}, "3-7": {"type": "integer"}, "8-14": {"type": "integer"},
                "15-30": {"type": "integer"}, ">30": {"type": "integer"}}}}}}}},
  "TrendReport": {"type": "object", "required": ["weeks", "baseline_weeks", "items"],
    "properties": {"weeks": {"type": "integer"}, "baseline_weeks": {"type": "integer"},
      "items": {"type": "array", "description": "One per issue category with a ticket in the weeks or their baseline.",
        "items": {"type": "object", "required": ["category", "weeks"],
          "properties": {"category": {"type": "string"},
            "weeks": {"type": "array", "description": "Oldest first; the last is the current week.",
              "items": {"type": "object", "required": ["start", "tickets", "spike"],
                "properties": {"start": {"type": "string", "format": "date-time"}, "tickets": {"type": "integer"},
                  "spike": {"type": "boolean", "description": "At least 5 tickets, more than twice the mean of the 4 weeks before, and more than that mean plus 3 standard deviations."}}}}}}}}},
  "NewSuppressionWindow": {"type": "object", "required": ["name", "ends_at", "on_end"], "additionalProperties": false,
    "properties": {"name": {"type": "string", "minLength": 1}, "reason": {"type": ["string", "null"]},
      "scope": {"$ref": "#/components/schemas/SuppressionWindowScope"},
      "starts_at": {"type": "string", "format": "date-time", "description": "Now when left out."},
      "ends_at": {"type": "string", "format": "date-time"},
      "on_end": {"type": "string", "enum": ["fire", "drop"]}}}
})json";

struct ParameterDoc {
  std::string_view name;
  std::string_view description;
  std::string_view schema;  // JSON
};

const ParameterDoc k_query_params[] = {
    {"status", "Comma list of statuses.", R"({"type": "string"})"},
    {"severity", "Comma list of sev1..sev4.", R"({"type": "string"})"},
    {"type", "Comma list of issue type codes.", R"({"type": "string"})"},
    {"team", "Comma list of team codes.", R"({"type": "string"})"},
    {"assignee", "Comma list of assignees.", R"({"type": "string"})"},
    {"candidate", "Comma list of ats:external_id.", R"({"type": "string"})"},
    {"q", "Full-text search over title and description.", R"({"type": "string"})"},
    {"created_after", "RFC 3339 time.", R"({"type": "string", "format": "date-time"})"},
    {"created_before", "RFC 3339 time.", R"({"type": "string", "format": "date-time"})"},
    {"sort", "Order of the list.",
     R"({"type": "string", "enum": ["created_at", "-created_at", "updated_at", "-updated_at", "severity"], "default": "-created_at"})"},
    {"limit", "Page size.", R"({"type": "integer", "minimum": 1, "maximum": 200, "default": 50})"},
    {"cursor", "next_cursor of the previous page.", R"({"type": "string"})"},
    {"connector", "Only this connector's.", R"({"type": "string"})"},
    {"due", "Only the keys due for rotation.", R"({"type": "boolean", "default": false})"},
    {"after", "Replay the events after this id first (the Last-Event-ID header wins over it).",
     R"({"type": "integer", "minimum": 0})"},
    {"actor", "Only entries of this actor.", R"({"type": "string"})"},
    {"action", "Only entries of this action.", R"({"type": "string", "enum": ["view", "edit", "export"]})"},
    {"ticket", "Only entries about this ticket.", R"({"type": "string", "examples": ["SNAG-42"]})"},
    {"since", "Only entries at or after this RFC 3339 time.", R"({"type": "string", "format": "date-time"})"},
    {"unread", "Only unread notifications.", R"({"type": "boolean", "default": false})"},
    {"by",
     "The SLA report groups tickets by team (default), type or severity; the volume report by team (default), "
     "type, severity or assignee; the Pareto report ranks issue types by count (default, tickets) or delay "
     "(candidate delay hours).",
     R"({"type": "string", "enum": ["team", "type", "severity", "assignee", "count", "delay"]})"},
    {"from", "Tickets opened at or after this RFC 3339 time (SLA report: 30 days before `to` by default).",
     R"({"type": "string", "format": "date-time"})"},
    {"to", "Tickets opened before this RFC 3339 time (SLA report: now by default).",
     R"({"type": "string", "format": "date-time"})"},
    {"weeks", "How many weeks, up to the current one (1-104).", R"({"type": "integer", "minimum": 1, "maximum": 104, "default": 12})"},
    {"format", "csv, or pdf with a watermark on every page.", R"({"type": "string", "enum": ["csv", "pdf"], "default": "csv"})"},
};

const ParameterDoc k_header_params[] = {
    {"Idempotency-Key", "A repeat with the same key and body returns the first result and creates nothing.",
     R"({"type": "string", "maxLength": 255})"},
    {"If-Match", "The ETag read (the ticket's or the rules' version, quoted). Stale: 412.", R"({"type": "string"})"},
    {"Last-Event-ID", "The id of the last event seen: the stream replays what came after it.",
     R"({"type": "string", "pattern": "^[0-9]+$"})"},
    {"Signature", "Greenhouse: `sha256 <hex HMAC-SHA256 of the body>`.", R"({"type": "string"})"},
    {"Greenhouse-Event-ID", "Greenhouse: the delivery's id; a repeat is acknowledged and ignored.",
     R"({"type": "string"})"},
    {"webhook-id", "Standard Webhooks: the message id; a repeat is acknowledged and ignored.", R"({"type": "string"})"},
    {"webhook-timestamp", "Standard Webhooks: Unix seconds, within 5 minutes of the server's clock.",
     R"({"type": "string"})"},
    {"webhook-signature", "Standard Webhooks: space-separated `v1,<base64>` signatures of `id.timestamp.body`.",
     R"({"type": "string"})"},
};

nlohmann::json parameter(std::string_view in, std::string_view name, const ParameterDoc* docs, std::size_t count,
                         bool required) {
  for (std::size_t i = 0; i < count; ++i) {
    if (docs[i].name == name) {
      return {{"name", name},
              {"in", in},
              {"required", required},
              {"description", docs[i].description},
              {"schema", nlohmann::json::parse(docs[i].schema)}};
    }
  }
  throw std::logic_error("openapi: undocumented " + std::string(in) + " parameter " + std::string(name));
}

nlohmann::json schema_ref(const nlohmann::json& schemas, std::string_view name) {
  if (!schemas.contains(name)) throw std::logic_error("openapi: unknown schema " + std::string(name));
  return {{"$ref", "#/components/schemas/" + std::string(name)}};
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

nlohmann::json operation(const RouteInfo& route, const nlohmann::json& schemas) {
  const auto& doc = route.doc;
  nlohmann::json op{{"operationId", route.operation_id}, {"summary", doc.summary}, {"tags", {doc.tag}}};

  auto parameters = nlohmann::json::array();
  for (std::size_t open = route.pattern.find('{'); open != std::string::npos; open = route.pattern.find('{', open)) {
    const auto close = route.pattern.find('}', open);
    parameters.push_back({{"name", route.pattern.substr(open + 1, close - open - 1)},
                          {"in", "path"},
                          {"required", true},
                          {"schema", {{"type", "string"}}}});
    open = close;
  }
  for (const auto name : doc.query_params) {
    parameters.push_back(parameter("query", name, k_query_params, std::size(k_query_params), false));
  }
  for (const auto name : doc.headers) {
    const bool required = name == "If-Match" && route.method == HttpMethod::patch;
    parameters.push_back(parameter("header", name, k_header_params, std::size(k_header_params), required));
  }
  if (!parameters.empty()) op["parameters"] = std::move(parameters);

  // The OAuth token endpoint (RFC 6749) takes a form and answers its errors in OAuth's JSON.
  const bool oauth = doc.request_schema == "TokenRequest";
  if (!doc.request_schema.empty()) {
    const std::string_view media_type = oauth ? "application/x-www-form-urlencoded" : "application/json";
    op["requestBody"] = {{"required", true},
                         {"content", {{media_type, {{"schema", schema_ref(schemas, doc.request_schema)}}}}}};
    if (doc.request_schema == "RulesDocument") {
      op["requestBody"]["content"]["application/yaml"] = {{"schema", {{"type", "string"}}}};
    }
  }

  nlohmann::json success{{"description", reason_phrase(doc.success_status)}};
  if (!doc.response_schema.empty()) {
    success["content"] = {{doc.response_content_type, {{"schema", schema_ref(schemas, doc.response_schema)}}}};
  } else if (doc.response_content_type == k_export_content_types) {
    success["content"] = {{"text/csv", {{"schema", {{"type", "string"}}}}},
                          {"application/pdf", {{"schema", {{"type", "string"}, {"format", "binary"}}}}}};
  } else if (doc.success_status != 204) {
    success["content"] = {{doc.response_content_type, {{"schema", nlohmann::json::object()}}}};
  }
  nlohmann::json responses{{std::to_string(doc.success_status), std::move(success)}};
  auto statuses = doc.problem_statuses;
  if (route.access == Access::bearer) statuses.push_back(401);
  statuses.push_back(500);
  for (const auto status : statuses) {
    responses[std::to_string(status)] = {
        {"description", reason_phrase(status)},
        {"content", oauth ? nlohmann::json{{"application/json", {{"schema", schema_ref(schemas, "OAuthError")}}}}
                          : nlohmann::json{{k_problem_content_type, {{"schema", schema_ref(schemas, "Problem")}}}}}};
  }
  op["responses"] = std::move(responses);
  op["security"] = route.access == Access::bearer ? nlohmann::json::array({{{"bearerAuth", nlohmann::json::array()}}})
                                                  : nlohmann::json::array();
  return op;
}

}  // namespace

nlohmann::json openapi_document(const std::vector<RouteInfo>& routes) {
  auto schemas = nlohmann::json::parse(k_schemas);
  schemas.update(nlohmann::json::parse(k_integration_schemas));
  nlohmann::json paths = nlohmann::json::object();
  for (const auto& route : routes) {
    paths[route.pattern][lower(to_string(route.method))] = operation(route, schemas);
  }
  return {{"openapi", "3.1.0"},
          {"info",
           {{"title", "Snag"},
            {"version", "1"},
            {"description", "Problem tracking beside an applicant tracking system. Errors are RFC 9457 "
                            "application/problem+json, except those of POST /oauth/token, which are RFC 6749's."}}},
          {"paths", std::move(paths)},
          {"components",
           {{"schemas", std::move(schemas)},
            {"securitySchemes",
             {{"bearerAuth",
               {{"type", "http"},
                {"scheme", "bearer"},
                {"description", "An API key, or an access token from POST /oauth/token."}}}}}}}};
}

}  // namespace snag::http
