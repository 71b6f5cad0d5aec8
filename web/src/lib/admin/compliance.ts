// The compliance screens' pure parts: legal holds and erasure requests as the API answers them,
// the bodies of their forms, and what each says in words.

import { parseCandidate } from '../filters';

export interface CandidateRef {
  ats: string;
  external_id: string;
}

/** GET /api/v1/legal-holds's items: a hold covers a candidate or one ticket. */
export interface LegalHold {
  id: number;
  candidate: CandidateRef | null;
  ticket: string | null;
  reason: string;
  placed_by: string;
  placed_at: string;
  released_at: string | null;
  released_by: string | null;
  active: boolean;
}

export interface ErasureReport {
  candidate_profile: boolean;
  tickets: string[];
  comments: number;
  journal_entries: number;
  notifications: number;
  deliveries: number;
  /** Incidents and change records whose text named the candidate: only those words went. */
  incidents: number;
  changes: number;
}

/** GET /api/v1/erasure-requests's items. */
export interface ErasureRequest {
  id: number;
  status: 'pending' | 'held' | 'completed';
  candidate: CandidateRef;
  /** "api", or "ats:<connector>" when the ATS asked. */
  source: string;
  requested_by: string;
  requested_at: string;
  held_by: number[];
  completed_at: string | null;
  erased: ErasureReport | null;
}

/** What a form sends, or the message to show beside the field that is wrong. */
export type Built =
  | { ok: true; body: Record<string, unknown> }
  | { ok: false; field: string; message: string };

const CANDIDATE_HINT = 'Write the candidate as ats:id, for example greenhouse:12345';

/**
 * A candidate written as ats:id; empty text is left to the server, which says it is required.
 * Only the shape is checked here: the server checks the rest.
 */
function candidateOf(text: string): CandidateRef | null | 'malformed' {
  if (!text.trim()) return null;
  return parseCandidate(text) ?? 'malformed';
}

export interface HoldDraft {
  target: 'candidate' | 'ticket';
  candidate: string;
  ticket: string;
  reason: string;
}

/** POST /api/v1/legal-holds's body: the candidate or the ticket the form chose, and the reason. */
export function holdBody(draft: HoldDraft): Built {
  const body: Record<string, unknown> = { reason: draft.reason.trim() };
  if (draft.target === 'ticket') {
    const key = draft.ticket.trim().toUpperCase();
    if (!key) return { ok: false, field: 'ticket', message: 'Name the ticket, for example SNAG-42' };
    return { ok: true, body: { ...body, ticket: key } };
  }
  const candidate = candidateOf(draft.candidate);
  if (candidate === 'malformed') return { ok: false, field: 'candidate', message: CANDIDATE_HINT };
  if (candidate === null) return { ok: false, field: 'candidate', message: 'Name the candidate as ats:id' };
  body.candidate = candidate;
  return { ok: true, body };
}

/** POST /api/v1/erasure-requests's body. */
export function erasureBody(candidateText: string): Built {
  const candidate = candidateOf(candidateText);
  if (candidate === 'malformed') return { ok: false, field: 'candidate', message: CANDIDATE_HINT };
  if (candidate === null) return { ok: false, field: 'candidate', message: 'Name the candidate as ats:id' };
  return { ok: true, body: { candidate } };
}

export function candidateRefText(c: CandidateRef): string {
  return `${c.ats}:${c.external_id}`;
}

/** What a hold keeps: "Candidate greenhouse:4001" or "Ticket SNAG-42". */
export function holdTarget(hold: Pick<LegalHold, 'candidate' | 'ticket'>): string {
  if (hold.ticket) return `Ticket ${hold.ticket}`;
  if (hold.candidate) return `Candidate ${candidateRefText(hold.candidate)}`;
  return 'Nothing named';
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Where a request stands, in a sentence, with the completion report when it has one. */
export function erasureOutcome(r: ErasureRequest): string {
  if (r.status === 'pending') return 'Waiting to be carried out (within a few seconds).';
  if (r.status === 'held') {
    const holds = r.held_by.map((id) => `#${id}`).join(', ');
    return r.held_by.length
      ? `Waiting for ${r.held_by.length === 1 ? 'legal hold' : 'legal holds'} ${holds} to be released.`
      : 'Waiting for a legal hold to be released.';
  }
  const e = r.erased;
  if (!e) return 'Completed.';
  const nothing =
    !e.candidate_profile &&
    e.tickets.length + e.comments + e.journal_entries + e.notifications + e.deliveries + e.incidents + e.changes === 0;
  if (nothing) return 'Completed: Snag held nothing about this candidate.';
  const parts = [
    count(e.tickets.length, 'ticket', 'tickets') + (e.tickets.length ? ` (${e.tickets.join(', ')})` : ''),
    count(e.comments, 'comment', 'comments'),
    count(e.journal_entries, 'journal entry', 'journal entries'),
    count(e.notifications, 'notification', 'notifications'),
    count(e.deliveries, 'inbox delivery', 'inbox deliveries'),
  ];
  // Named only when found, as they are searched for mentions rather than held about the candidate.
  if (e.incidents) parts.push(count(e.incidents, 'incident', 'incidents'));
  if (e.changes) parts.push(count(e.changes, 'change record', 'change records'));
  return `Completed: redacted ${parts.join(', ')}${e.candidate_profile ? '; the profile’s name, email and fields removed' : ''}.`;
}

export const ERASURE_STATUS_LABELS: Record<ErasureRequest['status'], string> = {
  pending: 'Pending',
  held: 'Held',
  completed: 'Completed',
};
