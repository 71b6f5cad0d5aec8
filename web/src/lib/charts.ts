// uPlot options for the dashboards' charts, built from the series of reports.ts. Everything is
// drawn on a canvas; the only styles uPlot sets are through the CSSOM (element.style), which
// the policy (style-src 'self') allows, and its stylesheet is bundled (imported in UChart).

import uPlot from 'uplot';
import type { Bars, ParetoSeries, TrendSeries } from './reports';

// At least 3:1 against white (WCAG 1.4.11), and told apart by more than hue where it matters
// (the 80% line is dashed, the cumulative line has points).
export const PALETTE = ['#1d4ed8', '#b45309', '#047857', '#7c3aed', '#be123c', '#0e7490', '#4b5563', '#a16207'];
const AXIS = '#374151';
const GRID = '#e5e7eb';

export interface Built {
  opts: Omit<uPlot.Options, 'width' | 'height'>;
  data: uPlot.AlignedData;
}

function shorten(label: string, max: number): string {
  return label.length > max ? `${label.slice(0, max - 1)}…` : label;
}

function categoryAxis(labels: string[], width: number): uPlot.Axis {
  const narrow = width < 520;
  const per = width / Math.max(1, labels.length);
  return {
    stroke: AXIS,
    grid: { show: false },
    ticks: { show: false },
    splits: () => labels.map((_, i) => i),
    values: (_u, splits) => splits.map((i) => shorten(labels[i] ?? '', narrow || per < 90 ? 10 : 22)),
    rotate: narrow || per < 90 ? -40 : 0,
    size: narrow || per < 90 ? 80 : 40,
    font: '12px system-ui, sans-serif',
  };
}

// Counts are whole: no 0.5 tickets on the axis.
const WHOLE = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000];

function valueAxis(scale: string, label: string, side: 0 | 1 | 2 | 3 = 3, whole = false): uPlot.Axis {
  return {
    ...(whole ? { incrs: WHOLE } : {}),
    scale,
    side,
    label,
    labelSize: 20,
    labelFont: '12px system-ui, sans-serif',
    font: '12px system-ui, sans-serif',
    stroke: AXIS,
    grid: { stroke: GRID, width: 1, show: side === 3 },
    ticks: { stroke: GRID },
    size: 48,
  };
}

function categoryScale(n: number): uPlot.Scale {
  return { time: false, range: [-0.6, Math.max(0, n - 1) + 0.6] };
}

const barsPath = (size: number, align: -1 | 0 | 1) => uPlot.paths.bars!({ size: [size, 80], align, gap: 2 });

/** Bars per category; two or more series stand side by side. */
export function barChart(b: Bars, width: number, yLabel: string, whole = true): Built {
  const n = b.series.length;
  const size = n === 1 ? 0.6 : 0.4;
  const series: uPlot.Series[] = [
    { label: 'Category' },
    ...b.series.map((s, i) => ({
      label: s.label,
      stroke: PALETTE[i % PALETTE.length],
      fill: PALETTE[i % PALETTE.length],
      width: 0,
      points: { show: false },
      paths: barsPath(size, n === 1 ? 0 : i === 0 ? -1 : 1),
    })),
  ];
  return {
    opts: {
      legend: { show: n > 1, live: false },
      cursor: { show: false },
      scales: { x: categoryScale(b.labels.length), y: { range: (_u, _min, max) => [0, Math.max(1, max * 1.1)] } },
      axes: [categoryAxis(b.labels, width), valueAxis('y', yLabel, 3, whole)],
      series,
    },
    data: [b.x, ...b.series.map((s) => s.values)] as uPlot.AlignedData,
  };
}

/** Bars (split at the 80% cut), the cumulative share on a 0–100% scale, and the 80% line. */
export function paretoChart(p: ParetoSeries, width: number, yLabel: string): Built {
  const [within, beyond, cumulative, line80] = p.series;
  return {
    opts: {
      legend: { show: true, live: false },
      cursor: { show: false },
      scales: {
        x: categoryScale(p.labels.length),
        y: { range: (_u, _min, max) => [0, Math.max(1, max * 1.1)] },
        pct: { range: [0, 100] },
      },
      axes: [categoryAxis(p.labels, width), valueAxis('y', yLabel, 3, yLabel === 'Tickets'), valueAxis('pct', 'Cumulative %', 1)],
      series: [
        { label: 'Issue type' },
        {
          label: within.label,
          stroke: PALETTE[0],
          fill: PALETTE[0],
          width: 0,
          points: { show: false },
          paths: barsPath(0.6, 0),
        },
        {
          label: beyond.label,
          stroke: '#6b7280',
          fill: '#9ca3af',
          width: 0,
          points: { show: false },
          paths: barsPath(0.6, 0),
        },
        { label: cumulative.label, scale: 'pct', stroke: PALETTE[1], width: 2, points: { show: true, size: 6 } },
        { label: line80.label, scale: 'pct', stroke: PALETTE[4], width: 2, dash: [6, 4], points: { show: false } },
      ],
    },
    data: [p.x, within.values, beyond.values, cumulative.values, line80.values] as uPlot.AlignedData,
  };
}

/** One line per issue category over the weeks, and the total. */
export function trendChart(t: TrendSeries, width: number): Built {
  const fmt = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });
  return {
    opts: {
      legend: { show: true, live: false },
      cursor: { show: false },
      scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(1, max * 1.1)] } },
      axes: [
        {
          stroke: AXIS,
          grid: { stroke: GRID, width: 1 },
          ticks: { stroke: GRID },
          font: '12px system-ui, sans-serif',
          // A tick on each week's Monday, or on every k-th when the weeks are many.
          splits: () => {
            const k = Math.max(1, Math.ceil(t.x.length / Math.max(1, Math.floor((width - 60) / 70))));
            return t.x.filter((_, i) => (t.x.length - 1 - i) % k === 0);
          },
          values: (_u, splits) => splits.map((s) => fmt.format(new Date(s * 1000))),
        },
        valueAxis('y', 'Tickets opened', 3, true),
      ],
      series: [
        { label: 'Week' },
        { label: 'All categories', stroke: AXIS, width: 3, points: { show: true, size: 5 } },
        ...t.series.map((s, i) => ({
          label: s.label,
          stroke: PALETTE[i % PALETTE.length],
          width: 2,
          points: { show: true, size: 4 },
        })),
      ],
    },
    data: [t.x, t.total, ...t.series.map((s) => s.values)] as uPlot.AlignedData,
  };
}
