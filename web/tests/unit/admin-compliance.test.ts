import { describe, expect, it } from 'vitest';
import {
  erasureBody,
  erasureOutcome,
  holdBody,
  holdTarget,
  type ErasureRequest,
} from '../../src/lib/admin/compliance';

describe('holdBody', () => {
  it('holds a candidate named as ats:id', () => {
    expect(holdBody({ target: 'candidate', candidate: ' greenhouse:4001 ', ticket: 'SNAG-1', reason: ' Litigation ' })).toEqual({
      ok: true,
      body: { reason: 'Litigation', candidate: { ats: 'greenhouse', external_id: '4001' } },
    });
  });

  it('holds a ticket, its key in capitals', () => {
    expect(holdBody({ target: 'ticket', candidate: 'x', ticket: ' snag-42 ', reason: 'Audit' })).toEqual({
      ok: true,
      body: { reason: 'Audit', ticket: 'SNAG-42' },
    });
  });

  it('says what is missing or malformed beside its field', () => {
    expect(holdBody({ target: 'candidate', candidate: 'greenhouse', ticket: '', reason: 'x' })).toMatchObject({
      ok: false,
      field: 'candidate',
    });
    expect(holdBody({ target: 'candidate', candidate: '  ', ticket: '', reason: 'x' })).toMatchObject({
      ok: false,
      field: 'candidate',
    });
    expect(holdBody({ target: 'ticket', candidate: '', ticket: '', reason: 'x' })).toMatchObject({ ok: false, field: 'ticket' });
  });

  it('leaves an empty reason to the server, which says why it is needed', () => {
    expect(holdBody({ target: 'ticket', candidate: '', ticket: 'SNAG-1', reason: '' })).toEqual({
      ok: true,
      body: { reason: '', ticket: 'SNAG-1' },
    });
  });
});

describe('erasureBody', () => {
  it('names the candidate', () => {
    expect(erasureBody('lever:abc-1')).toEqual({ ok: true, body: { candidate: { ats: 'lever', external_id: 'abc-1' } } });
    expect(erasureBody('abc')).toMatchObject({ ok: false, field: 'candidate' });
    expect(erasureBody('')).toMatchObject({ ok: false, field: 'candidate' });
  });
});

describe('holdTarget', () => {
  it('says what a hold keeps', () => {
    expect(holdTarget({ ticket: 'SNAG-42', candidate: null })).toBe('Ticket SNAG-42');
    expect(holdTarget({ ticket: null, candidate: { ats: 'greenhouse', external_id: '4001' } })).toBe(
      'Candidate greenhouse:4001',
    );
  });
});

describe('erasureOutcome', () => {
  const base: ErasureRequest = {
    id: 1,
    status: 'pending',
    candidate: { ats: 'greenhouse', external_id: '4001' },
    source: 'api',
    requested_by: 'grace_kim',
    requested_at: '2026-01-01T00:00:00Z',
    held_by: [],
    completed_at: null,
    erased: null,
  };

  it('says a pending request is on its way', () => {
    expect(erasureOutcome(base)).toMatch(/Waiting to be carried out/);
  });

  it('names the holds a request waits for', () => {
    expect(erasureOutcome({ ...base, status: 'held', held_by: [3] })).toBe('Waiting for legal hold #3 to be released.');
    expect(erasureOutcome({ ...base, status: 'held', held_by: [3, 5] })).toBe(
      'Waiting for legal holds #3, #5 to be released.',
    );
  });

  it('says when there was nothing to erase', () => {
    const erased = {
      candidate_profile: false,
      tickets: [],
      comments: 0,
      journal_entries: 0,
      notifications: 0,
      deliveries: 0,
      incidents: 0,
      changes: 0,
    };
    expect(erasureOutcome({ ...base, status: 'completed', erased })).toBe(
      'Completed: Snag held nothing about this candidate.',
    );
  });

  it('counts what was redacted', () => {
    const erased = {
      candidate_profile: true,
      tickets: ['SNAG-1', 'SNAG-2'],
      comments: 1,
      journal_entries: 6,
      notifications: 0,
      deliveries: 2,
      incidents: 0,
      changes: 0,
    };
    expect(erasureOutcome({ ...base, status: 'completed', erased })).toBe(
      'Completed: redacted 2 tickets (SNAG-1, SNAG-2), 1 comment, 6 journal entries, 0 notifications, 2 inbox deliveries; the profile’s name, email and fields removed.',
    );
    expect(erasureOutcome({ ...base, status: 'completed', erased: { ...erased, incidents: 1, changes: 2 } })).toBe(
      'Completed: redacted 2 tickets (SNAG-1, SNAG-2), 1 comment, 6 journal entries, 0 notifications, 2 inbox deliveries, 1 incident, 2 change records; the profile’s name, email and fields removed.',
    );
  });
});
