// The suppression windows screen's pure parts: grouping windows by state, saying their scope,
// and the request body of the form.

export type WindowState = 'active' | 'scheduled' | 'ended';
export type ScopeKind = 'all' | 'team' | 'issue_type' | 'geography';
export type OnEnd = 'fire' | 'drop';

/** A window as GET /api/v1/suppression-windows lists it. */
export interface SuppressionWindow {
  id: number;
  name: string;
  reason: string;
  scope: { kind: ScopeKind; value: string | null };
  starts_at: string;
  ends_at: string;
  on_end: OnEnd;
  state: WindowState;
  created_by: string;
  created_at: string;
  ended_early_at: string | null;
  settled_at: string | null;
}

export interface GroupedWindows {
  active: SuppressionWindow[];
  scheduled: SuppressionWindow[];
  ended: SuppressionWindow[];
}

const time = (iso: string) => Date.parse(iso) || 0;

/**
 * The windows by state as the server said it: the active ones ending soonest first, the
 * scheduled ones starting soonest first, the ended ones most recently ended first.
 */
export function groupWindows(windows: readonly SuppressionWindow[]): GroupedWindows {
  const by = (state: WindowState) => windows.filter((w) => w.state === state);
  return {
    active: by('active').sort((a, b) => time(a.ends_at) - time(b.ends_at)),
    scheduled: by('scheduled').sort((a, b) => time(a.starts_at) - time(b.starts_at)),
    ended: by('ended').sort((a, b) => time(b.ends_at) - time(a.ends_at)),
  };
}

export const SCOPE_KINDS: readonly { value: ScopeKind; label: string }[] = [
  { value: 'all', label: 'Every ticket' },
  { value: 'team', label: 'One team' },
  { value: 'issue_type', label: 'One issue type' },
  { value: 'geography', label: 'One geography' },
];

/** What a window covers, in words; `name` turns a team's or type's code into its name. */
export function scopeText(
  scope: SuppressionWindow['scope'],
  name: (kind: ScopeKind, code: string) => string = (_k, code) => code,
): string {
  const value = scope.value ?? '';
  switch (scope.kind) {
    case 'all':
      return 'Every ticket';
    case 'team':
      return `Team ${name('team', value)}`;
    case 'issue_type':
      return `Issue type ${name('issue_type', value)}`;
    case 'geography':
      // A geography scope is a prefix: US covers US-CA (README "Suppression windows").
      return `Geography ${value} and its regions`;
    default:
      return value ? `${String(scope.kind)} ${value}` : String(scope.kind);
  }
}

export function onEndText(onEnd: OnEnd): string {
  return onEnd === 'fire'
    ? 'Held escalations fire once when it ends'
    : 'Held escalations are dropped when it ends';
}

/** The form as typed: times as a datetime-local control gives them (local time, no zone). */
export interface WindowDraft {
  name: string;
  reason: string;
  scopeKind: ScopeKind;
  scopeValue: string;
  startsAt: string;
  endsAt: string;
  onEnd: OnEnd;
}

export function emptyDraft(): WindowDraft {
  return { name: '', reason: '', scopeKind: 'all', scopeValue: '', startsAt: '', endsAt: '', onEnd: 'fire' };
}

/**
 * A local "2026-12-24T09:00" as RFC 3339 in UTC. Text that is no time is sent as it is, so the
 * server's message about it appears beside the field.
 */
export function localToRfc3339(local: string): string {
  const d = new Date(local);
  return Number.isNaN(d.getTime()) ? local : d.toISOString();
}

/** A Date as a datetime-local control's value (local time, to the minute). */
export function toLocalInput(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/**
 * POST /api/v1/suppression-windows's body. Empty optional fields are left out (no start means
 * now); a missing end is left out too, so that the server says it is required.
 */
export function windowBody(draft: WindowDraft): Record<string, unknown> {
  const body: Record<string, unknown> = { name: draft.name.trim(), on_end: draft.onEnd };
  if (draft.reason.trim()) body.reason = draft.reason.trim();
  body.scope =
    draft.scopeKind === 'all' ? { kind: 'all' } : { kind: draft.scopeKind, value: draft.scopeValue.trim() };
  if (draft.startsAt) body.starts_at = localToRfc3339(draft.startsAt);
  if (draft.endsAt) body.ends_at = localToRfc3339(draft.endsAt);
  return body;
}
