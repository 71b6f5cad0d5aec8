import { test, expect, signIn } from './fixtures';
import type { Page } from '@playwright/test';
import { axe, noHorizontalScroll, openAdmin, saveScreen, touchTargets, unique } from './admin-helpers';

// The suppression windows screen. Windows made here are ended or deleted by the test that made
// them, so no escalation of another spec's tickets stays held.

/** A datetime-local value `hours` from now, in the browser's (and this process's) local time. */
function localIn(hours: number): string {
  const d = new Date(Date.now() + hours * 3_600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

async function openWindows(page: Page) {
  await openAdmin(page, 'suppression-windows', 'Suppression windows');
  await expect(page.getByRole('heading', { name: /^Active \(\d+\)$/ })).toBeVisible();
}

test('the form shows the server’s field errors beside their fields', async ({ page }) => {
  await openWindows(page);
  const form = page.getByRole('form', { name: 'New suppression window' });
  await form.getByRole('button', { name: 'Create window' }).click();
  await expect(form.getByRole('alert')).toContainText('Please correct the fields marked below');
  await expect(page.locator('#window-ends_at-error')).toContainText('is required');
  await expect(page.getByLabel('Ends', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Ends', { exact: true })).toBeFocused();

  await page.getByLabel('Ends', { exact: true }).fill(localIn(24));
  await page.getByLabel('Covers').selectOption('team');
  await form.getByRole('button', { name: 'Create window' }).click();
  await expect(page.locator('#window-name-error')).toContainText('must not be empty');
  await expect(page.locator('#window-scope_value-error')).toContainText('must name the team');
  await axe(page);
});

test('a window is created active, listed, and ended early', async ({ page }) => {
  await openWindows(page);
  const name = unique('Freeze');
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Covers').selectOption('team');
  await page.getByLabel('Team').selectOption('legal');
  await page.getByLabel('Ends', { exact: true }).fill(localIn(48));
  await page.getByLabel('When it ends, the escalations it held').selectOption('drop');
  await page.getByLabel('Reason (optional)').fill('Year-end freeze, made by the browser tests');
  await page.getByRole('button', { name: 'Create window' }).click();
  await expect(page.getByRole('status').filter({ hasText: `“${name}” is active` })).toBeVisible();

  const active = page.getByRole('table', { name: 'Active windows' });
  const row = active.getByRole('row').filter({ hasText: name });
  await expect(row).toContainText('Team Legal');
  await expect(row).toContainText('Held escalations are dropped when it ends');

  await row.getByRole('button', { name: `End “${name}” now` }).click();
  const dialog = page.getByRole('dialog', { name: 'End this window now?' });
  await expect(dialog).toContainText(name);
  await dialog.getByRole('button', { name: 'End window' }).click();
  await expect(page.getByRole('status').filter({ hasText: `“${name}” has ended` })).toBeVisible();
  await expect(active.getByRole('row').filter({ hasText: name })).toHaveCount(0);

  await page.getByText(/^Ended \(\d+\)$/).click();
  const ended = page.getByRole('table', { name: 'Ended windows' }).getByRole('row').filter({ hasText: name });
  await expect(ended).toContainText('Ended early');
});

test('an upcoming window is listed as such and can be deleted', async ({ page }) => {
  await openWindows(page);
  const name = unique('Maintenance');
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Covers').selectOption('geography');
  await page.getByLabel('Geography').fill('US');
  await page.getByLabel('Starts (optional)').fill(localIn(24));
  await page.getByLabel('Ends', { exact: true }).fill(localIn(30));
  await page.getByRole('button', { name: 'Create window' }).click();
  await expect(page.getByRole('status').filter({ hasText: `“${name}” is scheduled` })).toBeVisible();
  const row = page.getByRole('table', { name: 'Upcoming windows' }).getByRole('row').filter({ hasText: name });
  await expect(row).toContainText('Geography US and its regions');

  await row.getByRole('button', { name: `Delete “${name}”` }).click();
  await page.getByRole('dialog', { name: 'Delete this window?' }).getByRole('button', { name: 'Delete window' }).click();
  await expect(page.getByRole('status').filter({ hasText: `“${name}” was deleted` })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: name })).toHaveCount(0);
});

test('a sourcer is told they may not manage suppression windows', async ({ page }) => {
  await signIn(page, '/admin/suppression-windows', 'kenji_watanabe');
  await expect(page.getByRole('heading', { level: 1, name: 'Suppression windows' })).toBeVisible();
  await expect(page.getByRole('alert')).toContainText('may not');
  await expect(page.getByRole('button', { name: 'Create window' })).toHaveCount(0);
});

test('the windows screen on a desktop and at 390 px: accessible, no sideways scroll, big targets', async ({ page }) => {
  await openWindows(page);
  await page.getByText(/^Ended \(\d+\)$/).click();
  await axe(page);
  await saveScreen(page, 'admin-suppression', 'desktop');

  await page.setViewportSize({ width: 390, height: 844 });
  await noHorizontalScroll(page);
  await touchTargets(page);
  await axe(page);
  await saveScreen(page, 'admin-suppression', 'mobile');
});
