import { describe, expect, it } from 'vitest';
import { fieldErrors, parseProblem, problemMessage } from '../../src/lib/problem';

// A 422 exactly as `snag serve` answers POST /api/v1/tickets with a bad candidate and type.
const REAL_422 = {
  detail: 'The request has invalid fields: type, candidate.external_id',
  errors: [
    { field: 'type', message: "'nope' is not a known issue type (see /api/v1/issue-types)" },
    {
      field: 'candidate.external_id',
      message: 'must be a non-empty id without spaces (at most 200 characters)',
    },
  ],
  status: 422,
  title: 'Invalid fields',
  type: 'urn:snag:problem:validation-failed',
};

describe('parseProblem', () => {
  it('reads a 422 with its field errors', () => {
    const p = parseProblem(422, REAL_422);
    expect(p.status).toBe(422);
    expect(p.title).toBe('Invalid fields');
    expect(p.type).toBe('urn:snag:problem:validation-failed');
    expect(p.errors).toHaveLength(2);
    expect(p.errors[1].field).toBe('candidate.external_id');
  });

  it('reads allowed from a 409', () => {
    const p = parseProblem(409, {
      allowed: ['in_progress'],
      detail: "A ticket cannot go from 'triaged' to 'closed'",
      status: 409,
      title: 'Transition not allowed',
      type: 'urn:snag:problem:workflow-denied',
    });
    expect(p.allowed).toEqual(['in_progress']);
    expect(problemMessage(p)).toBe("A ticket cannot go from 'triaged' to 'closed'");
  });

  it('copes with a body that is not a problem', () => {
    const p = parseProblem(502, '<html>Bad gateway</html>', 'Bad Gateway');
    expect(p).toMatchObject({ status: 502, title: 'Bad Gateway', type: 'about:blank', errors: [] });
    expect(parseProblem(500, null).title).toBe('Request failed (500)');
    expect(problemMessage(parseProblem(500, null))).toBe('Request failed (500)');
  });

  it('drops malformed entries of errors and allowed', () => {
    const p = parseProblem(422, {
      errors: [{ field: 'title' }, 'x', { message: 'no field' }, { field: 'title', message: 'ok' }],
      allowed: ['new', 3],
    });
    expect(p.errors).toEqual([
      { field: '', message: 'no field' },
      { field: 'title', message: 'ok' },
    ]);
    expect(p.allowed).toEqual(['new']);
  });
});

describe('fieldErrors', () => {
  it('places nested fields at their top-level control', () => {
    const { byField, unplaced } = fieldErrors(parseProblem(422, REAL_422), ['type', 'candidate', 'title']);
    expect(byField.type).toHaveLength(1);
    expect(byField.candidate).toEqual([
      'must be a non-empty id without spaces (at most 200 characters)',
    ]);
    expect(unplaced).toEqual([]);
  });

  it('prefers a control for the full path and keeps the rest apart', () => {
    const p = parseProblem(422, {
      errors: [
        { field: 'candidate.ats', message: 'a' },
        { field: 'labels', message: 'b' },
        { field: 'title', message: 'c' },
        { field: 'title', message: 'd' },
      ],
    });
    const { byField, unplaced } = fieldErrors(p, ['candidate.ats', 'candidate', 'title']);
    expect(byField['candidate.ats']).toEqual(['a']);
    expect(byField.title).toEqual(['c', 'd']);
    expect(unplaced).toEqual([{ field: 'labels', message: 'b' }]);
  });

  it('is empty without a problem', () => {
    expect(fieldErrors(null, ['title'])).toEqual({ byField: {}, unplaced: [] });
  });
});
