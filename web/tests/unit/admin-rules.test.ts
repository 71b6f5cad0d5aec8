import { describe, expect, it } from 'vitest';
import {
  lineRange,
  ruleHistory,
  ruleProblem,
  ruleProblemPlace,
  ruleProblems,
  triggerLabel,
  versionTag,
} from '../../src/lib/admin/rules';
import { parseProblem } from '../../src/lib/problem';

describe('ruleProblem', () => {
  it('splits the line, the rule and the message', () => {
    expect(ruleProblem("line 5: rule 'typo': unknown issue type 'offer_link_expird'")).toEqual({
      line: 5,
      rule: 'typo',
      message: "unknown issue type 'offer_link_expird'",
    });
  });

  it('takes a message outside any rule (bad YAML) with its line only', () => {
    expect(ruleProblem('line 3: end of sequence flow not found')).toEqual({
      line: 3,
      rule: null,
      message: 'end of sequence flow not found',
    });
  });

  it('keeps a message without a place whole', () => {
    expect(ruleProblem('  something else went wrong ')).toEqual({
      line: null,
      rule: null,
      message: 'something else went wrong',
    });
  });

  it('drops a line 0, which points nowhere', () => {
    expect(ruleProblem('line 0: a rules document is a mapping with rules').line).toBeNull();
  });
});

describe('ruleProblems', () => {
  it('reads each error of a 422', () => {
    const p = parseProblem(422, {
      status: 422,
      title: 'Invalid fields',
      errors: [{ field: 'rules', message: "line 7: rule 'x': unknown team 'nope'" }],
    });
    expect(ruleProblems(p)).toEqual([{ line: 7, rule: 'x', message: "unknown team 'nope'" }]);
  });

  it('falls back on the detail, then the title', () => {
    expect(ruleProblems(parseProblem(413, { status: 413, title: 'Too large', detail: 'At most 1 MiB.' }))).toEqual([
      { line: null, rule: null, message: 'At most 1 MiB.' },
    ]);
    expect(ruleProblems(parseProblem(415, { status: 415, title: 'Unsupported' }))[0].message).toBe('Unsupported');
  });
});

describe('ruleProblemPlace', () => {
  it('says the line and the rule it knows', () => {
    expect(ruleProblemPlace({ line: 5, rule: 'typo', message: '' })).toBe('Line 5, rule typo');
    expect(ruleProblemPlace({ line: 5, rule: null, message: '' })).toBe('Line 5');
    expect(ruleProblemPlace({ line: null, rule: null, message: '' })).toBe('');
  });
});

describe('lineRange', () => {
  const text = 'rules:\n  - name: a\n    when: ticket_created\n';

  it('finds a line', () => {
    expect(lineRange(text, 1)).toEqual({ start: 0, end: 6 });
    const r = lineRange(text, 2)!;
    expect(text.slice(r.start, r.end)).toBe('  - name: a');
  });

  it('finds the last line without a newline after it', () => {
    const r = lineRange('a\nbc', 2)!;
    expect(r).toEqual({ start: 2, end: 4 });
  });

  it('finds the empty line after a final newline, and nothing past it', () => {
    expect(lineRange(text, 4)).toEqual({ start: text.length, end: text.length });
    expect(lineRange(text, 5)).toBeNull();
  });

  it('refuses lines that are not lines', () => {
    expect(lineRange(text, 0)).toBeNull();
    expect(lineRange(text, 1.5)).toBeNull();
  });
});

describe('ruleHistory', () => {
  it('lists the stored versions newest first, then the configuration’s', () => {
    const h = ruleHistory({
      in_force: 2,
      items: [
        { version: 1, rule_count: 3, created_by: 'alex', created_at: '2026-01-01T00:00:00Z' },
        { version: 2, rule_count: 4, created_by: 'alex', created_at: '2026-01-02T00:00:00Z' },
      ],
    });
    expect(h.map((v) => v.version)).toEqual([2, 1, 0]);
    expect(h[2].created_by).toBe('configuration');
  });

  it('is the configuration’s alone when nothing was stored', () => {
    expect(ruleHistory({ in_force: 0, items: [] }).map((v) => v.version)).toEqual([0]);
  });

  it('does not list version 0 twice', () => {
    const h = ruleHistory({ in_force: 0, items: [{ version: 0, rule_count: 1, created_by: 'configuration', created_at: null }] });
    expect(h).toHaveLength(1);
  });
});

describe('versionTag and triggerLabel', () => {
  it('quotes the version as the ETag does', () => {
    expect(versionTag(3)).toBe('"3"');
  });
  it('names the triggers, and passes unknown ones through', () => {
    expect(triggerLabel('sla')).toBe('SLA point');
    expect(triggerLabel('ats_event')).toBe('ATS event');
    expect(triggerLabel('later')).toBe('later');
  });
});
