import { describe, expect, it } from 'vitest';
import {
  emptyKeyForm,
  keyIsLive,
  keyState,
  newKeyBody,
  scopesText,
  sortKeys,
  type ApiKey,
} from '../../src/lib/admin/keys';

// A key exactly as GET /api/v1/keys lists it.
const KEY: ApiKey = {
  id: 3,
  name: 'kenji_watanabe',
  role: 'sourcer',
  team: 'recruitment',
  scopes: null,
  owner: null,
  created_at: '2026-12-01T03:26:56.633Z',
  expires_at: null,
  last_used_at: null,
  revoked: false,
  replaced_by: null,
  due_for_rotation: false,
};
const NOW = new Date('2026-12-02T00:00:00Z');

describe('keyState', () => {
  it('is active for a plain key', () => {
    expect(keyState(KEY, NOW)).toBe('active');
    expect(keyIsLive(KEY, NOW)).toBe(true);
  });
  it('says revoked before anything else', () => {
    expect(keyState({ ...KEY, revoked: true, replaced_by: 9, due_for_rotation: true }, NOW)).toBe('revoked');
  });
  it('is expired once the effective expiry has passed, even if rotated', () => {
    const k = { ...KEY, expires_at: '2026-12-01T00:00:00Z', replaced_by: 9 };
    expect(keyState(k, NOW)).toBe('expired');
    expect(keyIsLive(k, NOW)).toBe(false);
  });
  it('is rotated while the predecessor still works for the overlap', () => {
    const k = { ...KEY, expires_at: '2026-12-03T00:00:00Z', replaced_by: 9 };
    expect(keyState(k, NOW)).toBe('rotated');
    expect(keyIsLive(k, NOW)).toBe(true);
  });
  it('is due when the server says so', () => {
    expect(keyState({ ...KEY, due_for_rotation: true }, NOW)).toBe('due');
  });
});

describe('scopesText', () => {
  it('reads null as the whole role', () => {
    expect(scopesText(null)).toBe('All of the role');
    expect(scopesText(['tickets:read', 'tickets:write'])).toBe('tickets:read, tickets:write');
    expect(scopesText([])).toBe('None');
  });
});

describe('newKeyBody', () => {
  it('leaves out what was not filled in, so the server defaults apply', () => {
    expect(newKeyBody({ ...emptyKeyForm(), name: ' ci-bot ', role: 'sourcer ' })).toEqual({
      name: 'ci-bot',
      role: 'sourcer',
    });
  });
  it('sends team, owner, scopes and a whole-number lifetime', () => {
    expect(
      newKeyBody({
        name: 'ci',
        role: 'admin',
        team: 'hris',
        owner: 'alex_morgan',
        scopes: ['tickets:read'],
        expiresInDays: ' 90 ',
      }),
    ).toEqual({ name: 'ci', role: 'admin', team: 'hris', owner: 'alex_morgan', scopes: ['tickets:read'], expires_in_days: 90 });
  });
  it('sends a lifetime that is not a number as typed, for the server to refuse by name', () => {
    expect(newKeyBody({ ...emptyKeyForm(), name: 'x', role: 'y', expiresInDays: 'soon' }).expires_in_days).toBe('soon');
  });
});

describe('sortKeys', () => {
  it('puts working keys first, newest first', () => {
    const keys = [
      { ...KEY, id: 1 },
      { ...KEY, id: 5, revoked: true },
      { ...KEY, id: 3 },
    ];
    expect(sortKeys(keys, NOW).map((k) => k.id)).toEqual([3, 1, 5]);
  });
});
