import { describe, expect, it } from 'vitest';
import { parseStreamMessage, reconnectDelay, STREAM_EVENT_NAMES, streamUrl } from '../../src/lib/sse';

describe('parseStreamMessage', () => {
  it('reads a ticket change', () => {
    const data =
      '{"action":"create","actor":"priya_shah","at":"2026-12-01T01:06:45.333Z","fields":["type","title"],"seq":1304,"ticket":"SNAG-201"}';
    expect(parseStreamMessage('ticket.create', data, '1304')).toEqual({
      kind: 'ticket',
      event: { seq: 1304, ticket: 'SNAG-201', action: 'create', actor: 'priya_shah', at: '2026-12-01T01:06:45.333Z', fields: ['type', 'title'] },
    });
  });

  it('takes the seq from the id and the action from the name when the data lacks them', () => {
    const m = parseStreamMessage('ticket.comment', '{"ticket":"SNAG-1"}', '77');
    expect(m).toEqual({ kind: 'ticket', event: { seq: 77, ticket: 'SNAG-1', action: 'comment', actor: '', at: '', fields: [] } });
  });

  it('reads a notification (it has no id)', () => {
    const data =
      '{"at":"2026-12-01T01:06:53.138Z","id":1,"kind":"rule","message":"SNAG-202: a ticket was opened for you","read":false,"read_at":null,"rule":"e2e","ticket":"SNAG-202"}';
    expect(parseStreamMessage('notification', data, '')).toEqual({
      kind: 'notification',
      notification: {
        id: 1,
        at: '2026-12-01T01:06:53.138Z',
        kind: 'rule',
        message: 'SNAG-202: a ticket was opened for you',
        read: false,
        read_at: null,
        rule: 'e2e',
        ticket: 'SNAG-202',
      },
    });
  });

  it('reads a reset', () => {
    expect(parseStreamMessage('reset', '{"seq":90,"reason":"reload"}', '90')).toEqual({ kind: 'reset', seq: 90, reason: 'reload' });
  });

  it('drops what is not a message', () => {
    expect(parseStreamMessage('ticket.update', 'not json', '1')).toBeNull();
    expect(parseStreamMessage('ticket.update', '[1,2]', '1')).toBeNull();
    expect(parseStreamMessage('ticket.update', '{"seq":1}', '1')).toBeNull(); // no ticket
    expect(parseStreamMessage('ticket.update', '{"ticket":"SNAG-1"}', '')).toEqual(expect.objectContaining({ kind: 'ticket' }));
    expect(parseStreamMessage('ticket.update', '{"ticket":"SNAG-1"}', 'x')).toBeNull(); // no seq
    expect(parseStreamMessage('notification', '{"id":"1","message":"m"}', '')).toBeNull();
    expect(parseStreamMessage('something', '{}', '')).toBeNull();
  });

  it('listens to every ticket action, resets and notifications', () => {
    expect(STREAM_EVENT_NAMES).toContain('ticket.create');
    expect(STREAM_EVENT_NAMES).toContain('ticket.transition');
    expect(STREAM_EVENT_NAMES).toContain('notification');
    expect(STREAM_EVENT_NAMES).toContain('reset');
  });
});

describe('reconnection', () => {
  it('resumes after the last change seen', () => {
    expect(streamUrl(null)).toBe('/api/v1/events');
    expect(streamUrl(42)).toBe('/api/v1/events?after=42');
  });
  it('backs off up to 30 s', () => {
    expect([0, 1, 2, 3, 10].map(reconnectDelay)).toEqual([1000, 2000, 4000, 8000, 30000]);
  });
});
