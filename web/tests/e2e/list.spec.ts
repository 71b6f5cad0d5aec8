import { test, expect, signIn, listSettled, rows } from './fixtures';

async function rowKeys(page: import('@playwright/test').Page): Promise<string[]> {
  return rows(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-key') ?? ''));
}

async function apiKeys(page: import('@playwright/test').Page, query: string): Promise<string[]> {
  const res = await page.request.get(`/api/v1/tickets?${query}`);
  expect(res.ok()).toBe(true);
  return ((await res.json()).items as { key: string }[]).map((t) => t.key);
}

test.beforeEach(async ({ page }) => {
  await signIn(page);
  await listSettled(page);
});

test('filter by status and severity: the URL follows and every row matches', async ({ page }) => {
  await page.getByText('Filters', { exact: true }).click();
  await page.getByRole('group', { name: 'Status' }).getByLabel('Closed').check();
  await expect(page).toHaveURL(/\/tickets\?status=closed$/);
  await page.getByRole('group', { name: 'Status' }).getByLabel('Resolved').check();
  await page.getByRole('group', { name: 'Severity' }).getByLabel('Sev 2 (high)').check();
  await expect(page).toHaveURL(/\/tickets\?status=resolved%2Cclosed&severity=sev2$/);
  await listSettled(page);

  const shown = await rowKeys(page);
  expect(shown.length).toBeGreaterThan(0);
  expect(shown).toEqual(await apiKeys(page, 'status=resolved,closed&severity=sev2&limit=25'));
  const statuses = await rows(page).locator('[data-status]').evaluateAll((els) =>
    els.map((e) => e.getAttribute('data-status')),
  );
  expect(new Set(statuses)).toEqual(new Set(statuses.filter((s) => s === 'resolved' || s === 'closed')));
  const severities = await rows(page).locator('[data-severity]').evaluateAll((els) =>
    els.map((e) => e.getAttribute('data-severity')),
  );
  expect(severities.every((s) => s === 'sev2')).toBe(true);

  // The URL alone rebuilds the view: a linked view shows the same rows, filters ticked.
  await page.reload();
  await listSettled(page);
  expect(await rowKeys(page)).toEqual(shown);
  await expect(page.getByRole('group', { name: 'Severity' }).getByLabel('Sev 2 (high)')).toBeChecked();

  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(page).toHaveURL(/\/tickets$/);
});

test('full-text search', async ({ page }) => {
  await page.keyboard.press('/');
  await expect(page.getByLabel(/^Search/)).toBeFocused();
  await page.keyboard.type('passport');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/tickets\?q=passport$/);
  await listSettled(page);
  const shown = await rowKeys(page);
  expect(shown.length).toBeGreaterThan(0);
  expect(shown).toEqual(await apiKeys(page, 'q=passport&limit=25'));
  await expect(rows(page).first()).toContainText(/passport/i);
});

test('sort and cursor paging', async ({ page }) => {
  await page.getByLabel('Sort').selectOption('created_at');
  await expect(page).toHaveURL(/sort=created_at/);
  await listSettled(page);
  const first = await rowKeys(page);
  expect(first).toEqual(await apiKeys(page, 'sort=created_at&limit=25'));
  expect(first).toHaveLength(25);
  await page.getByRole('button', { name: 'Next page' }).click();
  await expect(page).toHaveURL(/cursor=/);
  await listSettled(page);
  await expect(rows(page).first()).not.toHaveAttribute('data-key', first[0]);
  const second = await rowKeys(page);
  expect(second).toHaveLength(25);
  expect(second.filter((k) => first.includes(k))).toEqual([]);
  const page1 = await (await page.request.get('/api/v1/tickets?sort=created_at&limit=25')).json();
  expect(second).toEqual(await apiKeys(page, `sort=created_at&limit=25&cursor=${page1.next_cursor}`));
  // Oldest first: ids only grow along the pages.
  const id = (k: string) => Number(k.replace('SNAG-', ''));
  expect(id(second[0])).toBeGreaterThan(id(first[24]));

  await page.getByRole('button', { name: 'Previous page' }).click();
  await expect(rows(page).first()).toHaveAttribute('data-key', first[0]);
});

test('open a ticket with the keyboard: j, j, k, Enter', async ({ page }) => {
  const keys = await rowKeys(page);
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  await page.keyboard.press('k');
  await expect(rows(page).nth(1)).toHaveClass(/current/);
  await expect(rows(page).nth(1).getByRole('link')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/tickets/${keys[1]}$`));
  await expect(page.getByRole('heading', { level: 1 })).toContainText(keys[1]);

  // Back to the list, and e opens too.
  await page.goBack();
  await listSettled(page);
  await page.keyboard.press('j');
  await page.keyboard.press('e');
  await expect(page).toHaveURL(new RegExp(`/tickets/${keys[0]}$`));
});
