import { test, expect, signIn, listSettled, rows } from './fixtures';

test('bulk-update two tickets and see each result', async ({ page }) => {
  await signIn(page, '/tickets?status=closed&sort=created_at');
  await listSettled(page);
  const keys = await rows(page).evaluateAll((els) => els.slice(0, 2).map((e) => e.getAttribute('data-key') ?? ''));
  expect(keys).toHaveLength(2);

  // One by keyboard (j, x), one by clicking its checkbox.
  await page.keyboard.press('j');
  await page.keyboard.press('x');
  await rows(page).nth(1).getByLabel(`Select ${keys[1]}`).check();
  await expect(page.getByRole('heading', { name: 'Change 2 selected tickets' })).toBeVisible();

  await page.getByLabel('Severity', { exact: true }).selectOption('sev4');
  await page.getByRole('button', { name: 'Apply to 2' }).click();
  const results = page.getByRole('region', { name: 'Bulk update results' });
  await expect(results.getByRole('status')).toHaveText('2 updated');
  for (const k of keys) {
    await expect(results.locator(`li[data-key="${k}"]`)).toContainText('Updated');
    const t = await (await page.request.get(`/api/v1/tickets/${k}`)).json();
    expect(t.severity).toBe('sev4');
  }
  await page.getByRole('button', { name: 'Dismiss' }).click();

  // A change the workflow refuses fails per ticket, with the reason.
  await listSettled(page);
  await rows(page).nth(0).getByRole('checkbox').check();
  await rows(page).nth(1).getByRole('checkbox').check();
  await page.getByLabel('Status', { exact: true }).selectOption('new');
  await page.getByRole('button', { name: 'Apply to 2' }).click();
  const failed = page.getByRole('region', { name: 'Bulk update results' });
  await expect(failed.getByRole('status')).toHaveText('0 updated, 2 failed');
  await expect(failed.locator(`li[data-key="${keys[0]}"]`)).toHaveAttribute('data-status', '409');
  await expect(failed.locator(`li[data-key="${keys[0]}"]`)).toContainText(/final|cannot go/);
});
