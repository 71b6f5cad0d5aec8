// Times are shown in the user's locale and zone; the full ISO time goes in <time datetime>.

const dateTime = new Intl.DateTimeFormat(undefined, {
  dateStyle: 'medium',
  timeStyle: 'short',
});
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateTime.format(d);
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateOnly.format(d);
}

/** A history value as text: candidates as ats:id, objects as JSON, nothing as an em dash. */
export function formatValue(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'object' && v !== null && 'ats' in v && 'external_id' in v) {
    const c = v as { ats: unknown; external_id: unknown };
    return `${String(c.ats)}:${String(c.external_id)}`;
  }
  if (Array.isArray(v)) return v.length ? v.map(formatValue).join(', ') : '—';
  return JSON.stringify(v);
}

export function candidateText(c: { ats: string; external_id: string } | null): string {
  return c ? `${c.ats}:${c.external_id}` : '';
}

/** A fresh Idempotency-Key; crypto.randomUUID needs a secure context, which localhost is. */
export function newIdempotencyKey(): string {
  if (typeof crypto !== 'undefined' && 'randomUUID' in crypto) return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}
