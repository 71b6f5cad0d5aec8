// The messages of GET /api/v1/events (the EventStream schema in /openapi.json), parsed from what
// EventSource hands over: the event's name, its data and its id. Pure, so it is unit-tested.

export interface TicketEvent {
  seq: number;
  ticket: string;
  action: string;
  actor: string;
  at: string;
  fields: string[];
}

export interface Notification {
  id: number;
  at: string;
  ticket: string | null;
  kind: string;
  rule: string;
  message: string;
  read: boolean;
  read_at: string | null;
}

export type StreamMessage =
  | { kind: 'ticket'; event: TicketEvent }
  | { kind: 'reset'; seq: number; reason: string }
  | { kind: 'notification'; notification: Notification };

/**
 * The ticket actions the server journals. EventSource cannot listen to "ticket.*", only to
 * named events, so the stream's client names each one (an action not listed here is missed).
 */
export const TICKET_ACTIONS = [
  'create',
  'update',
  'transition',
  'comment',
  'escalate',
  'sla_breach',
  'escalation_suppressed',
  'merge',
  'link',
  'erase',
] as const;

export const STREAM_EVENT_NAMES = [...TICKET_ACTIONS.map((a) => `ticket.${a}`), 'reset', 'notification'];

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function parseNotification(d: Record<string, unknown>): Notification | null {
  if (typeof d.id !== 'number' || typeof d.message !== 'string') return null;
  return {
    id: d.id,
    at: typeof d.at === 'string' ? d.at : '',
    ticket: typeof d.ticket === 'string' ? d.ticket : null,
    kind: typeof d.kind === 'string' ? d.kind : 'rule',
    rule: typeof d.rule === 'string' ? d.rule : '',
    message: d.message,
    read: d.read === true,
    read_at: typeof d.read_at === 'string' ? d.read_at : null,
  };
}

/** One message, or null for what is not one (bad JSON, an unknown event, a missing field). */
export function parseStreamMessage(type: string, data: string, lastEventId = ''): StreamMessage | null {
  let d: unknown;
  try {
    d = JSON.parse(data);
  } catch {
    return null;
  }
  if (!isObject(d)) return null;
  if (type === 'notification') {
    const n = parseNotification(d);
    return n && { kind: 'notification', notification: n };
  }
  if (type === 'reset') {
    const seq = typeof d.seq === 'number' ? d.seq : Number(lastEventId);
    if (!Number.isFinite(seq)) return null;
    return { kind: 'reset', seq, reason: typeof d.reason === 'string' ? d.reason : '' };
  }
  if (type.startsWith('ticket.')) {
    const seq = typeof d.seq === 'number' ? d.seq : Number(lastEventId);
    if (!Number.isFinite(seq) || typeof d.ticket !== 'string') return null;
    return {
      kind: 'ticket',
      event: {
        seq,
        ticket: d.ticket,
        action: typeof d.action === 'string' ? d.action : type.slice('ticket.'.length),
        actor: typeof d.actor === 'string' ? d.actor : '',
        at: typeof d.at === 'string' ? d.at : '',
        fields: Array.isArray(d.fields) ? d.fields.filter((f): f is string => typeof f === 'string') : [],
      },
    };
  }
  return null;
}

/** The URL to (re)open the stream at: after the last ticket change seen, if any. */
export function streamUrl(lastSeq: number | null): string {
  return lastSeq === null ? '/api/v1/events' : `/api/v1/events?after=${lastSeq}`;
}

/** Delay before reopening a stream the server closed: 1 s, 2 s, 4 s … at most 30 s. */
export function reconnectDelay(attempt: number): number {
  return Math.min(30_000, 1000 * 2 ** Math.max(0, attempt));
}
