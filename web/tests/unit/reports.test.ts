import { describe, expect, it } from 'vitest';
import {
  agingBars,
  forTeam,
  paretoCut,
  paretoSeries,
  periodFrom,
  resolutionBars,
  slaBars,
  summarizeVolume,
  trendSeries,
  trendWeeks,
  workloadBars,
  formatHours,
  formatPercent,
  type ParetoItem,
  type SlaReport,
  type VolumeItem,
} from '../../src/lib/reports';

const vol = (group: string | null, open: number, resolved: number, mean: number | null, aging: Record<string, number> = {}): VolumeItem => ({
  group,
  open,
  resolved,
  mean_hours_to_resolve: mean,
  median_hours_to_resolve: mean === null ? null : mean / 2,
  aging,
});

const items = [
  vol('hris', 2, 68, 110, { '3-7': 2 }),
  vol('it_support', 1, 33, 120, { '0-2': 1 }),
  vol('recruitment', 3, 0, null, { '0-2': 1, '>30': 2 }),
];

describe('volume', () => {
  it('sums open and resolved, weights the mean by resolved tickets, and adds up aging', () => {
    const s = summarizeVolume(items);
    expect(s.open).toBe(6);
    expect(s.resolved).toBe(101);
    expect(s.meanHours).toBeCloseTo((110 * 68 + 120 * 33) / 101, 10);
    expect(s.aging).toEqual({ '0-2': 2, '3-7': 2, '8-14': 0, '15-30': 0, '>30': 2 });
  });

  it('has no mean without resolved tickets', () => {
    expect(summarizeVolume([vol('x', 1, 0, null)]).meanHours).toBeNull();
    expect(summarizeVolume([]).meanHours).toBeNull();
  });

  it('filters by team', () => {
    expect(forTeam(items, 'hris').map((i) => i.group)).toEqual(['hris']);
    expect(forTeam(items, '')).toHaveLength(3);
    expect(forTeam(items, 'legal')).toEqual([]);
  });

  it('makes categorical bar series with x = 0..n-1', () => {
    const w = workloadBars(items, (g) => g ?? 'none');
    expect(w.x).toEqual([0, 1, 2]);
    expect(w.labels).toEqual(['hris', 'it_support', 'recruitment']);
    expect(w.series.map((s) => s.label)).toEqual(['Open', 'Resolved']);
    expect(w.series[0].values).toEqual([2, 1, 3]);
    const r = resolutionBars(items, (g) => g ?? 'none');
    expect(r.series[0].values).toEqual([110, 120, null]);
    expect(r.series[1].values).toEqual([55, 60, null]);
    const a = agingBars(summarizeVolume(items));
    expect(a.labels).toEqual(['0-2 days', '3-7 days', '8-14 days', '15-30 days', '>30 days']);
    expect(a.series[0].values).toEqual([2, 2, 0, 0, 2]);
  });

  it('labels the unassigned group', () => {
    expect(workloadBars([vol(null, 1, 1, 1)], (g) => g ?? 'Unassigned').labels).toEqual(['Unassigned']);
  });
});

describe('SLA', () => {
  const report: SlaReport = {
    by: 'team',
    from: '',
    to: '',
    items: [
      { group: 'hris', tickets: 6, first_response: { met: 5, breached: 1, running: 0, adherence: 5 / 6 }, resolution: { met: 3, breached: 1, running: 2, adherence: 0.75 } },
      { group: 'legal', tickets: 1, first_response: { met: 0, breached: 0, running: 1, adherence: null }, resolution: { met: 0, breached: 0, running: 1, adherence: null } },
    ],
  };
  it('shows adherence in percent, null where nothing happened yet', () => {
    const b = slaBars(report, '', (g) => g);
    expect(b.series[0].values).toEqual([83.3, null]);
    expect(b.series[1].values).toEqual([75, null]);
    expect(slaBars(report, 'legal', (g) => g).labels).toEqual(['legal']);
  });
});

describe('Pareto', () => {
  const item = (type: string, value: number, share: number, cumulative_share: number): ParetoItem => ({ type, value, share, cumulative_share });
  const items = [
    item('document_missing', 51, 0.309, 0.309),
    item('interview_conflict', 43, 0.261, 0.57),
    item('resume_parse', 21, 0.127, 0.697),
    item('data_sync', 19, 0.115, 0.812),
    item('offer_link', 17, 0.103, 0.915),
    item('other', 14, 0.085, 1),
  ];

  it('cuts at the first type whose running share reaches 80%', () => {
    expect(paretoCut(items)).toBe(3);
    expect(paretoCut([])).toBeNull();
    expect(paretoCut([item('a', 1, 1, 1)])).toBe(0);
    // Exactly 80%, even when the sum of floats falls just short.
    expect(paretoCut([item('a', 2, 0.4, 0.4), item('b', 2, 0.4, 0.1 + 0.7), item('c', 1, 0.2, 1)])).toBe(1);
  });

  it('splits the bars at the cut, and draws the cumulative share and the 80% line in percent', () => {
    const p = paretoSeries({ by: 'count', items, cut_index: 3 }, (t) => t.toUpperCase());
    expect(p.cutIndex).toBe(3);
    expect(p.vitalFew).toEqual(['DOCUMENT_MISSING', 'INTERVIEW_CONFLICT', 'RESUME_PARSE', 'DATA_SYNC']);
    const [within, beyond, cumulative, line] = p.series;
    expect(within.values).toEqual([51, 43, 21, 19, null, null]);
    expect(beyond.values).toEqual([null, null, null, null, 17, 14]);
    expect(cumulative.values).toEqual([30.9, 57, 69.7, 81.2, 91.5, 100]);
    expect(line.label).toBe('80% line');
    expect(line.values).toEqual([80, 80, 80, 80, 80, 80]);
  });

  it('trusts the server cut, and computes one when the server sends none', () => {
    expect(paretoSeries({ by: 'count', items, cut_index: 1 }, String).cutIndex).toBe(1);
    expect(paretoSeries({ by: 'delay', items, cut_index: null }, String).cutIndex).toBe(3);
    const empty = paretoSeries({ by: 'count', items: [], cut_index: null }, String);
    expect(empty.cutIndex).toBeNull();
    expect(empty.vitalFew).toEqual([]);
  });
});

describe('trends', () => {
  it('aligns the categories by week and sums a total line', () => {
    const t = trendSeries(
      {
        weeks: 3,
        baseline_weeks: 4,
        items: [
          {
            category: 'access',
            weeks: [
              { start: '2026-11-16T00:00:00Z', tickets: 1, spike: false },
              { start: '2026-11-23T00:00:00Z', tickets: 9, spike: true },
              { start: '2026-11-30T00:00:00Z', tickets: 0, spike: false },
            ],
          },
          { category: 'offers', weeks: [{ start: '2026-11-23T00:00:00Z', tickets: 2, spike: false }] },
        ],
      },
      (c) => c,
    );
    expect(t.starts).toEqual(['2026-11-16T00:00:00Z', '2026-11-23T00:00:00Z', '2026-11-30T00:00:00Z']);
    expect(t.x).toEqual([Date.UTC(2026, 10, 16) / 1000, Date.UTC(2026, 10, 23) / 1000, Date.UTC(2026, 10, 30) / 1000]);
    expect(t.series[0]).toEqual({ label: 'access', values: [1, 9, 0], spikes: [false, true, false] });
    expect(t.series[1].values).toEqual([0, 2, 0]);
    expect(t.total).toEqual([1, 11, 0]);
  });
});

describe('periods and text', () => {
  it('reaches back from now, and covers the period in whole weeks', () => {
    const now = new Date('2026-12-01T00:00:00Z');
    expect(periodFrom('7d', now)).toBe('2026-11-24T00:00:00.000Z');
    expect(periodFrom('30d', now)).toBe('2026-11-01T00:00:00.000Z');
    expect(trendWeeks('7d')).toBe(4);
    expect(trendWeeks('90d')).toBe(13);
    expect(trendWeeks('365d')).toBe(53);
  });

  it('formats hours and shares', () => {
    expect(formatHours(null)).toBe('—');
    expect(formatHours(5.25)).toBe('5.3 h');
    expect(formatHours(72)).toBe('3.0 days');
    expect(formatPercent(0.8121)).toBe('81.2%');
    expect(formatPercent(null)).toBe('—');
  });
});
