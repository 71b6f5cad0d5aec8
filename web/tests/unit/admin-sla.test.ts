import { describe, expect, it } from 'vitest';
import {
  businessTime,
  byCalendar,
  calendarUses,
  holidayText,
  holidaysInOrder,
  intervalText,
  overrideParts,
  slaPolicyFrom,
  todayIn,
  weekRows,
  weeklyHours,
} from '../../src/lib/admin/sla';

const off: string[] = [];
const weekdays = ['09:00-12:00', '13:00-17:00'];

// The shape GET /api/v1/sla-policy answers with the shipped configuration (shortened).
const BODY = {
  calendars: [
    {
      name: 'germany',
      time_zone: 'Europe/Berlin',
      always_open: false,
      week: { sun: off, mon: weekdays, tue: weekdays, wed: weekdays, thu: weekdays, fri: weekdays, sat: off },
      holidays: ['2026-12-25', '2026-04-03', '2026-04-03'],
    },
    {
      name: '24x7',
      time_zone: 'UTC',
      always_open: true,
      week: Object.fromEntries(['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'].map((d) => [d, ['00:00-24:00']])),
      holidays: [],
    },
    { name: '', week: {} },
  ],
  default_calendar: 'us_eastern',
  calendar_by_team: {},
  calendar_by_geography: { US: 'us_eastern', CA: 'us_eastern', DE: 'germany', AT: 'germany', CH: 'germany' },
  targets: [
    { severity: 'sev2', first_response_minutes: 120, resolution_minutes: 480, calendar: null },
    { severity: 'sev1', first_response_minutes: 30, resolution_minutes: 240, calendar: '24x7' },
  ],
  issue_type_targets: [
    { issue_type: 'compliance_hold', severity: 'sev2', first_response_minutes: 60, resolution_minutes: null, calendar: null },
    { severity: 'sev3', first_response_minutes: 60, resolution_minutes: null, calendar: null },
  ],
};

describe('slaPolicyFrom', () => {
  it('reads the policy, targets in severity order, holidays sorted once each', () => {
    const p = slaPolicyFrom(BODY);
    expect(p.targets.map((t) => t.severity)).toEqual(['sev1', 'sev2']);
    expect(p.targets[0]).toEqual({ severity: 'sev1', first_response_minutes: 30, resolution_minutes: 240, calendar: '24x7' });
    expect(p.calendars.map((c) => c.name)).toEqual(['germany', '24x7']);
    expect(p.calendars[0].holidays).toEqual(['2026-04-03', '2026-12-25']);
    expect(p.calendars[0].week.sat).toEqual([]);
    expect(p.issue_type_targets).toHaveLength(1);
    expect(p.issue_type_targets[0].issue_type).toBe('compliance_hold');
    expect(p.default_calendar).toBe('us_eastern');
  });

  it('refuses an answer that is not a policy', () => {
    expect(() => slaPolicyFrom({ items: [] })).toThrow('SLA policy');
    expect(() => slaPolicyFrom(null)).toThrow();
  });
});

describe('businessTime', () => {
  it('says minutes and hours, never days', () => {
    expect(businessTime(30)).toBe('30 min');
    expect(businessTime(240)).toBe('4 h');
    expect(businessTime(90)).toBe('1 h 30 min');
    expect(businessTime(2400)).toBe('40 h');
    expect(businessTime(0)).toBe('0 min');
    expect(businessTime(null)).toBe('No target');
  });
});

describe('overrideParts', () => {
  it('names only what an issue type overrides', () => {
    expect(overrideParts({ severity: 'sev2', first_response_minutes: 60, resolution_minutes: null, calendar: null })).toEqual([
      'First response 1 h',
    ]);
    expect(overrideParts({ severity: 'sev2', first_response_minutes: null, resolution_minutes: 600, calendar: 'germany' })).toEqual([
      'Resolution 10 h',
      'Always on the germany calendar',
    ]);
  });
});

describe('a calendar’s week', () => {
  const germany = slaPolicyFrom(BODY).calendars[0];

  it('runs Monday to Sunday with days off empty', () => {
    const rows = weekRows(germany);
    expect(rows.map((r) => r.name)).toEqual(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']);
    expect(rows[0].hours).toEqual(['09:00–12:00', '13:00–17:00']);
    expect(rows[6].hours).toEqual([]);
  });

  it('adds up its working hours', () => {
    expect(weeklyHours(germany)).toBe('35 h');
    expect(weeklyHours(slaPolicyFrom(BODY).calendars[1])).toBe('168 h');
  });

  it('says a whole day as such', () => {
    expect(intervalText('00:00-24:00')).toBe('All day');
    expect(intervalText('09:00-17:00')).toBe('09:00–17:00');
  });
});

describe('holidays', () => {
  it('puts the coming ones first, then the past ones newest first', () => {
    const h = holidaysInOrder(['2026-01-01', '2026-04-03', '2026-12-25', '2027-01-01'], '2026-04-03');
    expect(h.upcoming).toEqual(['2026-04-03', '2026-12-25', '2027-01-01']);
    expect(h.past).toEqual(['2026-01-01']);
  });

  it('takes today in the calendar’s zone', () => {
    const late = new Date('2026-04-02T23:30:00Z');
    expect(todayIn('Europe/Berlin', late)).toBe('2026-04-03');
    expect(todayIn('America/New_York', late)).toBe('2026-04-02');
    expect(todayIn(null, late)).toBe('2026-04-02');
    expect(todayIn('Not/AZone', late)).toBe('2026-04-02');
  });

  it('shows a date as that date whatever the reader’s zone', () => {
    // ICU versions differ on the comma after the weekday.
    expect(holidayText('2026-04-03', 'en-GB')).toMatch(/^Fri,? 3 Apr 2026$/);
    expect(holidayText('not a date')).toBe('not a date');
  });
});

describe('choosing a calendar', () => {
  const policy = slaPolicyFrom(BODY);

  it('groups a mapping by calendar', () => {
    expect(byCalendar(policy.calendar_by_geography)).toEqual([
      { calendar: 'germany', keys: ['AT', 'CH', 'DE'] },
      { calendar: 'us_eastern', keys: ['CA', 'US'] },
    ]);
    expect(byCalendar({})).toEqual([]);
  });

  it('says what each calendar is used for', () => {
    expect(calendarUses(policy, '24x7')).toEqual(['sev1 tickets']);
    expect(calendarUses(policy, 'germany')).toEqual(['candidates in AT, CH, DE']);
    expect(calendarUses({ ...policy, calendar_by_team: { legal: 'us_eastern' } }, 'us_eastern', undefined, (t) => t.toUpperCase())).toEqual([
      'candidates in CA, US',
      'teams LEGAL',
      'the default',
    ]);
  });
});
