import { describe, expect, it } from 'vitest';
import { issueTypesFrom, statusRows, typesByWorkflow } from '../../src/lib/admin/taxonomy';
import type { Workflow } from '../../src/lib/types';

const DEFAULT: Workflow = {
  name: 'default',
  statuses: ['new', 'triaged', 'in_progress', 'pending', 'resolved', 'verified', 'closed'],
  initial: 'new',
  done: ['resolved', 'verified', 'closed'],
  paused: ['pending'],
  transitions: [
    { from: 'new', to: 'triaged' },
    { from: 'new', to: 'in_progress' },
    { from: 'triaged', to: 'in_progress' },
    { from: 'in_progress', to: 'pending' },
    { from: 'pending', to: 'in_progress' },
    { from: 'in_progress', to: 'resolved' },
    { from: 'resolved', to: 'verified' },
    { from: 'verified', to: 'closed' },
    { from: 'resolved', to: 'in_progress' },
    { from: 'verified', to: 'in_progress' },
  ],
};

describe('issueTypesFrom', () => {
  it('reads every member the server sends', () => {
    const sent = {
      code: 'document_missing',
      name: 'Document missing',
      category: 'documents',
      deprecated: true,
      replaced_by: 'compliance_hold',
      default_team: 'hris',
      default_severity: 'sev3',
      workflow: 'default',
      sensitivity: 'confidential',
    };
    expect(issueTypesFrom({ items: [sent] })).toEqual([sent]);
  });

  it('fills what is missing and drops items without a code', () => {
    expect(issueTypesFrom({ items: [{ code: 'other' }, { name: 'nameless' }, null] })).toEqual([
      { code: 'other', name: 'other', category: '', deprecated: false, replaced_by: null },
    ]);
  });

  it('refuses an answer without items', () => {
    expect(() => issueTypesFrom({})).toThrow(/issue types/);
    expect(() => issueTypesFrom(null)).toThrow();
  });
});

describe('statusRows', () => {
  it('lists each status with where it leads, in the workflow’s order', () => {
    const rows = statusRows(DEFAULT);
    expect(rows.map((r) => r.status)).toEqual(DEFAULT.statuses);
    expect(rows[0]).toEqual({
      status: 'new',
      initial: true,
      paused: false,
      done: false,
      final: false,
      to: ['triaged', 'in_progress'],
    });
    expect(rows.find((r) => r.status === 'pending')).toMatchObject({ paused: true, to: ['in_progress'] });
    expect(rows.find((r) => r.status === 'resolved')).toMatchObject({ done: true, to: ['verified', 'in_progress'] });
    expect(rows.find((r) => r.status === 'closed')).toMatchObject({ done: true, final: true, to: [] });
  });
});

describe('typesByWorkflow', () => {
  it('groups the types by workflow, default when none is named', () => {
    const m = typesByWorkflow([
      { code: 'a', name: 'A', category: '', deprecated: false, workflow: 'default' },
      { code: 'b', name: 'B', category: '', deprecated: false, workflow: 'legal' },
      { code: 'c', name: 'C', category: '', deprecated: false },
    ]);
    expect(m.get('default')).toEqual(['a', 'c']);
    expect(m.get('legal')).toEqual(['b']);
  });
});
