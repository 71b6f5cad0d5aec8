import { describe, expect, it } from 'vitest';
import { humanize, teamLabel, teamsFrom, unionStatuses, workflowsFrom } from '../../src/lib/vocab';

const DEFAULT = ['new', 'triaged', 'in_progress', 'pending', 'resolved', 'verified', 'closed'];

describe('unionStatuses', () => {
  it('is one workflow’s statuses as they are', () => {
    expect(unionStatuses([{ statuses: DEFAULT }])).toEqual(DEFAULT);
  });

  it('lists each status once, in the first workflow’s order', () => {
    expect(unionStatuses([{ statuses: DEFAULT }, { statuses: ['new', 'in_progress', 'closed'] }])).toEqual(DEFAULT);
  });

  it('puts a status another workflow adds before that workflow’s next status', () => {
    expect(
      unionStatuses([{ statuses: ['new', 'triaged', 'closed'] }, { statuses: ['new', 'blocked', 'waiting', 'closed'] }]),
    ).toEqual(['new', 'triaged', 'blocked', 'waiting', 'closed']);
    expect(unionStatuses([{ statuses: ['new', 'closed'] }, { statuses: ['intake', 'new'] }])).toEqual([
      'intake',
      'new',
      'closed',
    ]);
  });

  it('appends statuses that come after everything already placed', () => {
    expect(unionStatuses([{ statuses: ['new', 'done'] }, { statuses: ['new', 'done', 'archived'] }])).toEqual([
      'new',
      'done',
      'archived',
    ]);
    expect(unionStatuses([{ statuses: ['a'] }, { statuses: ['x', 'y'] }])).toEqual(['a', 'x', 'y']);
  });

  it('keeps the first order when two workflows disagree, and repeats nothing', () => {
    expect(unionStatuses([{ statuses: ['a', 'b', 'a'] }, { statuses: ['b', 'a'] }])).toEqual(['a', 'b']);
    // x comes after b in its workflow, which also (against the first) puts a after x.
    expect(unionStatuses([{ statuses: ['a', 'b'] }, { statuses: ['b', 'x', 'a'] }])).toEqual(['a', 'b', 'x']);
  });

  it('is empty without workflows', () => {
    expect(unionStatuses([])).toEqual([]);
  });
});

describe('teamLabel', () => {
  const teams = [
    { code: 'hris', name: 'HR information systems' },
    { code: 'it_support', name: 'IT support' },
  ];
  it('is the team’s name from the server', () => {
    expect(teamLabel('hris', teams)).toBe('HR information systems');
    expect(teamLabel('it_support', teams)).toBe('IT support');
  });
  it('humanizes a code the server does not list (or before the list is loaded)', () => {
    expect(teamLabel('legal_ops', teams)).toBe('Legal ops');
    expect(teamLabel('recruitment')).toBe('Recruitment');
  });
  it('humanize leaves status codes readable', () => {
    expect(DEFAULT.map(humanize)).toEqual(['New', 'Triaged', 'In progress', 'Pending', 'Resolved', 'Verified', 'Closed']);
  });
});

describe('teamsFrom', () => {
  it('reads codes and names in the server’s order', () => {
    expect(
      teamsFrom({
        items: [
          { code: 'recruitment', name: 'Recruitment' },
          { code: 'hris', name: 'HR information systems' },
        ],
      }),
    ).toEqual([
      { code: 'recruitment', name: 'Recruitment' },
      { code: 'hris', name: 'HR information systems' },
    ]);
  });
  it('drops items without a code and repeats; a missing name is the humanized code', () => {
    expect(teamsFrom({ items: [{ name: 'No code' }, null, { code: 'legal' }, { code: 'legal', name: 'Again' }] })).toEqual([
      { code: 'legal', name: 'Legal' },
    ]);
  });
  it('refuses an answer without items', () => {
    expect(() => teamsFrom({})).toThrow();
    expect(() => teamsFrom(null)).toThrow();
  });
});

describe('workflowsFrom', () => {
  it('reads a workflow', () => {
    const w = {
      name: 'default',
      statuses: DEFAULT,
      initial: 'new',
      done: ['resolved', 'verified', 'closed'],
      paused: ['pending'],
      transitions: [{ from: 'new', to: 'triaged' }],
    };
    expect(workflowsFrom({ items: [w] })).toEqual([w]);
  });
  it('fills what is missing and drops what is malformed', () => {
    expect(
      workflowsFrom({
        items: [{ statuses: ['x'] }, { name: 'short', statuses: ['a', 7, 'b', 'a'], transitions: [{ from: 'a' }, { from: 'a', to: 'b' }] }],
      }),
    ).toEqual([
      { name: 'short', statuses: ['a', 'b'], initial: 'a', done: [], paused: [], transitions: [{ from: 'a', to: 'b' }] },
    ]);
  });
  it('refuses an answer without items', () => {
    expect(() => workflowsFrom({ items: 'no' })).toThrow();
  });
});
