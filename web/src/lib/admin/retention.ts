// The retention screen's pure parts: reading GET /api/v1/retention-rules and saying each rule in
// words. The order is the meaning (the first rule that matches decides), so it is never changed.

export interface RetentionRule {
  /** An issue type's code, or "*" for every type. */
  issue_type: string;
  /** A geography or its prefix (DE covers DE-BY); null: any. */
  geography: string | null;
  /** Kept this many days after the ticket was resolved. */
  days_after_close: number | null;
  /** Kept this many days after the ATS purged the candidate. */
  days_after_purge: number | null;
}

const text = (v: unknown): v is string => typeof v === 'string' && v !== '';
const days = (v: unknown): number | null => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : null);

/** The rules of a GET /api/v1/retention-rules answer, in its order; items without a type are dropped. */
export function retentionRulesFrom(body: unknown): RetentionRule[] {
  const items = (body as { items?: unknown } | null)?.items;
  if (!Array.isArray(items)) throw new Error('The server answered without a list of retention rules.');
  const out: RetentionRule[] = [];
  for (const item of items) {
    const r = item as Record<string, unknown> | null;
    if (!r || !text(r.issue_type)) continue;
    out.push({
      issue_type: r.issue_type,
      geography: text(r.geography) ? r.geography : null,
      days_after_close: days(r.days_after_close),
      days_after_purge: days(r.days_after_purge),
    });
  }
  return out;
}

/** An issue type's code to what the screen calls it. */
export type TypeName = (code: string) => string;

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * Which tickets a rule is about: "background_check_delay tickets", "Tickets of any type whose
 * candidate is in DE …". A "*" rule after others reads "Any other ticket": the earlier rules took
 * theirs first.
 */
export function ruleSubject(rule: RetentionRule, typeName: TypeName = (c) => c, afterOthers = false): string {
  const where = rule.geography ? ` whose candidate is in ${rule.geography} (its subdivisions included)` : '';
  if (rule.issue_type !== '*') return `${typeName(rule.issue_type)} tickets${where}`;
  return `${afterOthers ? 'Any other ticket' : 'Tickets of any type'}${where}`;
}

/** How long a rule keeps its tickets, e.g. "kept 365 days after they are resolved, or …". */
export function ruleKeeps(rule: RetentionRule): string {
  const close = rule.days_after_close;
  const purge = rule.days_after_purge;
  const afterClose = close === null ? '' : `${plural(close, 'day', 'days')} after they are resolved`;
  const afterPurge = purge === null ? '' : `${plural(purge, 'day', 'days')} after the ATS purged the candidate`;
  if (afterClose && afterPurge) return `kept ${afterClose}, or ${afterPurge}, whichever comes first`;
  if (afterClose || afterPurge) return `kept ${afterClose || afterPurge}`;
  // The server refuses such a rule at start; said plainly should one ever arrive.
  return 'kept without a limit';
}

/** Each rule in one sentence, in order: "background_check_delay tickets: kept 365 days after …". */
export function ruleSentences(rules: readonly RetentionRule[], typeName?: TypeName): string[] {
  return rules.map((r, i) => `${ruleSubject(r, typeName, i > 0)}: ${ruleKeeps(r)}.`);
}

/** A limit for a table cell: "365 days" or "—" (no limit of this kind). */
export function daysText(n: number | null): string {
  return n === null ? '—' : plural(n, 'day', 'days');
}
