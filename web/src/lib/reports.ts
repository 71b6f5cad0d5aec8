// The report endpoints' answers (GET /api/v1/reports/*, see /openapi.json) and the pure
// functions that turn them into chart series and text. Nothing here touches the DOM or uPlot,
// so it is unit-tested as is (tests/unit/reports.test.ts).

export const AGE_BUCKETS = ['0-2', '3-7', '8-14', '15-30', '>30'] as const;
export type AgeBucket = (typeof AGE_BUCKETS)[number];

export interface VolumeItem {
  group: string | null;
  open: number;
  resolved: number;
  mean_hours_to_resolve: number | null;
  median_hours_to_resolve: number | null;
  aging: Partial<Record<AgeBucket, number>>;
}

export interface VolumeReport {
  by: 'team' | 'type' | 'severity' | 'assignee';
  items: VolumeItem[];
}

export interface ParetoItem {
  type: string;
  value: number;
  share: number;
  cumulative_share: number;
}

export interface ParetoReport {
  by: 'count' | 'delay';
  items: ParetoItem[];
  cut_index: number | null;
}

export interface TrendWeek {
  start: string;
  tickets: number;
  spike: boolean;
}

export interface TrendReport {
  weeks: number;
  baseline_weeks: number;
  items: { category: string; weeks: TrendWeek[] }[];
}

export interface SlaTally {
  met: number;
  breached: number;
  running: number;
  adherence: number | null;
}

export interface SlaReport {
  by: 'team' | 'type' | 'severity';
  from: string;
  to: string;
  items: { group: string; tickets: number; first_response: SlaTally; resolution: SlaTally }[];
}

// ---- Filters -------------------------------------------------------------------------------

export const PERIODS = [
  { value: '7d', label: 'Last 7 days', days: 7 },
  { value: '30d', label: 'Last 30 days', days: 30 },
  { value: '90d', label: 'Last 90 days', days: 90 },
  { value: '365d', label: 'Last 12 months', days: 365 },
] as const;

export type Period = (typeof PERIODS)[number]['value'];

export function isPeriod(v: string | null): v is Period {
  return PERIODS.some((p) => p.value === v);
}

/**
 * The `from` of a period ending now. No `to` is sent: the reports then count up to the moment
 * they answer, so a refresh after a live event includes the ticket that caused it.
 */
export function periodFrom(period: Period, now: Date): string {
  const days = PERIODS.find((p) => p.value === period)?.days ?? 30;
  return new Date(now.getTime() - days * 86_400_000).toISOString();
}

/** The weekly trend covers the period in whole weeks (at least 4, at most the API's 104). */
export function trendWeeks(period: Period): number {
  const days = PERIODS.find((p) => p.value === period)?.days ?? 30;
  return Math.min(104, Math.max(4, Math.ceil(days / 7)));
}

// ---- Volume, resolution time, workload, aging -----------------------------------------------

/** The rows the team filter keeps ('' keeps every team). */
export function forTeam(items: VolumeItem[], team: string): VolumeItem[] {
  return team ? items.filter((i) => i.group === team) : items;
}

export interface VolumeSummary {
  open: number;
  resolved: number;
  /** Mean hours to resolution over every resolved ticket (the groups' means weighted by count). */
  meanHours: number | null;
  aging: Record<AgeBucket, number>;
}

export function summarizeVolume(items: VolumeItem[]): VolumeSummary {
  let open = 0;
  let resolved = 0;
  let hours = 0;
  let timed = 0;
  const aging = Object.fromEntries(AGE_BUCKETS.map((b) => [b, 0])) as Record<AgeBucket, number>;
  for (const i of items) {
    open += i.open;
    resolved += i.resolved;
    if (i.mean_hours_to_resolve !== null && i.resolved > 0) {
      hours += i.mean_hours_to_resolve * i.resolved;
      timed += i.resolved;
    }
    for (const b of AGE_BUCKETS) aging[b] += i.aging[b] ?? 0;
  }
  return { open, resolved, meanHours: timed ? hours / timed : null, aging };
}

/** Categorical data for a bar chart: uPlot wants x values, so categories are 0..n-1. */
export interface Bars {
  labels: string[];
  x: number[];
  series: { label: string; values: (number | null)[] }[];
}

export function bars(labels: string[], series: Bars['series']): Bars {
  return { labels, x: labels.map((_, i) => i), series };
}

export function workloadBars(items: VolumeItem[], label: (g: string | null) => string): Bars {
  return bars(
    items.map((i) => label(i.group)),
    [
      { label: 'Open', values: items.map((i) => i.open) },
      { label: 'Resolved', values: items.map((i) => i.resolved) },
    ],
  );
}

export function resolutionBars(items: VolumeItem[], label: (g: string | null) => string): Bars {
  const round = (h: number | null) => (h === null ? null : Math.round(h * 10) / 10);
  return bars(
    items.map((i) => label(i.group)),
    [
      { label: 'Mean hours', values: items.map((i) => round(i.mean_hours_to_resolve)) },
      { label: 'Median hours', values: items.map((i) => round(i.median_hours_to_resolve)) },
    ],
  );
}

export function agingBars(summary: VolumeSummary): Bars {
  return bars(
    AGE_BUCKETS.map((b) => `${b} days`),
    [{ label: 'Open tickets', values: AGE_BUCKETS.map((b) => summary.aging[b]) }],
  );
}

export function slaBars(report: SlaReport, team: string, label: (g: string) => string): Bars {
  const items = team ? report.items.filter((i) => i.group === team) : report.items;
  const pct = (a: number | null) => (a === null ? null : Math.round(a * 1000) / 10);
  return bars(
    items.map((i) => label(i.group)),
    [
      { label: 'First response met %', values: items.map((i) => pct(i.first_response.adherence)) },
      { label: 'Resolution met %', values: items.map((i) => pct(i.resolution.adherence)) },
    ],
  );
}

// ---- Pareto ----------------------------------------------------------------------------------

export const PARETO_THRESHOLD = 0.8;

/** The first item whose running share reaches 80%; null for no items. */
export function paretoCut(items: ParetoItem[], threshold = PARETO_THRESHOLD): number | null {
  if (items.length === 0) return null;
  // A little slack: 0.8 summed from thirds is 0.7999999999999999.
  const i = items.findIndex((it) => it.cumulative_share >= threshold - 1e-9);
  return i === -1 ? items.length - 1 : i;
}

export interface ParetoSeries extends Bars {
  cutIndex: number | null;
  /** The types up to and including the cut: the "vital few". */
  vitalFew: string[];
}

/**
 * Bars split in two series (the types up to the 80% cut, and the rest, so they can be told
 * apart by colour), the running share in percent, and the 80% line.
 */
export function paretoSeries(report: ParetoReport, label: (t: string) => string): ParetoSeries {
  const items = report.items;
  const cut = report.cut_index ?? paretoCut(items);
  const labels = items.map((i) => label(i.type));
  const within = items.map((i, n) => (cut !== null && n <= cut ? i.value : null));
  const beyond = items.map((i, n) => (cut !== null && n <= cut ? null : i.value));
  const pct = (s: number) => Math.round(s * 1000) / 10;
  return {
    ...bars(labels, [
      { label: 'Up to the 80% cut', values: within },
      { label: 'Beyond the cut', values: beyond },
      { label: 'Cumulative %', values: items.map((i) => pct(i.cumulative_share)) },
      { label: '80% line', values: items.map(() => PARETO_THRESHOLD * 100) },
    ]),
    cutIndex: cut,
    vitalFew: cut === null ? [] : labels.slice(0, cut + 1),
  };
}

// ---- Weekly trends ---------------------------------------------------------------------------

export interface TrendSeries {
  /** Each week's Monday as Unix seconds (uPlot's time axis), oldest first. */
  x: number[];
  starts: string[];
  series: { label: string; values: number[]; spikes: boolean[] }[];
  total: number[];
}

/** One line per issue category over the weeks; categories whose weeks differ are aligned by start. */
export function trendSeries(report: TrendReport, label: (c: string) => string): TrendSeries {
  const starts = [...new Set(report.items.flatMap((i) => i.weeks.map((w) => w.start)))].sort();
  const at = new Map(starts.map((s, n) => [s, n]));
  const series = report.items.map((item) => {
    const values = starts.map(() => 0);
    const spikes = starts.map(() => false);
    for (const w of item.weeks) {
      const n = at.get(w.start)!;
      values[n] = w.tickets;
      spikes[n] = w.spike;
    }
    return { label: label(item.category), values, spikes };
  });
  const total = starts.map((_, n) => series.reduce((sum, s) => sum + s.values[n], 0));
  return { x: starts.map((s) => Math.floor(Date.parse(s) / 1000)), starts, series, total };
}

// ---- Text ------------------------------------------------------------------------------------

export function formatHours(h: number | null): string {
  if (h === null) return '—';
  if (h < 48) return `${h.toFixed(1)} h`;
  return `${(h / 24).toFixed(1)} days`;
}

export function formatPercent(share: number | null): string {
  return share === null ? '—' : `${(Math.round(share * 1000) / 10).toString()}%`;
}
