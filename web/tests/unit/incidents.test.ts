import { describe, expect, it } from 'vitest';
import {
  categoriesOf,
  collapseIndexedErrors,
  controlId,
  draftFrom,
  factorLines,
  fieldLabel,
  formatDelay,
  formatMinutes,
  fromLocalInput,
  incidentFiltersFrom,
  incidentListQuery,
  incidentPath,
  incidentSearch,
  mayMarkItem,
  postmortemBody,
  postmortemControls,
  recipientLabel,
  statusMoves,
  ticketKeysFrom,
  toLocalInput,
  type Postmortem,
} from '../../src/lib/incidents';
import { fieldErrors, parseProblem } from '../../src/lib/problem';

describe('incident list filters', () => {
  it('reads status and cursor from the URL', () => {
    expect(incidentFiltersFrom('?status=resolved&cursor=12')).toEqual({ status: 'resolved', cursor: '12' });
    expect(incidentFiltersFrom('')).toEqual({ status: '', cursor: '' });
  });

  it('ignores a status the API does not know', () => {
    expect(incidentFiltersFrom('?status=pending').status).toBe('');
  });

  it('writes the page query and the API query', () => {
    expect(incidentSearch({ status: 'open', cursor: '' })).toBe('status=open');
    expect(incidentSearch({ status: '', cursor: '' })).toBe('');
    expect(incidentListQuery({ status: 'closed', cursor: '7' }, 25)).toEqual({ limit: '25', status: 'closed', cursor: '7' });
    expect(incidentListQuery({ status: '', cursor: '' }, 25)).toEqual({ limit: '25' });
  });

  it('encodes the id in API paths', () => {
    expect(incidentPath(4)).toBe('/api/v1/incidents/4');
    expect(incidentPath('4', '/tickets/SNAG-1')).toBe('/api/v1/incidents/4/tickets/SNAG-1');
    expect(incidentPath('a/b')).toBe('/api/v1/incidents/a%2Fb');
  });
});

describe('statusMoves', () => {
  it('follows open → resolved → closed, with reopening', () => {
    expect(statusMoves('open').map((m) => m.to)).toEqual(['resolved']);
    expect(statusMoves('resolved').map((m) => m.to)).toEqual(['closed', 'open']);
    expect(statusMoves('closed')).toEqual([]);
  });
});

describe('declaring', () => {
  it('lists each category once, in the types’ order', () => {
    expect(categoriesOf([{ category: 'offers' }, { category: 'integration' }, { category: 'offers' }, { category: '' }])).toEqual([
      'offers',
      'integration',
    ]);
  });

  it('reads ticket keys however they are separated', () => {
    expect(ticketKeysFrom(' snag-4, SNAG-7  snag-4;SNAG-9\n')).toEqual(['SNAG-4', 'SNAG-7', 'SNAG-9']);
    expect(ticketKeysFrom('   ')).toEqual([]);
  });

  it('puts errors about list members on the list’s control, naming the member', () => {
    const problem = parseProblem(422, {
      status: 422,
      title: 'Invalid fields',
      errors: [
        { field: 'tickets[1]', message: 'must be a ticket key such as SNAG-42' },
        { field: 'title', message: 'is required' },
        { field: 'other[0]', message: 'left alone' },
      ],
    });
    const collapsed = collapseIndexedErrors(problem, { tickets: ['SNAG-1', 'NOPE'] });
    const errs = fieldErrors(collapsed, ['tickets', 'title']);
    expect(errs.byField.tickets).toEqual(['NOPE: must be a ticket key such as SNAG-42']);
    expect(errs.byField.title).toEqual(['is required']);
    expect(errs.unplaced.map((e) => e.field)).toEqual(['other[0]']);
    expect(collapseIndexedErrors(null, {})).toBeNull();
  });

  it('says API field names in words', () => {
    expect(fieldLabel('postmortem.root_cause')).toBe('Post-mortem root cause');
    expect(fieldLabel('postmortem.timeline')).toBe('Post-mortem timeline');
    expect(fieldLabel('action_items[0].owner')).toBe('Action items 1 owner');
  });
});

describe('datetime-local values', () => {
  it('round-trips a time through the input', () => {
    const local = toLocalInput('2026-12-01T09:30:00Z');
    expect(local).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
    expect(fromLocalInput(local)).toBe('2026-12-01T09:30:00Z');
  });

  it('means the browser’s own zone', () => {
    const expected = new Date(2026, 11, 1, 9, 5).toISOString().replace('.000Z', 'Z');
    expect(fromLocalInput('2026-12-01T09:05')).toBe(expected);
  });

  it('refuses what is not a time', () => {
    expect(fromLocalInput('')).toBeNull();
    expect(fromLocalInput('tomorrow')).toBeNull();
    expect(fromLocalInput('2026-13-45T99:99')).toBeNull();
    expect(toLocalInput(null)).toBe('');
    expect(toLocalInput('garbage')).toBe('');
  });
});

describe('words for numbers', () => {
  it('formats candidate delay', () => {
    expect(formatDelay(0)).toBe('0 h');
    expect(formatDelay(0.75)).toBe('45 min');
    expect(formatDelay(5.55)).toBe('5.6 h');
    expect(formatDelay(72)).toBe('3 days');
  });

  it('formats protocol minutes', () => {
    expect(formatMinutes(15)).toBe('15 min');
    expect(formatMinutes(120)).toBe('2 h');
    expect(formatMinutes(2880)).toBe('2 days');
    expect(formatMinutes(1530)).toBe('1 day 1 h 30 min');
  });

  it('names protocol recipients', () => {
    expect(recipientLabel('commander')).toBe('the commander');
    expect(recipientLabel('role:hrbp')).toBe('every hrbp');
    expect(recipientLabel('user:nina')).toBe('nina');
  });
});

describe('the post-mortem form', () => {
  const written: Postmortem = {
    timeline: [{ at: '2026-12-01T09:00:00Z', event: 'Sync started failing' }],
    impact: '40 offers delayed',
    root_cause: 'A renamed field',
    contributing_factors: ['No alert', 'Friday deploy'],
    action_items: [{ number: 1, title: 'Add an alert', owner: 'priya_shah', due: '2026-12-08T17:00:00Z', done: false, done_at: null }],
    written_by: 'priya_shah',
    updated_at: '2026-12-01T10:00:00Z',
  };

  it('starts empty without a post-mortem', () => {
    expect(draftFrom(null)).toEqual({ timeline: [], impact: '', root_cause: '', contributing_factors: '', action_items: [] });
  });

  it('sends back what it was given', () => {
    const body = postmortemBody(draftFrom(written));
    expect(body).toEqual({
      timeline: [{ at: '2026-12-01T09:00:00Z', event: 'Sync started failing' }],
      impact: '40 offers delayed',
      root_cause: 'A renamed field',
      contributing_factors: ['No alert', 'Friday deploy'],
      action_items: [{ title: 'Add an alert', owner: 'priya_shah', due: '2026-12-08T17:00:00Z' }],
    });
  });

  it('keeps blank rows, and leaves out empty times, for the server to name', () => {
    const body = postmortemBody({
      timeline: [{ at: '', event: '  ' }],
      impact: '',
      root_cause: '',
      contributing_factors: '\n a \n\n',
      action_items: [{ title: 'x', owner: '', due: 'soon' }],
    });
    expect(body.timeline).toEqual([{ event: '' }]);
    expect(body.contributing_factors).toEqual(['a']);
    expect(body.action_items).toEqual([{ title: 'x', owner: '' }]);
  });

  it('names a control for every field the API may complain about', () => {
    const controls = postmortemControls(draftFrom(written));
    expect(controls).toContain('timeline[0].at');
    expect(controls).toContain('action_items[0].due');
    const errs = fieldErrors(
      parseProblem(422, { errors: [{ field: 'action_items[0].owner', message: "there is no user 'ghost'" }] }),
      controls,
    );
    expect(errs.byField['action_items[0].owner']).toEqual(["there is no user 'ghost'"]);
    expect(factorLines('a\n\n b ')).toEqual(['a', 'b']);
  });

  it('lets the owner or a writer tick an item', () => {
    expect(mayMarkItem({ owner: 'kenji' }, 'kenji', false)).toBe(true);
    expect(mayMarkItem({ owner: 'kenji' }, 'grace', false)).toBe(false);
    expect(mayMarkItem({ owner: 'kenji' }, 'grace', true)).toBe(true);
    expect(mayMarkItem({ owner: 'kenji' }, undefined, false)).toBe(false);
  });

  it('makes ids from field names', () => {
    expect(controlId('pm', 'action_items[0].due')).toBe('pm-action_items-0-due');
    expect(controlId('pm', 'impact')).toBe('pm-impact');
  });
});
