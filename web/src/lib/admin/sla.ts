// The SLA policy screen's pure parts: reading GET /api/v1/sla-policy, business time in words,
// a calendar's week and holidays, and how a ticket's calendar is chosen.

import { SEVERITIES } from '../vocab';

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface BusinessCalendar {
  name: string;
  /** An IANA zone; null only for a calendar that needs none (always open). */
  time_zone: string | null;
  always_open: boolean;
  /** Working hours per day as "HH:MM-HH:MM"; an empty list is a day off. */
  week: Record<Weekday, string[]>;
  /** Local dates "YYYY-MM-DD", as configured. */
  holidays: string[];
}

export interface SlaTarget {
  severity: string;
  /** Business minutes; null: no target (in an override: the severity's). */
  first_response_minutes: number | null;
  resolution_minutes: number | null;
  /** A calendar this clock always runs on, whatever the team or geography. */
  calendar: string | null;
}

export interface IssueTypeTarget extends SlaTarget {
  issue_type: string;
}

export interface SlaPolicy {
  calendars: BusinessCalendar[];
  default_calendar: string;
  calendar_by_team: Record<string, string>;
  calendar_by_geography: Record<string, string>;
  targets: SlaTarget[];
  issue_type_targets: IssueTypeTarget[];
}

const text = (v: unknown): v is string => typeof v === 'string' && v !== '';
const minutes = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : null);
const record = (v: unknown): Record<string, string> => {
  const out: Record<string, string> = {};
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    for (const [k, c] of Object.entries(v)) if (text(c)) out[k] = c;
  }
  return out;
};
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const severityRank = (s: string) => {
  const i = (SEVERITIES as readonly string[]).indexOf(s);
  return i < 0 ? SEVERITIES.length : i;
};

function targetFrom(v: unknown): SlaTarget | null {
  const t = v as Record<string, unknown> | null;
  if (!t || !text(t.severity)) return null;
  return {
    severity: t.severity,
    first_response_minutes: minutes(t.first_response_minutes),
    resolution_minutes: minutes(t.resolution_minutes),
    calendar: text(t.calendar) ? t.calendar : null,
  };
}

function calendarFrom(v: unknown): BusinessCalendar | null {
  const c = v as Record<string, unknown> | null;
  if (!c || !text(c.name)) return null;
  const week = (c.week ?? {}) as Record<string, unknown>;
  return {
    name: c.name,
    time_zone: text(c.time_zone) ? c.time_zone : null,
    always_open: c.always_open === true,
    week: Object.fromEntries(WEEKDAYS.map((d) => [d, list(week[d]).filter(text)])) as Record<Weekday, string[]>,
    holidays: [...new Set(list(c.holidays).filter(text))].sort(),
  };
}

/** The policy of a GET /api/v1/sla-policy answer; targets in severity order (sev1 first). */
export function slaPolicyFrom(body: unknown): SlaPolicy {
  const b = body as Record<string, unknown> | null;
  if (!b || !Array.isArray(b.calendars) || !Array.isArray(b.targets)) {
    throw new Error('The server answered without an SLA policy.');
  }
  const bySeverity = (a: SlaTarget, z: SlaTarget) => severityRank(a.severity) - severityRank(z.severity);
  const overrides: IssueTypeTarget[] = [];
  for (const item of list(b.issue_type_targets)) {
    const t = targetFrom(item);
    const type = (item as { issue_type?: unknown }).issue_type;
    if (t && text(type)) overrides.push({ ...t, issue_type: type });
  }
  return {
    calendars: b.calendars.map(calendarFrom).filter((c): c is BusinessCalendar => c !== null),
    default_calendar: text(b.default_calendar) ? b.default_calendar : '',
    calendar_by_team: record(b.calendar_by_team),
    calendar_by_geography: record(b.calendar_by_geography),
    targets: b.targets
      .map(targetFrom)
      .filter((t): t is SlaTarget => t !== null)
      .sort(bySeverity),
    issue_type_targets: overrides.sort((a, z) => a.issue_type.localeCompare(z.issue_type) || bySeverity(a, z)),
  };
}

/**
 * Business time as "30 min", "4 h", "1 h 30 min". Never in days: a business day is as long as
 * the calendar says, so "40 h" is what the target means on every calendar.
 */
export function businessTime(m: number | null): string {
  if (m === null) return 'No target';
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  const rest = m % 60;
  return rest ? `${h} h ${rest} min` : `${h} h`;
}

/** What an override changes, and only that: ["First response 1 h"]. */
export function overrideParts(o: SlaTarget): string[] {
  const out: string[] = [];
  if (o.first_response_minutes !== null) out.push(`First response ${businessTime(o.first_response_minutes)}`);
  if (o.resolution_minutes !== null) out.push(`Resolution ${businessTime(o.resolution_minutes)}`);
  if (o.calendar) out.push(`Always on the ${o.calendar} calendar`);
  return out;
}

const DAY_NAMES: Record<Weekday, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

/** "09:00-12:00" → "09:00–12:00"; the whole day ("00:00-24:00") → "All day". */
export function intervalText(interval: string): string {
  if (interval === '00:00-24:00') return 'All day';
  return interval.replace('-', '–');
}

function intervalMinutes(interval: string): number {
  const m = /^(\d\d):(\d\d)-(\d\d):(\d\d)$/.exec(interval);
  if (!m) return 0;
  return Math.max(0, Number(m[3]) * 60 + Number(m[4]) - (Number(m[1]) * 60 + Number(m[2])));
}

export interface DayRow {
  day: Weekday;
  name: string;
  /** The working hours in words; empty on a day off. */
  hours: string[];
}

/** The week from Monday to Sunday (as it is read at work, not as the API orders it). */
export function weekRows(calendar: BusinessCalendar): DayRow[] {
  return (['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const).map((day) => ({
    day,
    name: DAY_NAMES[day],
    hours: calendar.week[day].map(intervalText),
  }));
}

/** Working time in a week without holidays, as business time ("35 h"). */
export function weeklyHours(calendar: BusinessCalendar): string {
  const total = WEEKDAYS.reduce((sum, d) => sum + calendar.week[d].reduce((s, i) => s + intervalMinutes(i), 0), 0);
  return businessTime(total);
}

/** Today's date ("YYYY-MM-DD") in a time zone; UTC when the zone is missing or unknown. */
export function todayIn(zone: string | null, now: Date = new Date()): string {
  const format = (timeZone: string) =>
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  try {
    return format(zone ?? 'UTC');
  } catch {
    return format('UTC');
  }
}

/**
 * The holidays from `today` on, then the past ones newest first: what is coming matters more
 * than what has been, and the past ones stay reachable.
 */
export function holidaysInOrder(holidays: readonly string[], today: string): { upcoming: string[]; past: string[] } {
  const sorted = [...holidays].sort();
  return {
    upcoming: sorted.filter((d) => d >= today),
    past: sorted.filter((d) => d < today).reverse(),
  };
}

/** A local date as "Fri, 3 Apr 2026" in the reader's locale, without shifting it by a zone. */
export function holidayText(date: string, locale?: string): string {
  const m = /^(\d{4})-(\d\d)-(\d\d)$/.exec(date);
  if (!m) return date;
  const at = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return new Intl.DateTimeFormat(locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(at);
}

/** A mapping { key: calendar } grouped by calendar: [{ calendar, keys }], both sorted. */
export function byCalendar(mapping: Readonly<Record<string, string>>): { calendar: string; keys: string[] }[] {
  const groups = new Map<string, string[]>();
  for (const [key, calendar] of Object.entries(mapping)) groups.set(calendar, [...(groups.get(calendar) ?? []), key]);
  return [...groups.entries()]
    .sort(([a], [z]) => a.localeCompare(z))
    .map(([calendar, keys]) => ({ calendar, keys: keys.sort() }));
}

/** The severities whose target names its own calendar, e.g. [{ severity: 'sev1', calendar: '24x7' }]. */
export function forcedCalendars(policy: SlaPolicy): { severity: string; calendar: string }[] {
  return policy.targets.flatMap((t) => (t.calendar ? [{ severity: t.severity, calendar: t.calendar }] : []));
}

/**
 * What a calendar is used for, in words: ["sev1 tickets", "candidates in DE, AT", "the default"];
 * empty when nothing chooses it (an issue type's override may still name it).
 */
export function calendarUses(
  policy: SlaPolicy,
  name: string,
  severity: (code: string) => string = (c) => c,
  team: (code: string) => string = (c) => c,
): string[] {
  const out: string[] = [];
  const severities = forcedCalendars(policy).filter((f) => f.calendar === name).map((f) => severity(f.severity));
  if (severities.length) out.push(`${severities.join(', ')} tickets`);
  const types = [...new Set(policy.issue_type_targets.filter((o) => o.calendar === name).map((o) => o.issue_type))];
  if (types.length) out.push(`issue types ${types.join(', ')}`);
  const geographies = byCalendar(policy.calendar_by_geography).find((g) => g.calendar === name)?.keys ?? [];
  if (geographies.length) out.push(`candidates in ${geographies.join(', ')}`);
  const teams = byCalendar(policy.calendar_by_team).find((g) => g.calendar === name)?.keys ?? [];
  if (teams.length) out.push(`teams ${teams.map(team).join(', ')}`);
  if (policy.default_calendar === name) out.push('the default');
  return out;
}
