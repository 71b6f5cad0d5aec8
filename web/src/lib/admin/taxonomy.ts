// The taxonomy screen's pure parts: reading GET /api/v1/issue-types, and a workflow's
// transitions as one row per status.

import type { IssueType, Workflow } from '../types';

/** An issue type with everything the catalog says of it; `sensitivity` only if the server sends it. */
export interface CatalogIssueType extends IssueType {
  sensitivity?: string;
}

const text = (v: unknown): v is string => typeof v === 'string' && v !== '';

/** The issue types of a GET /api/v1/issue-types answer, in its order; items without a code are dropped. */
export function issueTypesFrom(body: unknown): CatalogIssueType[] {
  const list = (body as { items?: unknown } | null)?.items;
  if (!Array.isArray(list)) throw new Error('The server answered without a list of issue types.');
  const out: CatalogIssueType[] = [];
  for (const item of list) {
    const t = item as Record<string, unknown> | null;
    if (!t || !text(t.code)) continue;
    const type: CatalogIssueType = {
      code: t.code,
      name: text(t.name) ? t.name : t.code,
      category: text(t.category) ? t.category : '',
      deprecated: t.deprecated === true,
      replaced_by: text(t.replaced_by) ? t.replaced_by : null,
    };
    if (text(t.default_team)) type.default_team = t.default_team;
    if (text(t.default_severity)) type.default_severity = t.default_severity as IssueType['default_severity'];
    if (text(t.workflow)) type.workflow = t.workflow;
    if (text(t.sensitivity)) type.sensitivity = t.sensitivity;
    out.push(type);
  }
  return out;
}

/** One status of a workflow and where a ticket may go from it. */
export interface StatusRow {
  status: string;
  initial: boolean;
  /** The SLA clock waits (on the candidate or a vendor). */
  paused: boolean;
  /** The SLA clock stops: the problem is dealt with. */
  done: boolean;
  /** No transition leaves it. */
  final: boolean;
  to: string[];
}

/** A workflow's statuses in its order, each with the statuses its transitions lead to. */
export function statusRows(workflow: Workflow): StatusRow[] {
  return workflow.statuses.map((status) => {
    const to = workflow.transitions.filter((t) => t.from === status).map((t) => t.to);
    return {
      status,
      initial: status === workflow.initial,
      paused: workflow.paused.includes(status),
      done: workflow.done.includes(status),
      final: to.length === 0,
      to,
    };
  });
}

/** The codes of the issue types that use each workflow, by workflow name. */
export function typesByWorkflow(types: readonly CatalogIssueType[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const t of types) {
    const name = t.workflow ?? 'default';
    out.set(name, [...(out.get(name) ?? []), t.code]);
  }
  return out;
}
