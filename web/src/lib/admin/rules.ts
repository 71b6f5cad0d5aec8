// The automation rules screen's pure parts: the answers of /api/v1/rules, the server's messages
// about a refused rules document, and where in the text each one points.

import type { Problem } from '../problem';

export interface RuleSummary {
  name: string;
  description: string;
  trigger: string;
  line: number;
}

/** GET /api/v1/rules, GET /api/v1/rules/versions/{n} and the answer of PUT /api/v1/rules. */
export interface RuleSet {
  version: number;
  rule_count: number;
  created_by: string;
  /** null for version 0, the configuration's rules. */
  created_at: string | null;
  yaml: string;
  /** Left out for an old version, which need not fit today's catalog. */
  rules?: RuleSummary[];
}

/** One item of GET /api/v1/rules/versions. */
export interface RuleVersion {
  version: number;
  rule_count: number;
  created_by: string;
  created_at: string | null;
}

export interface RuleVersionList {
  items: RuleVersion[];
  in_force: number;
}

/** POST /api/v1/rules/validate's answer for a valid document. */
export interface RuleCheck {
  valid: true;
  rule_count: number;
  rules: RuleSummary[];
}

/** One thing wrong with a rules document, split into where it is and what it is. */
export interface RuleProblem {
  /** 1-based line of the document, when the server named one. */
  line: number | null;
  rule: string | null;
  message: string;
}

// The server writes "line 5: rule 'typo': unknown issue type 'offer_link_expird'", the rule's
// part only when the mistake is inside a named rule (README "Editing rules through the API").
const LOCATED = /^line (\d+): (?:rule '([^']*)': )?([\s\S]*)$/;

export function ruleProblem(message: string): RuleProblem {
  const m = LOCATED.exec(message.trim());
  if (!m) return { line: null, rule: null, message: message.trim() };
  const line = Number(m[1]);
  return { line: line > 0 ? line : null, rule: m[2] ?? null, message: m[3] };
}

/**
 * What a refused document's problem says, one entry per message. A 422 names `rules` in its
 * errors; anything else (a 413, a 415) has only its detail, which is shown unlocated.
 */
export function ruleProblems(problem: Problem): RuleProblem[] {
  const messages = problem.errors.map((e) => e.message).filter((m) => m !== '');
  if (messages.length === 0) messages.push(problem.detail || problem.title);
  return messages.map(ruleProblem);
}

/** "Line 5, rule typo" — where a problem is, said for people; '' when the server named no place. */
export function ruleProblemPlace(p: RuleProblem): string {
  const parts: string[] = [];
  if (p.line !== null) parts.push(`Line ${p.line}`);
  if (p.rule) parts.push(`rule ${p.rule}`);
  return parts.join(', ');
}

/**
 * The character range of a 1-based line of `text`, to select it in the editor; null when the text
 * has no such line. Lines end at \n (a \r before it belongs to the line).
 */
export function lineRange(text: string, line: number): { start: number; end: number } | null {
  if (!Number.isInteger(line) || line < 1) return null;
  let start = 0;
  for (let n = 1; n < line; n++) {
    const next = text.indexOf('\n', start);
    if (next === -1) return null;
    start = next + 1;
  }
  const newline = text.indexOf('\n', start);
  return { start, end: newline === -1 ? text.length : newline };
}

/**
 * The history as the screen lists it: the stored versions, newest first, then version 0 (the
 * configuration's rules), which the server keeps in the configuration rather than in the list
 * but serves at /api/v1/rules/versions/0 like any other.
 */
export function ruleHistory(list: RuleVersionList): RuleVersion[] {
  const stored = [...list.items].sort((a, b) => b.version - a.version);
  if (stored.some((v) => v.version === 0)) return stored;
  return [...stored, { version: 0, rule_count: NaN, created_by: 'configuration', created_at: null }];
}

/** The If-Match value for a version the screen read (the server's ETag is the version, quoted). */
export function versionTag(version: number): string {
  return `"${version}"`;
}

const TRIGGERS: Record<string, string> = {
  ats_event: 'ATS event',
  ticket_created: 'Ticket created',
  schedule: 'Schedule',
  sla: 'SLA point',
};

export function triggerLabel(trigger: string): string {
  return TRIGGERS[trigger] ?? trigger;
}
