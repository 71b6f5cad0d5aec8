// Vocabularies and their labels. Teams and statuses are the server's (GET /api/v1/teams and
// GET /api/v1/workflows, loaded once per session by `vocabulary.svelte.ts`); this module holds
// the pure parts: reading those answers, the union of the workflows' statuses, and labels.
// Severities and sorts are fixed by the API itself.

import type { Team, Transition, Workflow } from './types';

export const SEVERITIES = ['sev1', 'sev2', 'sev3', 'sev4'] as const;

export const SORTS = [
  { value: '-created_at', label: 'Newest first' },
  { value: 'created_at', label: 'Oldest first' },
  { value: '-updated_at', label: 'Recently updated' },
  { value: 'updated_at', label: 'Least recently updated' },
  { value: 'severity', label: 'Severity (most severe first)' },
] as const;

export type Sort = (typeof SORTS)[number]['value'];

const SEVERITY_LABELS: Record<string, string> = {
  sev1: 'Sev 1 (critical)',
  sev2: 'Sev 2 (high)',
  sev3: 'Sev 3 (medium)',
  sev4: 'Sev 4 (low)',
};

/** `in_progress` → `In progress`; unknown codes (custom workflows) get the same treatment. */
export function humanize(code: string): string {
  const s = code.replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function severityLabel(s: string): string {
  return SEVERITY_LABELS[s] ?? humanize(s);
}

/** A team's name from the server's list; a code it does not list is humanized. */
export function teamLabel(code: string, teams: readonly Team[] = []): string {
  return teams.find((t) => t.code === code)?.name || humanize(code);
}

const isString = (v: unknown): v is string => typeof v === 'string' && v !== '';
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter(isString) : []);
const items = (body: unknown): unknown[] => {
  const list = (body as { items?: unknown } | null)?.items;
  if (!Array.isArray(list)) throw new Error('The server answered without a list of items.');
  return list;
};

/** The teams of a GET /api/v1/teams answer, in its order; items without a code are dropped. */
export function teamsFrom(body: unknown): Team[] {
  const seen = new Set<string>();
  const out: Team[] = [];
  for (const i of items(body)) {
    const t = i as Partial<Record<keyof Team, unknown>> | null;
    if (!t || !isString(t.code) || seen.has(t.code)) continue;
    seen.add(t.code);
    out.push({ code: t.code, name: isString(t.name) ? t.name : humanize(t.code) });
  }
  return out;
}

/** The workflows of a GET /api/v1/workflows answer; items without a name are dropped. */
export function workflowsFrom(body: unknown): Workflow[] {
  const out: Workflow[] = [];
  for (const i of items(body)) {
    const w = i as Partial<Record<keyof Workflow, unknown>> | null;
    if (!w || !isString(w.name)) continue;
    const statuses = [...new Set(strings(w.statuses))];
    out.push({
      name: w.name,
      statuses,
      initial: isString(w.initial) ? w.initial : (statuses[0] ?? ''),
      done: strings(w.done),
      paused: strings(w.paused),
      transitions: (Array.isArray(w.transitions) ? w.transitions : [])
        .map((t) => t as Partial<Record<keyof Transition, unknown>> | null)
        .filter((t): t is Transition => !!t && isString(t.from) && isString(t.to))
        .map((t) => ({ from: t.from, to: t.to })),
    });
  }
  return out;
}

/**
 * Every status of every workflow, each once, in display order: the first workflow's order,
 * and a status another workflow adds goes just before that workflow's next status already
 * placed (at the end when none is), but never before its previous one, so each workflow's own
 * order is kept where the workflows agree.
 * [new, triaged, closed] and [new, blocked, closed] give [new, triaged, blocked, closed].
 */
export function unionStatuses(workflows: readonly Pick<Workflow, 'statuses'>[]): string[] {
  const out: string[] = [];
  for (const w of workflows) {
    const own = [...new Set(w.statuses)];
    own.forEach((s, i) => {
      if (out.includes(s)) return;
      const after = i > 0 ? out.indexOf(own[i - 1]) + 1 : 0;
      const next = own.slice(i + 1).find((n) => out.includes(n));
      const before = next === undefined ? out.length : out.indexOf(next);
      out.splice(Math.max(after, before), 0, s);
    });
  }
  return out;
}
