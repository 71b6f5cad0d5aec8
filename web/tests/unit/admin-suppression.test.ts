import { describe, expect, it } from 'vitest';
import {
  emptyDraft,
  groupWindows,
  localToRfc3339,
  onEndText,
  scopeText,
  toLocalInput,
  windowBody,
  type SuppressionWindow,
} from '../../src/lib/admin/suppression';

function win(id: number, state: SuppressionWindow['state'], starts: string, ends: string): SuppressionWindow {
  return {
    id,
    name: `w${id}`,
    reason: '',
    scope: { kind: 'all', value: null },
    starts_at: starts,
    ends_at: ends,
    on_end: 'fire',
    state,
    created_by: 'alex',
    created_at: starts,
    ended_early_at: null,
    settled_at: null,
  };
}

describe('groupWindows', () => {
  it('sorts each state the way it is read', () => {
    const g = groupWindows([
      win(1, 'ended', '2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z'),
      win(2, 'ended', '2026-01-01T00:00:00Z', '2026-01-05T00:00:00Z'),
      win(3, 'active', '2026-02-01T00:00:00Z', '2026-03-10T00:00:00Z'),
      win(4, 'active', '2026-02-01T00:00:00Z', '2026-03-01T00:00:00Z'),
      win(5, 'scheduled', '2026-05-01T00:00:00Z', '2026-06-01T00:00:00Z'),
      win(6, 'scheduled', '2026-04-01T00:00:00Z', '2026-06-01T00:00:00Z'),
    ]);
    expect(g.active.map((w) => w.id)).toEqual([4, 3]);
    expect(g.scheduled.map((w) => w.id)).toEqual([6, 5]);
    expect(g.ended.map((w) => w.id)).toEqual([2, 1]);
  });

  it('is empty groups for no windows', () => {
    expect(groupWindows([])).toEqual({ active: [], scheduled: [], ended: [] });
  });
});

describe('scopeText', () => {
  it('says each kind of scope', () => {
    expect(scopeText({ kind: 'all', value: null })).toBe('Every ticket');
    expect(scopeText({ kind: 'team', value: 'legal' }, (_k, c) => c.toUpperCase())).toBe('Team LEGAL');
    expect(scopeText({ kind: 'issue_type', value: 'document_missing' })).toBe('Issue type document_missing');
    expect(scopeText({ kind: 'geography', value: 'US' })).toBe('Geography US and its regions');
  });
});

describe('onEndText', () => {
  it('says what happens to held escalations', () => {
    expect(onEndText('fire')).toMatch(/fire once/);
    expect(onEndText('drop')).toMatch(/dropped/);
  });
});

describe('windowBody', () => {
  it('sends the least it can: no reason, no start, scope all without a value', () => {
    expect(windowBody({ ...emptyDraft(), name: ' Freeze ' })).toEqual({
      name: 'Freeze',
      on_end: 'fire',
      scope: { kind: 'all' },
    });
  });

  it('sends a scoped window with its times in UTC', () => {
    const body = windowBody({
      name: 'Maintenance',
      reason: 'Vendor upgrade',
      scopeKind: 'team',
      scopeValue: 'legal',
      startsAt: '2030-01-01T09:00',
      endsAt: '2030-01-01T17:30',
      onEnd: 'drop',
    });
    expect(body).toEqual({
      name: 'Maintenance',
      reason: 'Vendor upgrade',
      on_end: 'drop',
      scope: { kind: 'team', value: 'legal' },
      starts_at: new Date('2030-01-01T09:00').toISOString(),
      ends_at: new Date('2030-01-01T17:30').toISOString(),
    });
  });
});

describe('local times', () => {
  it('turns a local time into RFC 3339 and back', () => {
    const d = new Date(2030, 0, 2, 3, 4);
    expect(toLocalInput(d)).toBe('2030-01-02T03:04');
    expect(localToRfc3339(toLocalInput(d))).toBe(d.toISOString());
  });

  it('passes text that is no time on to the server', () => {
    expect(localToRfc3339('tomorrow')).toBe('tomorrow');
  });
});
