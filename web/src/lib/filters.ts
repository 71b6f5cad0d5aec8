import { SORTS, type Sort } from './vocab';

// The list's state lives in the page URL, so that a view can be linked and Back works. The
// URL uses the API's own parameter names and comma lists, so a list URL and the API call
// it makes read the same.

export const LIST_PARAMS = [
  'status',
  'severity',
  'type',
  'team',
  'assignee',
  'candidate',
] as const;
export type ListParam = (typeof LIST_PARAMS)[number];

export interface Filters {
  status: string[];
  severity: string[];
  type: string[];
  team: string[];
  assignee: string[];
  candidate: string[];
  q: string;
  created_after: string;
  created_before: string;
  sort: Sort;
  cursor: string;
  /** Tickets per page: one of PAGE_SIZES, each within the API's limit. */
  limit: number;
}

export const DEFAULT_SORT: Sort = '-created_at';
export const PAGE_SIZES = [25, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 25;

export function emptyFilters(): Filters {
  return {
    status: [],
    severity: [],
    type: [],
    team: [],
    assignee: [],
    candidate: [],
    q: '',
    created_after: '',
    created_before: '',
    sort: DEFAULT_SORT,
    cursor: '',
    limit: DEFAULT_PAGE_SIZE,
  };
}

/** Splits a comma list, dropping blanks and repeats but keeping the order given. */
export function splitList(v: string | null | undefined): string[] {
  if (!v) return [];
  const out: string[] = [];
  for (const part of v.split(',')) {
    const t = part.trim();
    if (t && !out.includes(t)) out.push(t);
  }
  return out;
}

function isSort(v: string): v is Sort {
  return SORTS.some((s) => s.value === v);
}

export function filtersFromQuery(search: string | URLSearchParams): Filters {
  const p = typeof search === 'string' ? new URLSearchParams(search) : search;
  const f = emptyFilters();
  for (const name of LIST_PARAMS) f[name] = splitList(p.get(name));
  f.q = (p.get('q') ?? '').trim();
  f.created_after = (p.get('created_after') ?? '').trim();
  f.created_before = (p.get('created_before') ?? '').trim();
  const sort = p.get('sort') ?? '';
  f.sort = isSort(sort) ? sort : DEFAULT_SORT;
  f.cursor = p.get('cursor') ?? '';
  const limit = Number(p.get('limit'));
  // Only the sizes the list offers, so a hand-edited URL cannot ask for a page the select lacks.
  f.limit = PAGE_SIZES.some((n) => n === limit) ? limit : DEFAULT_PAGE_SIZE;
  return f;
}

/**
 * The page URL's query for a filter state: only what differs from the defaults, in a fixed
 * order, so equal states give equal URLs.
 */
export function queryFromFilters(f: Filters): string {
  const p = new URLSearchParams();
  for (const name of LIST_PARAMS) if (f[name].length) p.set(name, f[name].join(','));
  if (f.q) p.set('q', f.q);
  if (f.created_after) p.set('created_after', f.created_after);
  if (f.created_before) p.set('created_before', f.created_before);
  if (f.sort !== DEFAULT_SORT) p.set('sort', f.sort);
  if (f.limit !== DEFAULT_PAGE_SIZE) p.set('limit', String(f.limit));
  if (f.cursor) p.set('cursor', f.cursor);
  return p.toString();
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * The API wants RFC 3339 date-times; the form offers whole days (UTC). "Created before" a
 * day is taken to include that day, as a person reading "to 30 Nov" expects.
 */
export function apiQueryFromFilters(f: Filters): URLSearchParams {
  const p = new URLSearchParams(queryFromFilters({ ...f, sort: f.sort }));
  p.set('sort', f.sort);
  if (DATE_ONLY.test(f.created_after)) p.set('created_after', `${f.created_after}T00:00:00Z`);
  if (DATE_ONLY.test(f.created_before))
    p.set('created_before', `${nextDay(f.created_before)}T00:00:00Z`);
  p.set('limit', String(f.limit));
  return p;
}

/** True when any filter narrows the list (sort and paging do not). */
export function isFiltered(f: Filters): boolean {
  return (
    LIST_PARAMS.some((n) => f[n].length > 0) || !!f.q || !!f.created_after || !!f.created_before
  );
}

/** Parses `greenhouse:123` into a candidate reference; null when it is not of that form. */
export function parseCandidate(v: string): { ats: string; external_id: string } | null {
  const t = v.trim();
  const i = t.indexOf(':');
  if (i <= 0 || i === t.length - 1) return null;
  return { ats: t.slice(0, i).trim(), external_id: t.slice(i + 1).trim() };
}
