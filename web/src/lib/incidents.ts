// Incidents, post-mortems and change records as the API shows them (/api/v1/incidents,
// /api/v1/changes; see README "Incidents, post-mortems and change records"), and the pure parts
// of the screens that show them: list queries, status moves, ticket keys, post-mortem drafts.

import type { FieldError, Problem } from './problem';
import type { Severity } from './types';

export const INCIDENT_STATUSES = ['open', 'resolved', 'closed'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export interface IncidentSummary {
  id: number;
  category: string;
  title: string;
  severity: Severity;
  status: IncidentStatus;
  commander: string;
  opened_by: string;
  opened_at: string;
  responded_at: string | null;
  last_update_at: string;
  resolved_at: string | null;
  closed_at: string | null;
  caused_by_change: string | null;
}

export interface IncidentPage {
  items: IncidentSummary[];
  next_cursor: string | null;
}

export interface SeverityProtocol {
  severity: Severity;
  meaning: string;
  example: string;
  respond_within_minutes: number;
  update_every_minutes: number | null;
  notify: string[];
  postmortem_required: boolean;
}

export interface TimelineEntry {
  at: string;
  event: string;
}

export interface ActionItem {
  number: number;
  title: string;
  owner: string;
  due: string;
  done: boolean;
  done_at: string | null;
}

export interface Postmortem {
  timeline: TimelineEntry[];
  impact: string;
  root_cause: string;
  contributing_factors: string[];
  action_items: ActionItem[];
  written_by: string;
  updated_at: string;
}

export interface IncidentLogEntry {
  at: string;
  author: string;
  /** declared, update (a posted status update), edit, tickets, postmortem, action_item */
  kind: string;
  message: string;
}

export interface Incident extends IncidentSummary {
  tickets: string[];
  impact: { tickets: number; candidates_affected: number; candidate_delay_hours: number };
  protocol: SeverityProtocol | null;
  response_due_at: string | null;
  next_update_due_at: string | null;
  update_overdue: boolean;
  postmortem_required: boolean;
  postmortem: Postmortem | null;
  log: IncidentLogEntry[];
}

export interface ChangeRecord {
  id: string;
  summary: string;
  system: string;
  deployed_at: string;
  link: string | null;
  recorded_by: string;
  recorded_at: string;
  caused?: { tickets: string[]; incidents: number[] };
}

/** What a ticket is part of (GET /api/v1/tickets/{key}/links). */
export interface TicketLinks {
  incident: IncidentSummary | null;
  change: ChangeRecord | null;
}

export function incidentPath(id: string | number, sub = ''): string {
  return `/api/v1/incidents/${encodeURIComponent(String(id))}${sub}`;
}

export function isIncidentStatus(s: string | null | undefined): s is IncidentStatus {
  return (INCIDENT_STATUSES as readonly string[]).includes(s ?? '');
}

// ---- The list: its filters live in the URL (/incidents?status=open&cursor=41) so a view can be linked.

export interface IncidentFilters {
  status: IncidentStatus | '';
  cursor: string;
}

export function incidentFiltersFrom(search: string): IncidentFilters {
  const q = new URLSearchParams(search);
  const status = q.get('status');
  // A hand-edited link with a status the API does not know would only earn a 422: show all.
  return { status: isIncidentStatus(status) ? status : '', cursor: q.get('cursor') ?? '' };
}

/** The page's own query string (without "?"); empty when nothing is filtered. */
export function incidentSearch(f: IncidentFilters): string {
  const q = new URLSearchParams();
  if (f.status) q.set('status', f.status);
  if (f.cursor) q.set('cursor', f.cursor);
  return q.toString();
}

/** GET /api/v1/incidents's query for these filters. */
export function incidentListQuery(f: IncidentFilters, limit: number): Record<string, string> {
  const q: Record<string, string> = { limit: String(limit) };
  if (f.status) q.status = f.status;
  if (f.cursor) q.cursor = f.cursor;
  return q;
}

// ---- Status: open → resolved → closed; a resolved incident may reopen; a closed one is history.

export interface StatusMove {
  to: IncidentStatus;
  label: string;
}

export function statusMoves(from: IncidentStatus): StatusMove[] {
  switch (from) {
    case 'open':
      return [{ to: 'resolved', label: 'Resolve' }];
    case 'resolved':
      return [
        { to: 'closed', label: 'Close' },
        { to: 'open', label: 'Reopen' },
      ];
    default:
      return [];
  }
}

// ---- Declaring: categories and ticket keys.

/** The issue types' categories, each once, in the types' order (what the API accepts). */
export function categoriesOf(types: readonly { category: string }[]): string[] {
  return [...new Set(types.map((t) => t.category).filter((c) => c !== ''))];
}

/**
 * Ticket keys as people type them: separated by commas or spaces, any case ("snag-4, SNAG-7").
 * Each is sent once and upper-cased; the server says which ones do not exist.
 */
export function ticketKeysFrom(text: string): string[] {
  const keys = text
    .split(/[\s,;]+/)
    .map((k) => k.trim().toUpperCase())
    .filter((k) => k !== '');
  return [...new Set(keys)];
}

/**
 * The API names list members by index (`tickets[1]`, `contributing_factors[0]`); a form shows one
 * control for the whole list, so such errors go to that control, led by the member they concern
 * when it is known.
 */
export function collapseIndexedErrors(problem: Problem | null, lists: Record<string, readonly string[]>): Problem | null {
  if (!problem) return problem;
  const errors: FieldError[] = problem.errors.map((e) => {
    const m = /^([a-z_]+)\[(\d+)\]$/.exec(e.field);
    if (!m || !(m[1] in lists)) return e;
    const member = lists[m[1]][Number(m[2])];
    return { field: m[1], message: member ? `${member}: ${e.message}` : e.message };
  });
  return { ...problem, errors };
}

/** A field the API names ("postmortem.root_cause", "action_items[0].owner") in words. */
export function fieldLabel(field: string): string {
  const words = field
    .replace(/\[(\d+)\]/g, (_m, i: string) => ` ${Number(i) + 1}`)
    .split('.')
    .map((part) => (part === 'postmortem' ? 'post-mortem' : part.replace(/_/g, ' ')))
    .join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

// ---- Times: <input type="datetime-local"> speaks local wall-clock time without a zone; the API RFC 3339.

const pad = (n: number) => String(n).padStart(2, '0');

/** An RFC 3339 time as a datetime-local value in the browser's zone ('' when absent or bad). */
export function toLocalInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A datetime-local value as RFC 3339 UTC, or null when it is empty or not a time. */
export function fromLocalInput(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value)) return null;
  const d = new Date(value); // without a zone: local time, as the input meant it
  return Number.isNaN(d.getTime()) ? null : d.toISOString().replace(/\.000Z$/, 'Z');
}

/** Candidate delay in words: "45 min", "5.5 h", "3.2 days". */
export function formatDelay(hours: number): string {
  if (!Number.isFinite(hours) || hours <= 0) return '0 h';
  if (hours < 1) return `${Math.max(1, Math.round(hours * 60))} min`;
  if (hours < 48) return `${Math.round(hours * 10) / 10} h`;
  return `${Math.round((hours / 24) * 10) / 10} days`;
}

/** Minutes as "15 min", "2 h", "1 day 6 h". */
export function formatMinutes(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const days = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  const parts = [days ? `${days} day${days === 1 ? '' : 's'}` : '', h ? `${h} h` : '', m ? `${m} min` : ''];
  return parts.filter(Boolean).join(' ');
}

/** "role:hrbp" → "every HRBP"-like plain words for a protocol's recipients. */
export function recipientLabel(recipient: string): string {
  if (recipient === 'commander') return 'the commander';
  if (recipient.startsWith('role:')) return `every ${recipient.slice(5).replace(/_/g, ' ')}`;
  if (recipient.startsWith('user:')) return recipient.slice(5);
  return recipient;
}

// ---- The post-mortem form. Rows stay in the order shown and are all sent (a blank one is the
// server's to refuse), so an error's index in the answer is the row's index on screen.

export interface TimelineDraft {
  at: string; // datetime-local
  event: string;
}

export interface ActionItemDraft {
  title: string;
  owner: string;
  due: string; // datetime-local
}

export interface PostmortemDraft {
  timeline: TimelineDraft[];
  impact: string;
  root_cause: string;
  /** One factor a line. */
  contributing_factors: string;
  action_items: ActionItemDraft[];
}

export function draftFrom(p: Postmortem | null): PostmortemDraft {
  return {
    timeline: (p?.timeline ?? []).map((t) => ({ at: toLocalInput(t.at), event: t.event })),
    impact: p?.impact ?? '',
    root_cause: p?.root_cause ?? '',
    contributing_factors: (p?.contributing_factors ?? []).join('\n'),
    action_items: (p?.action_items ?? []).map((a) => ({ title: a.title, owner: a.owner, due: toLocalInput(a.due) })),
  };
}

/** The factors as the API lists them: one a line, blank lines dropped. */
export function factorLines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

/**
 * PUT /api/v1/incidents/{id}/postmortem's body. A time left empty (a datetime-local input's
 * value is empty until it is complete) is left out, so the server's "is required" lands beside
 * that row's input.
 */
export function postmortemBody(d: PostmortemDraft): Record<string, unknown> {
  const time = (value: string) => {
    const at = fromLocalInput(value);
    return at === null ? {} : { at };
  };
  return {
    timeline: d.timeline.map((t) => ({ ...time(t.at), event: t.event.trim() })),
    impact: d.impact.trim(),
    root_cause: d.root_cause.trim(),
    contributing_factors: factorLines(d.contributing_factors),
    action_items: d.action_items.map((a) => {
      const due = fromLocalInput(a.due);
      return { title: a.title.trim(), owner: a.owner.trim(), ...(due === null ? {} : { due }) };
    }),
  };
}

/** Every control of the form, by the name the API gives its errors. */
export function postmortemControls(d: PostmortemDraft): string[] {
  return [
    'impact',
    'root_cause',
    'contributing_factors',
    ...d.timeline.flatMap((_t, i) => [`timeline[${i}].at`, `timeline[${i}].event`]),
    ...d.action_items.flatMap((_a, i) => [`action_items[${i}].title`, `action_items[${i}].owner`, `action_items[${i}].due`]),
  ];
}

/** Whether this user may tick an action item: its owner, or anyone with incidents:write. */
export function mayMarkItem(item: Pick<ActionItem, 'owner'>, username: string | undefined, canWrite: boolean): boolean {
  return canWrite || (!!username && item.owner === username);
}

/** A control's id from an API field name ("action_items[0].due" → "pm-action_items-0-due"). */
export function controlId(prefix: string, field: string): string {
  return `${prefix}-${field.replace(/[^a-z0-9_]+/gi, '-').replace(/-+$/, '')}`;
}
