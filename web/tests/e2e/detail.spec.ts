import { test, expect, signIn, createTicket, apiWrite } from './fixtures';

test('detail shows fields, SLA and candidate; make a transition and comment', async ({ page }) => {
  await signIn(page);
  const key = await createTicket(page, 'Transition me');
  const allowed = (await (await page.request.get(`/api/v1/tickets/${key}/transitions`)).json()).allowed as string[];
  expect(allowed).toContain('in_progress');

  await page.goto(`/tickets/${key}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(key);
  await expect(page.getByRole('heading', { name: 'SLA' })).toBeVisible();
  await expect(page.getByTestId('sla-state')).toHaveText(/Within SLA|SLA breached/);
  const due = (await (await page.request.get(`/api/v1/tickets/${key}`)).json()).sla.resolution_due_at;
  const sla = page.getByRole('region', { name: 'SLA' });
  await expect(sla).toContainText('Resolution due');
  await expect(sla.locator('time')).toHaveAttribute('datetime', due);
  await expect(page.getByRole('heading', { name: 'Candidate' })).toBeVisible();
  await expect(page.getByRole('complementary', { name: 'Details' }).getByText('greenhouse:40263192')).toBeVisible();

  // Exactly the transitions the server allows are offered.
  const offered = await page.locator('button[data-to]').evaluateAll((els) => els.map((e) => e.getAttribute('data-to')));
  expect(offered).toEqual(allowed);

  await page.getByLabel('Comment for the change').fill('Picked up for e2e');
  await page.getByRole('button', { name: 'Move to In progress' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'moved to In progress' })).toBeVisible();
  await expect(page.getByTestId('ticket-status')).toHaveText('In progress');
  const timeline = page.getByRole('region', { name: 'History' });
  await expect(timeline.getByRole('listitem').first()).toContainText('changed the status');
  await expect(timeline.getByRole('listitem').first()).toContainText('In progress');
  // The offered transitions follow the new status.
  await expect(page.getByRole('button', { name: 'Move to In progress' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Move to Pending' })).toBeVisible();

  const body = `E2E comment ${Date.now()}`;
  await page.getByRole('textbox', { name: 'Comment', exact: true }).fill(body);
  await page.getByRole('button', { name: 'Add comment' }).click();
  await expect(timeline.locator('[data-action="comment"]').first()).toContainText(body);
  await page.reload();
  await expect(page.getByRole('region', { name: 'History' }).locator('blockquote', { hasText: body })).toBeVisible();
});

test('a transition the workflow refused shows what is allowed now', async ({ page }) => {
  await signIn(page);
  const key = await createTicket(page, 'Raced transition');
  await page.goto(`/tickets/${key}`);
  await expect(page.getByRole('button', { name: 'Move to In progress' })).toBeVisible();
  // Someone else moves it first.
  const moved = await apiWrite(page, 'POST', `/api/v1/tickets/${key}/transitions`, { to: 'in_progress' });
  expect(moved.status()).toBe(200);
  await page.getByRole('button', { name: 'Move to In progress' }).click();
  await expect(page.getByRole('alert')).toContainText(/Allowed now: .*Pending/);
  await expect(page.getByTestId('ticket-status')).toHaveText('In progress');
});

test('editing a ticket someone else changed reports 412 and reloads', async ({ page }) => {
  await signIn(page);
  const key = await createTicket(page, 'Edit race');
  await page.goto(`/tickets/${key}`);
  await page.getByRole('button', { name: 'Edit' }).click();
  await page.getByLabel('Title').fill('My edit that loses');

  const current = await page.request.get(`/api/v1/tickets/${key}`);
  const theirs = await apiWrite(page, 'PATCH', `/api/v1/tickets/${key}`, { title: 'Their edit that wins' }, {
    'If-Match': current.headers()['etag'],
  });
  expect(theirs.status()).toBe(200);

  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('alert')).toContainText('Someone else changed');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Their edit that wins');

  // Editing again from the fresh version works.
  await page.getByRole('button', { name: 'Edit' }).click();
  await page.getByLabel('Title').fill('My edit, second try');
  await page.getByLabel('Severity').selectOption('sev2');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('My edit, second try');
  const latest = page.getByRole('region', { name: 'History' }).getByRole('listitem').first();
  await expect(latest).toContainText('edited');
  await expect(latest).toContainText('My edit, second try');
});
