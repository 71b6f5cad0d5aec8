import { DEFAULT_PAGE_SIZE, filtersFromQuery, queryFromFilters, type Filters } from './filters';
import type { SavedView } from './types';

// Saved views keep the API's list query (GET /api/v1/tickets parameters), so that a view works
// for any client; the list's URL keeps the form's values. They differ only in dates: the form
// has whole days, the API RFC 3339 times, and "created before" a day includes that day.
// The page size is the reader's, not the view's: a view leaves it out and opens at the size shown.

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const MIDNIGHT = /^(\d{4}-\d{2}-\d{2})T00:00:00Z$/;

function shiftDay(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The API query a view saves for these filters: no cursor (a view opens at its first page). */
export function viewQueryFromFilters(f: Filters): string {
  const p = new URLSearchParams(queryFromFilters({ ...f, cursor: '', limit: DEFAULT_PAGE_SIZE }));
  if (DATE_ONLY.test(f.created_after)) p.set('created_after', `${f.created_after}T00:00:00Z`);
  if (DATE_ONLY.test(f.created_before)) p.set('created_before', `${shiftDay(f.created_before, 1)}T00:00:00Z`);
  return p.toString();
}

/** The filters a view's query stands for, as the list's form shows them. */
export function filtersFromViewQuery(query: string): Filters {
  const f = filtersFromQuery(query);
  const after = MIDNIGHT.exec(f.created_after);
  if (after) f.created_after = after[1];
  const before = MIDNIGHT.exec(f.created_before);
  if (before) f.created_before = shiftDay(before[1], -1);
  f.cursor = '';
  return f;
}

/** The list's URL that opens a view, at the page size the list shows. */
export function viewUrl(query: string, pageSize = DEFAULT_PAGE_SIZE): string {
  const qs = queryFromFilters({ ...filtersFromViewQuery(query), limit: pageSize });
  return qs ? `/tickets?${qs}` : '/tickets';
}

/** Whether the list shows what a view holds (paging aside). */
export function showsView(f: Filters, query: string): boolean {
  return viewQueryFromFilters(f) === viewQueryFromFilters(filtersFromViewQuery(query));
}

/** The first view (mine before shared) the list shows now; undefined when none. */
export function currentView(views: readonly SavedView[], f: Filters): SavedView | undefined {
  return views.find((v) => v.mine && showsView(f, v.query)) ?? views.find((v) => showsView(f, v.query));
}


