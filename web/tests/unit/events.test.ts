import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EventHub, type EventSourceLike, type HubMessage } from '../../src/lib/events';
import { debounce } from '../../src/lib/debounce';

class FakeSource implements EventSourceLike {
  readyState = 0;
  onopen: ((ev: Event) => unknown) | null = null;
  onerror: ((ev: Event) => unknown) | null = null;
  closed = false;
  listeners = new Map<string, (ev: MessageEvent) => void>();
  constructor(readonly url: string) {}
  addEventListener(type: string, fn: (ev: MessageEvent) => void) {
    this.listeners.set(type, fn);
  }
  close() {
    this.closed = true;
    this.readyState = 2;
  }
  emit(type: string, data: unknown, id = '') {
    this.listeners.get(type)!(new MessageEvent(type, { data: JSON.stringify(data), lastEventId: id }));
  }
}

describe('EventHub', () => {
  let sources: FakeSource[];
  let hub: EventHub;
  let got: HubMessage[];

  beforeEach(() => {
    vi.useFakeTimers();
    sources = [];
    hub = new EventHub((url) => {
      const s = new FakeSource(url);
      sources.push(s);
      return s;
    });
    got = [];
    hub.subscribe((m) => got.push(m));
  });
  afterEach(() => {
    hub.stop();
    vi.useRealTimers();
  });

  it('opens one stream and passes messages on', () => {
    hub.start();
    hub.start();
    expect(sources).toHaveLength(1);
    sources[0].onopen!(new Event('open'));
    sources[0].emit('ticket.update', { seq: 5, ticket: 'SNAG-1', action: 'update', actor: 'a', at: '', fields: [] }, '5');
    sources[0].emit('notification', { id: 9, message: 'hi', at: '', ticket: null, kind: 'rule', rule: 'r', read: false, read_at: null });
    const kinds = got.map((m) => m.kind);
    expect(kinds).toEqual(['status', 'status', 'open', 'ticket', 'notification']);
    expect(got[2]).toEqual({ kind: 'open', reconnected: false });
    expect(hub.status).toBe('open');
  });

  it('reopens a stream the server refused, after the last change, with a backoff', () => {
    hub.start();
    const first = sources[0];
    first.onopen!(new Event('open'));
    first.emit('ticket.create', { seq: 41, ticket: 'SNAG-2' }, '41');
    first.readyState = 2;
    first.onerror!(new Event('error'));
    expect(hub.status).toBe('retrying');
    vi.advanceTimersByTime(999);
    expect(sources).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sources).toHaveLength(2);
    expect(sources[1].url).toBe('/api/v1/events?after=41');
    sources[1].onopen!(new Event('open'));
    expect(got.at(-1)).toEqual({ kind: 'open', reconnected: true });
  });

  it('leaves a dropped connection to the browser, which reconnects by itself', () => {
    hub.start();
    sources[0].readyState = 0;
    sources[0].onerror!(new Event('error'));
    vi.advanceTimersByTime(60_000);
    expect(sources).toHaveLength(1);
    expect(hub.status).toBe('connecting');
  });

  it('closes on stop and ignores the old stream', () => {
    hub.start();
    const s = sources[0];
    hub.stop();
    expect(s.closed).toBe(true);
    const before = got.length;
    s.emit('ticket.update', { seq: 1, ticket: 'SNAG-1' }, '1');
    expect(got.length).toBe(before);
  });

  it('keeps going when a listener throws', () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    const off = hub.subscribe(() => {
      throw new Error('boom');
    });
    hub.start();
    expect(got.length).toBeGreaterThan(0);
    expect(spy).toHaveBeenCalled();
    off();
    spy.mockRestore();
  });
});

describe('debounce', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('calls once after a burst, and can be cancelled', () => {
    const fn = vi.fn();
    const d = debounce(fn, 1000);
    d();
    vi.advanceTimersByTime(500);
    d();
    vi.advanceTimersByTime(999);
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledTimes(1);
    d();
    expect(d.pending()).toBe(true);
    d.cancel();
    vi.advanceTimersByTime(5000);
    expect(fn).toHaveBeenCalledTimes(1);
  });
});
