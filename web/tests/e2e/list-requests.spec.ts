import { test, expect, signIn, listSettled, apiWrite } from './fixtures';
import type { Page } from '@playwright/test';

// Switching views, filters, sort and page size only changes the list's URL: the session, the
// teams and workflows, the issue types and the saved views are read once, so the list's own
// GET /api/v1/tickets is the only request a switch makes. (Its speed is bench/web/list_page.mjs's.)

const VIEWS = [
  { name: 'Requests: resolved and closed', query: 'status=resolved,closed' },
  { name: 'Requests: HRIS', query: 'team=hris' },
];

/** Does what changes the list and waits until the list shows that request's answer. */
async function switchList(page: Page, action: () => Promise<unknown>): Promise<void> {
  const answered = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/tickets');
  await action();
  await answered;
  await listSettled(page);
}

test('switching views and filters requests only the ticket list', async ({ page }) => {
  await signIn(page, '/tickets');
  const ids: number[] = [];
  for (const view of VIEWS) {
    const res = await apiWrite(page, 'POST', '/api/v1/views', { ...view, shared: false });
    expect(res.status()).toBe(201);
    ids.push((await res.json()).id as number);
  }

  try {
    let requests: string[] = [];
    page.on('request', (r) => {
      const path = new URL(r.url()).pathname;
      if (path.startsWith('/api/')) requests.push(`${r.method()} ${path}`);
    });
    // A fresh start reads the views just saved.
    await switchList(page, () => page.reload());
    const picker = page.getByLabel('View', { exact: true });
    await expect(picker.locator('option', { hasText: VIEWS[1].name })).toBeAttached();
    // The bell reads the notifications again when the event stream opens: part of the start.
    await expect.poll(() => requests.filter((r) => r === 'GET /api/v1/notifications').length).toBeGreaterThanOrEqual(2);
    requests = [];

    const switches: (() => Promise<unknown>)[] = [
      () => picker.selectOption({ label: VIEWS[0].name }),
      () => picker.selectOption({ label: VIEWS[1].name }),
      () => page.getByLabel('Sort').selectOption('severity'),
      () => page.getByLabel('Per page').selectOption('50'),
      // The filters are open while a view's team filter is active.
      () => page.locator('input[name="severity"][value="sev2"]').check(),
      () => picker.selectOption('all'),
      () => page.goBack(),
    ];
    for (const action of switches) await switchList(page, action);

    expect(requests).toEqual(switches.map(() => 'GET /api/v1/tickets'));
  } finally {
    // Other tests see the same database.
    const { csrf_token } = await (await page.request.get('/api/v1/session')).json();
    for (const id of ids) await page.request.delete(`/api/v1/views/${id}`, { headers: { 'X-CSRF-Token': csrf_token } });
  }
});
