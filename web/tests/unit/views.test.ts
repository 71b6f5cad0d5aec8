import { describe, expect, it } from 'vitest';
import { emptyFilters, filtersFromQuery } from '../../src/lib/filters';
import type { SavedView } from '../../src/lib/types';
import { currentView, filtersFromViewQuery, showsView, viewQueryFromFilters, viewUrl } from '../../src/lib/views';

function view(id: number, query: string, mine = true): SavedView {
  return { id, name: `v${id}`, query, shared: !mine, owner: mine ? 'me' : 'them', mine, created_at: '', updated_at: '' };
}

describe('viewQueryFromFilters', () => {
  it('keeps the filters without the cursor, in the API form', () => {
    const f = filtersFromQuery('status=new,triaged&q=visa&cursor=abc');
    expect(viewQueryFromFilters(f)).toBe('status=new%2Ctriaged&q=visa');
    expect(viewQueryFromFilters(emptyFilters())).toBe('');
  });

  it('turns whole days into RFC 3339 times, "before" a day including that day', () => {
    const f = filtersFromQuery('created_after=2026-11-01&created_before=2026-11-30');
    const p = new URLSearchParams(viewQueryFromFilters(f));
    expect(p.get('created_after')).toBe('2026-11-01T00:00:00Z');
    expect(p.get('created_before')).toBe('2026-12-01T00:00:00Z');
  });
});

describe('filtersFromViewQuery', () => {
  it('round-trips what viewQueryFromFilters made', () => {
    const f = filtersFromQuery('team=hris&created_after=2026-02-28&created_before=2026-12-31&sort=updated_at');
    const back = filtersFromViewQuery(viewQueryFromFilters(f));
    expect(back).toEqual({ ...f, cursor: '' });
  });

  it('reads a query written by hand or by the server (the role views)', () => {
    const f = filtersFromViewQuery('assignee=me&status=new,triaged&cursor=zzz');
    expect(f.assignee).toEqual(['me']);
    expect(f.status).toEqual(['new', 'triaged']);
    expect(f.cursor).toBe('');
    expect(viewUrl('assignee=me&status=new,triaged')).toBe('/tickets?status=new%2Ctriaged&assignee=me');
    expect(viewUrl('')).toBe('/tickets');
  });

  it('leaves the page size out of a view and opens it at the size shown', () => {
    expect(viewQueryFromFilters(filtersFromQuery('team=hris&limit=50'))).toBe('team=hris');
    expect(viewUrl('team=hris&limit=100')).toBe('/tickets?team=hris');
    expect(viewUrl('team=hris', 50)).toBe('/tickets?team=hris&limit=50');
    expect(showsView(filtersFromQuery('team=hris&limit=50'), 'team=hris')).toBe(true);
  });
});

describe('currentView', () => {
  it('finds the view the list shows, paging aside, mine before shared', () => {
    const views = [view(1, 'status=new', false), view(2, 'team=hris'), view(3, 'status=new')];
    expect(currentView(views, filtersFromQuery('status=new&cursor=x'))?.id).toBe(3);
    expect(currentView(views, filtersFromQuery('team=hris'))?.id).toBe(2);
    expect(currentView(views, filtersFromQuery('team=legal'))).toBeUndefined();
    expect(showsView(filtersFromQuery('status=new,triaged'), 'status=triaged,new')).toBe(false);
  });
});
