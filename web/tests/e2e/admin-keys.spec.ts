import { test, expect } from './fixtures';
import { axe, openAdmin, unique } from './admin-helpers';

test('a new key shows its secret once; the list shows it without; rotate, then revoke it by keyboard', async ({ page }) => {
  await openAdmin(page, 'keys', 'API keys');
  const name = unique('ci-bot');
  await page.getByText('Create a key').click();
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Role').fill('sourcer');
  await page.getByLabel(/^Team/).selectOption('recruitment');
  await page.getByRole('checkbox', { name: 'tickets:read' }).check();
  await page.getByRole('button', { name: 'Create key' }).click();

  const shown = page.getByTestId('one-time-secret');
  await expect(shown).toContainText('shown only this once');
  const secret = await shown.getByLabel('Secret').inputValue();
  expect(secret).toMatch(/^snag_/);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await shown.getByRole('button', { name: 'Copy secret' }).click();
  await expect(shown.getByRole('status')).toHaveText('Copied to the clipboard.');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
  await axe(page);
  // The secret works: the key reads its own list.
  const own = await page.request.get('/api/v1/keys', { headers: { Authorization: `Bearer ${secret}` } });
  expect(own.status()).toBe(200);

  const row = page.getByTestId('keys-table').getByRole('row').filter({ hasText: name });
  await expect(row).toContainText('sourcer');
  await expect(row).toContainText('Recruitment');
  await expect(row).toContainText('tickets:read');
  await shown.getByRole('button', { name: 'I have stored it safely' }).click();
  await expect(page.getByTestId('one-time-secret')).toHaveCount(0);
  expect(await page.content()).not.toContain(secret);
  await page.reload();
  await expect(page.getByTestId('keys-table').getByRole('row').filter({ hasText: name })).toBeVisible();
  expect(await page.content()).not.toContain(secret);

  // Rotate: a successor with a new secret, shown once; the old key works for the overlap.
  await page.getByRole('button', { name: new RegExp(`^Rotate key ${name}`) }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.getByRole('dialog').getByRole('button', { name: 'Rotate key' }).click();
  await expect(page.getByTestId('one-time-secret')).toContainText('New secret for');
  await expect(page.getByTestId('one-time-secret')).toContainText('previous key keeps working');
  const successor = await page.getByTestId('one-time-secret').getByLabel('Secret').inputValue();
  expect(successor).not.toBe(secret);
  await page.getByRole('button', { name: 'I have stored it safely' }).click();
  const rows = page.getByTestId('keys-table').getByRole('row').filter({ hasText: name });
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: 'Rotated' })).toHaveCount(1);

  // Revoke the successor with the keyboard alone: the dialog opens on Cancel, Tab reaches Revoke.
  const revoke = page.getByRole('button', { name: new RegExp(`^Revoke key ${name}`) });
  await expect(revoke).toHaveCount(2);
  await revoke.first().focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: `Revoke key “${name}”?` });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await axe(page);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(revoke.first()).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Revoke key' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'was revoked' })).toBeVisible();
  // Its button went with it: focus waits on the list's heading, not lost to the page.
  await expect(page.getByRole('heading', { name: 'Keys', exact: true })).toBeFocused();
  const revoked = await page.request.get('/api/v1/keys', { headers: { Authorization: `Bearer ${successor}` } });
  expect(revoked.status()).toBe(401);

  // Revoked keys are hidden unless asked for.
  await expect(rows).toHaveCount(1);
  await page.getByLabel(/Show revoked and expired keys/).check();
  await expect(rows.filter({ hasText: 'Revoked' })).toHaveCount(1);
});

test('a refused key shows the server’s 422 beside its field', async ({ page }) => {
  await openAdmin(page, 'keys', 'API keys');
  await page.getByText('Create a key').click();
  await page.getByLabel('Name', { exact: true }).fill(unique('bad-role'));
  await page.getByLabel('Role').fill('no_such_role');
  await page.getByRole('button', { name: 'Create key' }).click();
  await expect(page.getByRole('alert')).toContainText('Please correct the fields marked below');
  await expect(page.locator('#key-role-error')).toContainText('is not a role');
  await expect(page.getByLabel('Role')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Role')).toHaveAttribute('aria-describedby', /key-role-error/);
  await expect(page.getByLabel('Role')).toBeFocused();
  await expect(page.getByTestId('one-time-secret')).toHaveCount(0);
});
