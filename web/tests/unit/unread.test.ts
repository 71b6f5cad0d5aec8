import { describe, expect, it } from 'vitest';
import { badgeText, bellLabel, EMPTY_INBOX, fromList, markRead, receive } from '../../src/lib/unread';
import type { Notification } from '../../src/lib/sse';

const n = (id: number, read = false, at = `2026-12-01T00:00:0${id}Z`): Notification => ({
  id,
  at,
  ticket: `SNAG-${id}`,
  kind: 'rule',
  rule: 'r',
  message: `m${id}`,
  read,
  read_at: read ? at : null,
});

describe('unread count', () => {
  it('takes the server count from a list', () => {
    expect(fromList([n(2), n(1, true)], 1)).toEqual({ items: [n(2), n(1, true)], unread: 1 });
    expect(fromList([], -3).unread).toBe(0);
  });

  it('adds a pushed notification once, newest first', () => {
    let s = fromList([n(1)], 1);
    s = receive(s, n(2));
    expect(s.unread).toBe(2);
    expect(s.items.map((i) => i.id)).toEqual([2, 1]);
    expect(receive(s, n(2))).toBe(s); // the stream repeated it, or the list already had it
    expect(receive(s, n(3, true)).unread).toBe(2); // a read one is listed, not counted
  });

  it('keeps the list at its limit', () => {
    let s = EMPTY_INBOX;
    for (let i = 1; i <= 5; i++) s = receive(s, n(i), 3);
    expect(s.items.map((i) => i.id)).toEqual([5, 4, 3]);
    expect(s.unread).toBe(5);
  });

  it('marks some read, never below zero, and the server count wins', () => {
    const s = fromList([n(3), n(2), n(1, true)], 2);
    const one = markRead(s, [3], 'now');
    expect(one.unread).toBe(1);
    expect(one.items[0]).toEqual({ ...n(3), read: true, read_at: 'now' });
    expect(one.items[1].read).toBe(false);
    expect(markRead(s, [1], 'now').unread).toBe(2); // already read
    expect(markRead(fromList([n(1)], 0), [1]).unread).toBe(0);
    expect(markRead(s, [3], 'now', 7).unread).toBe(7);
  });

  it('marks all read', () => {
    const s = markRead(fromList([n(2), n(1)], 5), undefined, 'now');
    expect(s.unread).toBe(0);
    expect(s.items.every((i) => i.read)).toBe(true);
  });

  it('labels the bell', () => {
    expect(bellLabel(0)).toBe('Notifications, none unread');
    expect(bellLabel(3)).toBe('Notifications, 3 unread');
    expect(badgeText(7)).toBe('7');
    expect(badgeText(150)).toBe('99+');
  });
});
