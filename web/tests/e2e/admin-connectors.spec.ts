import { test, expect } from './fixtures';
import { openAdmin, unique } from './admin-helpers';

test('a new connector is listed with its health, its secret never shown', async ({ page }) => {
  await openAdmin(page, 'connectors', 'Connectors and dead letters');
  const id = unique('gh');
  const secret = `whsec-${unique('s')}-WXYZ`;
  await page.getByText('Create a connector').click();
  await page.getByLabel('Id').fill(id);
  await page.getByLabel('Vendor').selectOption('greenhouse');
  await page.getByLabel('Mode').selectOption('realtime');
  await page.getByLabel('Webhook secret').fill(secret);
  await page.getByRole('button', { name: 'Create connector' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Connector ${id} was created` })).toBeVisible();

  const row = page.getByTestId('connectors-table').getByRole('row').filter({ hasText: id });
  await expect(row).toContainText('Greenhouse');
  await expect(row).toContainText('No events yet');
  await expect(row).toContainText('0 received');
  await expect(row).toContainText('none'); // lag
  await expect(row).toContainText('0%');
  await expect(row).toContainText('…WXYZ'); // a hint, not the secret
  expect(await page.content()).not.toContain(secret);

  // A signed webhook now counts in its health.
  const body = JSON.stringify({ action: 'ping', payload: {} });
  const { createHmac } = await import('node:crypto');
  const signature = createHmac('sha256', secret).update(body).digest('hex');
  const hook = await page.request.post(`/hooks/${id}`, {
    data: body,
    headers: { 'Content-Type': 'application/json', Signature: `sha256 ${signature}`, 'Greenhouse-Event-ID': unique('ev') },
  });
  expect(hook.status()).toBe(202);
  await page.getByRole('button', { name: 'Refresh health' }).click();
  await expect(row).toContainText('1 received');
  await expect(row.locator('time')).toHaveCount(1); // the last event's time

  // Disabled, it takes no webhook; the keyboard stays on the row's toggle.
  await row.getByRole('button', { name: `Disable connector ${id}` }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Disable connector' }).click();
  await expect(row).toContainText('Disabled');
  await expect(row.getByRole('button', { name: `Enable connector ${id}` })).toBeFocused();
  const refused = await page.request.post(`/hooks/${id}`, {
    data: body,
    headers: { 'Content-Type': 'application/json', Signature: `sha256 ${signature}`, 'Greenhouse-Event-ID': unique('ev') },
  });
  expect(refused.status()).toBe(404);
  await row.getByRole('button', { name: `Enable connector ${id}` }).click();
  await expect(row).toContainText('Healthy');
});

test('a refused connector shows the server’s 422 beside its field', async ({ page }) => {
  await openAdmin(page, 'connectors', 'Connectors and dead letters');
  await page.getByText('Create a connector').click();
  await page.getByLabel('Id').fill(unique('short'));
  await page.getByLabel('Vendor').selectOption('lever');
  await page.getByLabel('Webhook secret').fill('abc');
  await page.getByRole('button', { name: 'Create connector' }).click();
  await expect(page.locator('#connector-secret-error')).toContainText('at least 8 characters');
  await expect(page.getByLabel('Webhook secret')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Webhook secret')).toBeFocused();
});

test('the dead-letter queue: listed (or said empty) and replayed, with the answer shown', async ({ page }) => {
  await openAdmin(page, 'connectors', 'Connectors and dead letters');
  const queue = page.getByRole('region', { name: 'Dead letters' });
  await expect(queue.getByTestId('dead-letters-empty').or(queue.getByTestId('dead-letters-table'))).toBeVisible();
  const listed = await page.request.get('/api/v1/dead-letters');
  const count = ((await listed.json()) as { items: unknown[] }).items.length;
  if (count === 0) await expect(queue.getByTestId('dead-letters-empty')).toContainText('No dead letters');

  await queue.getByRole('button', { name: 'Replay all' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Replay all' }).click();
  await expect(queue.getByTestId('dead-letters-outcome')).toContainText(
    count === 0 ? 'There was no dead letter to replay.' : /queued for processing again/,
  );

  // Narrowed to one connector, the answer names it.
  await queue.getByLabel('Connector').selectOption('demo-ats');
  await expect(queue.getByTestId('dead-letters-empty')).toContainText('for demo-ats');
  await queue.getByRole('button', { name: 'Replay all of demo-ats' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Replay all' }).click();
  await expect(queue.getByTestId('dead-letters-outcome')).toContainText('no dead letter of demo-ats');
});
