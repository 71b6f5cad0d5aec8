import { describe, expect, it } from 'vitest';
import {
  editOf,
  emptyUserForm,
  filterUsers,
  newUserBody,
  rolesInUse,
  userChanges,
  type User,
} from '../../src/lib/admin/users';

// A user exactly as GET /api/v1/users lists them.
const PRIYA: User = {
  id: 1,
  username: 'priya_shah',
  display_name: 'Priya Shah',
  role: 'senior_recruiter',
  team: 'recruitment',
  email: 'priya_shah@example.com',
  disabled: false,
  created_at: '2026-12-01T03:26:56.560Z',
};
const ALEX: User = { ...PRIYA, id: 10, username: 'alex_morgan', display_name: 'Alex Morgan', role: 'admin', team: null, email: null };

describe('newUserBody', () => {
  it('trims names, keeps the password as typed, leaves out an empty team and email', () => {
    expect(
      newUserBody({ ...emptyUserForm(), username: ' dana ', display_name: ' Dana ', role: 'sourcer', password: ' pass phrase ' }),
    ).toEqual({ username: 'dana', display_name: 'Dana', role: 'sourcer', password: ' pass phrase ' });
  });
  it('sends team and email when given', () => {
    const body = newUserBody({ ...emptyUserForm(), team: 'hris', email: ' d@example.com ' });
    expect(body.team).toBe('hris');
    expect(body.email).toBe('d@example.com');
  });
});

describe('userChanges', () => {
  it('is empty when nothing was touched', () => {
    expect(userChanges(PRIYA, editOf(PRIYA))).toEqual({});
    expect(userChanges(ALEX, editOf(ALEX))).toEqual({});
  });
  it('sends only what changed', () => {
    expect(userChanges(PRIYA, { ...editOf(PRIYA), role: 'recruiter', team: 'hris' })).toEqual({
      role: 'recruiter',
      team: 'hris',
    });
  });
  it('sends an emptied team or email as null (none)', () => {
    expect(userChanges(PRIYA, { ...editOf(PRIYA), team: '', email: '  ' })).toEqual({ team: null, email: null });
  });
  it('sends a password only when one was typed', () => {
    expect(userChanges(PRIYA, { ...editOf(PRIYA), password: 'a new long password' })).toEqual({
      password: 'a new long password',
    });
  });
});

describe('rolesInUse', () => {
  it('lists each role once, sorted, from every list given', () => {
    expect(rolesInUse([PRIYA, ALEX], [{ role: 'sourcer' }, { role: 'admin' }], [{ role: '' }])).toEqual([
      'admin',
      'senior_recruiter',
      'sourcer',
    ]);
  });
});

describe('filterUsers', () => {
  it('keeps users matching every word, in any field, ignoring case', () => {
    expect(filterUsers([PRIYA, ALEX], 'PRIYA recruit').map((u) => u.id)).toEqual([1]);
    expect(filterUsers([PRIYA, ALEX], 'admin').map((u) => u.id)).toEqual([10]);
    expect(filterUsers([PRIYA, ALEX], '  ')).toHaveLength(2);
    expect(filterUsers([PRIYA, ALEX], 'nobody')).toEqual([]);
  });
});
