import { describe, expect, it } from 'vitest';
import { daysText, retentionRulesFrom, ruleKeeps, ruleSentences, ruleSubject } from '../../src/lib/admin/retention';

// The shipped rules, as GET /api/v1/retention-rules answers them.
const SHIPPED = {
  items: [
    { issue_type: 'background_check_delay', geography: null, days_after_close: 365, days_after_purge: 30 },
    { issue_type: 'accommodation_request', geography: null, days_after_close: 365, days_after_purge: 30 },
    { issue_type: '*', geography: 'DE', days_after_close: 365, days_after_purge: 30 },
    { issue_type: '*', geography: null, days_after_close: 1095, days_after_purge: 90 },
  ],
};

describe('retentionRulesFrom', () => {
  it('keeps the rules in their order, the order being their meaning', () => {
    const rules = retentionRulesFrom(SHIPPED);
    expect(rules.map((r) => r.issue_type)).toEqual(['background_check_delay', 'accommodation_request', '*', '*']);
    expect(rules[2].geography).toBe('DE');
    expect(rules[3]).toEqual({ issue_type: '*', geography: null, days_after_close: 1095, days_after_purge: 90 });
  });

  it('drops items without a type and reads a missing limit as none', () => {
    const rules = retentionRulesFrom({ items: [{ geography: 'DE' }, { issue_type: 'other', days_after_close: 10 }] });
    expect(rules).toEqual([{ issue_type: 'other', geography: null, days_after_close: 10, days_after_purge: null }]);
  });

  it('refuses an answer without a list', () => {
    expect(() => retentionRulesFrom({})).toThrow('retention rules');
  });
});

describe('a rule in words', () => {
  const rules = retentionRulesFrom(SHIPPED);

  it('says both limits and that the first one reached wins', () => {
    expect(ruleSentences(rules)[0]).toBe(
      'background_check_delay tickets: kept 365 days after they are resolved, or 30 days after the ATS purged the candidate, whichever comes first.',
    );
  });

  it('uses the type’s name when one is given', () => {
    expect(ruleSubject(rules[0], () => 'Background check delay')).toBe('Background check delay tickets');
  });

  it('says the geography with its subdivisions, and "other" after earlier rules', () => {
    const s = ruleSentences(rules);
    expect(s[2]).toMatch(/^Any other ticket whose candidate is in DE \(its subdivisions included\): kept 365 days/);
    expect(s[3]).toMatch(/^Any other ticket: kept 1095 days after they are resolved, or 90 days after/);
    expect(ruleSubject(rules[3])).toBe('Tickets of any type');
  });

  it('says a single limit alone', () => {
    const base = { issue_type: 'other', geography: null };
    expect(ruleKeeps({ ...base, days_after_close: 1, days_after_purge: null })).toBe('kept 1 day after they are resolved');
    expect(ruleKeeps({ ...base, days_after_close: null, days_after_purge: 30 })).toBe(
      'kept 30 days after the ATS purged the candidate',
    );
    expect(ruleKeeps({ ...base, days_after_close: null, days_after_purge: null })).toBe('kept without a limit');
  });

  it('says a limit for a table cell', () => {
    expect(daysText(365)).toBe('365 days');
    expect(daysText(null)).toBe('—');
  });
});
