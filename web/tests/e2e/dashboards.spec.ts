import { axe, noHorizontalScroll, touchTargets } from './checks';
import { test, expect, signIn, createTicket } from './fixtures';
import type { Page, Response } from '@playwright/test';

const CHARTS = ['volume', 'workload', 'mttr', 'aging', 'pareto', 'trends', 'sla'] as const;

/**
 * Opens the dashboards and returns the report answers the page itself received, the newest for each
 * report: the map keeps filling while the page lives, because the page loads its reports again
 * when the live stream opens and after every ticket change (the server's SLA sweep and jobs change
 * tickets in the background, too).
 */
async function openDashboards(page: Page, path = '/dashboards'): Promise<Map<string, unknown>> {
  const answers = new Map<string, unknown>();
  page.on('response', (res: Response) => {
    const url = new URL(res.url());
    if (!url.pathname.startsWith('/api/v1/reports/') || res.status() !== 200) return;
    const key = `${url.pathname.slice('/api/v1/reports/'.length)}:${url.searchParams.get('by') ?? ''}`;
    // A body can be gone when the page moves on; the next answer replaces it.
    res.json().then(
      (j) => void answers.set(key, j),
      () => undefined,
    );
  });
  await signIn(page, path);
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboards' })).toBeVisible();
  await expect(page.getByTestId('kpi-open')).toBeVisible();
  await expect.poll(() => answers.size).toBeGreaterThanOrEqual(5);
  return answers;
}

async function tableRows(page: Page, id: string): Promise<string[][]> {
  return page
    .getByTestId(`table-${id}`)
    .locator('tbody tr')
    .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => (c.textContent ?? '').trim())));
}

const num = (s: string) => Number(s.replace(/[^\d.]/g, ''));

test('every chart draws, and its table lists the API data', async ({ page }) => {
  const api = await openDashboards(page);

  for (const id of CHARTS) {
    const canvas = page.getByTestId(`canvas-${id}`).locator('canvas').first();
    await expect(canvas, `${id} canvas`).toBeVisible();
    const box = await canvas.boundingBox();
    expect(box!.width, `${id} width`).toBeGreaterThan(100);
    expect(box!.height, `${id} height`).toBeGreaterThan(100);
    // The canvas is summarised for screen readers, and the data is in a table.
    await expect(page.getByTestId(`canvas-${id}`)).toHaveAttribute('role', 'img');
    await expect(page.getByTestId(`canvas-${id}`)).toHaveAttribute('aria-label', /.+: .+/);
  }

  // The tables against the answers the page received last: a refresh that lands between reading
  // the two is read again.
  await expect(async () => {
    type Vol = { items: { group: string | null; open: number; resolved: number }[] };
    const byTeam = api.get('volume:team') as Vol;
    const rows = await tableRows(page, 'workload');
    expect(rows.length).toBe(byTeam.items.length);
    byTeam.items.forEach((item, i) => {
      expect(num(rows[i][1])).toBe(item.open);
      expect(num(rows[i][2])).toBe(item.resolved);
    });
    const open = byTeam.items.reduce((s, i) => s + i.open, 0);
    expect(await page.getByTestId('kpi-open').textContent()).toBe(String(open));

    const bySeverity = api.get('volume:severity') as Vol;
    const sevRows = await tableRows(page, 'volume');
    expect(sevRows.map((r) => num(r[1]))).toEqual(bySeverity.items.map((i) => i.open));

    type Pareto = { items: { type: string; value: number; cumulative_share: number }[]; cut_index: number | null };
    const pareto = api.get('pareto:count') as Pareto;
    expect(pareto.items.length).toBeGreaterThan(0);
    const pRows = await tableRows(page, 'pareto');
    expect(pRows.map((r) => num(r[1]))).toEqual(pareto.items.map((i) => Math.round(i.value * 10) / 10));
    // The 80% cut: the types up to cut_index are marked, and the chart has its 80% line.
    expect(pRows.filter((r) => r[4] === 'Yes').length).toBe(pareto.cut_index! + 1);

    type Trends = { items: { weeks: { tickets: number }[] }[] };
    const trends = api.get('trends:') as Trends;
    const tRows = await tableRows(page, 'trends');
    expect(tRows.length).toBe(trends.items[0].weeks.length);
    const totals = trends.items[0].weeks.map((_, w) => trends.items.reduce((s, c) => s + c.weeks[w].tickets, 0));
    expect(tRows.map((r) => num(r[1]))).toEqual(totals);

    type Sla = { items: { group: string; tickets: number }[] };
    const sla = api.get('sla:team') as Sla;
    const sRows = await tableRows(page, 'sla');
    expect(sRows.map((r) => num(r[1]))).toEqual(sla.items.map((i) => i.tickets));

    // Aging adds up to the open tickets.
    const aRows = await tableRows(page, 'aging');
    expect(aRows.reduce((s, r) => s + num(r[1]), 0)).toBe(open);
  }).toPass({ timeout: 10_000 });
  await expect(page.getByTestId('chart-pareto').locator('.summary')).toContainText('80% line');
  await expect(page.getByTestId('canvas-pareto').locator('.u-legend')).toContainText('80% line');
  await expect(page.getByTestId('canvas-pareto').locator('.u-legend')).toContainText('Cumulative %');

  // A data table opens with the keyboard.
  const summary = page.getByTestId('chart-pareto').locator('summary');
  await summary.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('table-pareto')).toBeVisible();
});

test('filters: period and team are in the URL and narrow the reports', async ({ page }) => {
  await openDashboards(page);
  const req = page.waitForRequest((r) => r.url().includes('/api/v1/reports/trends') && r.url().includes('weeks=53'));
  await page.getByLabel('Period', { exact: true }).selectOption('365d');
  await req;
  await expect(page).toHaveURL(/period=365d/);
  await page.getByLabel('Team', { exact: true }).selectOption('hris');
  await expect(page).toHaveURL(/team=hris/);
  await expect(page.getByTestId('table-workload').locator('tbody tr')).toHaveCount(1);
  // The team's label is its name from GET /api/v1/teams.
  const teams = (await (await page.request.get('/api/v1/teams')).json()).items as { code: string; name: string }[];
  const hris = teams.find((t) => t.code === 'hris')!.name;
  await expect(page.getByTestId('table-workload').locator('tbody tr')).toContainText(hris);
  const delay = page.waitForResponse((r) => r.url().includes('/api/v1/reports/pareto') && r.url().includes('by=delay'));
  await page.getByLabel('Rank by', { exact: true }).selectOption('delay');
  expect((await delay).status()).toBe(200);
  await expect(page.getByTestId('table-pareto').locator('thead')).toContainText('Delay hours');
  // Reloading keeps the filters.
  await page.reload();
  await expect(page.getByLabel('Team', { exact: true })).toHaveValue('hris');
  await expect(page.getByLabel('Period', { exact: true })).toHaveValue('365d');
});

test('live: a ticket created through the API raises the open volume without a reload', async ({ page }) => {
  await openDashboards(page);
  await expect(page.getByText('Live', { exact: false }).first()).toBeVisible();
  await expect(page.locator('.live[data-live="open"]')).toBeVisible();
  const before = Number(await page.getByTestId('kpi-open').textContent());
  await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));
  await createTicket(page, 'Dashboards live update');
  await expect(page.getByTestId('kpi-open')).toHaveText(String(before + 1), { timeout: 10_000 });
  expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
});

test('dashboards pass an axe WCAG 2 A/AA scan, with a data table open', async ({ page }) => {
  await openDashboards(page);
  await page.getByTestId('chart-workload').locator('summary').click();
  await axe(page);
});

test.describe('at 390 px', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test('no sideways scroll, charts fit, big targets', async ({ page }) => {
    await openDashboards(page);
    for (const id of CHARTS) {
      const box = await page.getByTestId(`canvas-${id}`).locator('canvas').first().boundingBox();
      expect(box!.width, id).toBeGreaterThan(100);
      expect(box!.x + box!.width, id).toBeLessThanOrEqual(390);
    }
    await page.getByTestId('chart-trends').locator('summary').tap();
    await noHorizontalScroll(page);
    await touchTargets(page, 'body');
  });
});
