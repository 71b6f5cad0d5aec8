// The app's one EventSource on GET /api/v1/events (same origin: the session cookie signs it
// in). Screens subscribe; App starts it when someone signs in and stops it at sign-out.
//
// EventSource reconnects by itself after a dropped connection, sending Last-Event-ID, and the
// server replays what was missed. When the server refuses the stream (a 401, a 5xx), the
// browser gives up (readyState CLOSED): then this module reopens it with a backoff, resuming
// with ?after= from the last ticket change it saw.

import { parseStreamMessage, reconnectDelay, STREAM_EVENT_NAMES, streamUrl, type StreamMessage } from './sse';

export type StreamStatus = 'idle' | 'connecting' | 'open' | 'retrying';

export type HubMessage =
  | StreamMessage
  /** Every (re)connection: notifications are not replayed, so listeners read them again. */
  | { kind: 'open'; reconnected: boolean }
  | { kind: 'status'; status: StreamStatus };

export type HubListener = (m: HubMessage) => void;

/** What the hub needs of EventSource, so tests can hand it a fake. */
export interface EventSourceLike {
  readonly readyState: number;
  onopen: ((ev: Event) => unknown) | null;
  onerror: ((ev: Event) => unknown) | null;
  addEventListener(type: string, fn: (ev: MessageEvent) => void): void;
  close(): void;
}

const CLOSED = 2;

export class EventHub {
  private source: EventSourceLike | null = null;
  private listeners = new Set<HubListener>();
  private lastSeq: number | null = null;
  private attempt = 0;
  private opened = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private running = false;
  status: StreamStatus = 'idle';

  constructor(private readonly open: (url: string) => EventSourceLike) {}

  subscribe(fn: HubListener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.connect();
  }

  stop(): void {
    this.running = false;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.source?.close();
    this.source = null;
    this.lastSeq = null;
    this.opened = 0;
    this.attempt = 0;
    this.setStatus('idle');
  }

  private emit(m: HubMessage): void {
    for (const fn of [...this.listeners]) {
      try {
        fn(m);
      } catch (e) {
        console.error('event listener failed', e);
      }
    }
  }

  private setStatus(s: StreamStatus): void {
    if (s === this.status) return;
    this.status = s;
    this.emit({ kind: 'status', status: s });
  }

  private connect(): void {
    this.setStatus('connecting');
    const es = this.open(streamUrl(this.lastSeq));
    this.source = es;
    es.onopen = () => {
      if (this.source !== es) return;
      this.attempt = 0;
      this.opened += 1;
      this.setStatus('open');
      this.emit({ kind: 'open', reconnected: this.opened > 1 });
    };
    es.onerror = () => {
      if (this.source !== es) return;
      if (es.readyState !== CLOSED) {
        // The browser reconnects by itself (with Last-Event-ID).
        this.setStatus('connecting');
        return;
      }
      es.close();
      this.source = null;
      if (!this.running) return;
      this.setStatus('retrying');
      this.retryTimer = setTimeout(() => {
        this.retryTimer = null;
        if (this.running) this.connect();
      }, reconnectDelay(this.attempt++));
    };
    for (const name of STREAM_EVENT_NAMES) {
      es.addEventListener(name, (ev: MessageEvent) => {
        if (this.source !== es) return;
        const m = parseStreamMessage(name, String(ev.data), ev.lastEventId);
        if (!m) return;
        if (m.kind === 'ticket') this.lastSeq = m.event.seq;
        if (m.kind === 'reset') this.lastSeq = m.seq;
        this.emit(m);
      });
    }
  }
}

export const events = new EventHub(
  (url) => new EventSource(url, { withCredentials: false }) as unknown as EventSourceLike,
);
