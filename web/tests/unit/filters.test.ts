import { describe, expect, it } from 'vitest';
import {
  apiQueryFromFilters,
  emptyFilters,
  filtersFromQuery,
  isFiltered,
  parseCandidate,
  queryFromFilters,
  splitList,
} from '../../src/lib/filters';

describe('splitList', () => {
  it('splits, trims and drops blanks and repeats, keeping order', () => {
    expect(splitList(' new, triaged,,new ,')).toEqual(['new', 'triaged']);
    expect(splitList('')).toEqual([]);
    expect(splitList(null)).toEqual([]);
  });
});

describe('filtersFromQuery', () => {
  it('reads every API filter, comma lists included', () => {
    const f = filtersFromQuery(
      '?status=new,triaged&severity=sev1&type=document_missing&team=hris,legal' +
        '&assignee=priya_shah&candidate=greenhouse:1,lever:2&q=passport%20copy' +
        '&created_after=2026-11-01&created_before=2026-11-30&sort=severity&cursor=abc',
    );
    expect(f).toEqual({
      status: ['new', 'triaged'],
      severity: ['sev1'],
      type: ['document_missing'],
      team: ['hris', 'legal'],
      assignee: ['priya_shah'],
      candidate: ['greenhouse:1', 'lever:2'],
      q: 'passport copy',
      created_after: '2026-11-01',
      created_before: '2026-11-30',
      sort: 'severity',
      cursor: 'abc',
      limit: 25,
    });
  });

  it('reads a page size the list offers, else the default', () => {
    expect(filtersFromQuery('limit=50').limit).toBe(50);
    expect(filtersFromQuery('limit=200').limit).toBe(25);
    expect(filtersFromQuery('limit=abc').limit).toBe(25);
  });

  it('falls back to the default sort for an unknown one', () => {
    expect(filtersFromQuery('sort=bogus').sort).toBe('-created_at');
  });

  it('gives empty filters for an empty query', () => {
    expect(filtersFromQuery('')).toEqual(emptyFilters());
  });
});

describe('queryFromFilters', () => {
  it('writes only what differs from the defaults', () => {
    expect(queryFromFilters(emptyFilters())).toBe('');
    expect(queryFromFilters({ ...emptyFilters(), sort: '-created_at' })).toBe('');
  });

  it('round-trips through filtersFromQuery', () => {
    const f = {
      ...emptyFilters(),
      status: ['new', 'in_progress'],
      severity: ['sev1', 'sev2'],
      candidate: ['greenhouse:123'],
      q: 'i-9 form',
      created_after: '2026-01-02',
      sort: 'updated_at' as const,
      cursor: 'djF8',
      limit: 50,
    };
    const qs = queryFromFilters(f);
    expect(qs).toBe(
      'status=new%2Cin_progress&severity=sev1%2Csev2&candidate=greenhouse%3A123&q=i-9+form' +
        '&created_after=2026-01-02&sort=updated_at&limit=50&cursor=djF8',
    );
    expect(filtersFromQuery(qs)).toEqual(f);
  });
});

describe('apiQueryFromFilters', () => {
  it('sends the page size chosen', () => {
    expect(apiQueryFromFilters({ ...emptyFilters(), limit: 100 }).get('limit')).toBe('100');
  });

  it('always sends sort and limit and turns days into RFC 3339 times', () => {
    const p = apiQueryFromFilters(
      { ...emptyFilters(), created_after: '2026-11-01', created_before: '2026-11-30' },
    );
    expect(p.get('sort')).toBe('-created_at');
    expect(p.get('limit')).toBe('25');
    expect(p.get('created_after')).toBe('2026-11-01T00:00:00Z');
    // "to 30 Nov" includes that day.
    expect(p.get('created_before')).toBe('2026-12-01T00:00:00Z');
  });

  it('rolls over month and year ends', () => {
    const p = apiQueryFromFilters({ ...emptyFilters(), created_before: '2026-12-31' });
    expect(p.get('created_before')).toBe('2027-01-01T00:00:00Z');
  });

  it('passes full date-times through untouched', () => {
    const p = apiQueryFromFilters({ ...emptyFilters(), created_after: '2026-11-01T08:00:00Z' });
    expect(p.get('created_after')).toBe('2026-11-01T08:00:00Z');
  });

  it('sends comma lists as one parameter', () => {
    const p = apiQueryFromFilters({ ...emptyFilters(), status: ['new', 'triaged'] });
    expect(p.getAll('status')).toEqual(['new,triaged']);
  });
});

describe('isFiltered', () => {
  it('ignores sort and paging', () => {
    expect(isFiltered({ ...emptyFilters(), sort: 'severity', cursor: 'x' })).toBe(false);
    expect(isFiltered({ ...emptyFilters(), q: 'x' })).toBe(true);
    expect(isFiltered({ ...emptyFilters(), team: ['hris'] })).toBe(true);
  });
});

describe('parseCandidate', () => {
  it('splits at the first colon', () => {
    expect(parseCandidate(' greenhouse:123 ')).toEqual({ ats: 'greenhouse', external_id: '123' });
    expect(parseCandidate('lever:a:b')).toEqual({ ats: 'lever', external_id: 'a:b' });
  });
  it('refuses what is not ats:id', () => {
    expect(parseCandidate('123')).toBeNull();
    expect(parseCandidate(':123')).toBeNull();
    expect(parseCandidate('greenhouse:')).toBeNull();
  });
});
