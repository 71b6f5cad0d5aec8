import { test, expect, signIn } from './fixtures';
import type { Page } from '@playwright/test';
import { axe, noHorizontalScroll, saveScreen, touchTargets, unique } from './admin-helpers';

// Legal holds and erasure requests (compliance:admin: grace_kim). Erasure cannot be undone, so
// these tests erase only a candidate made up for them, whom no demo ticket or other test names.

const COMPLIANCE = 'grace_kim';

async function openAs(page: Page, path: string, heading: string, user = COMPLIANCE) {
  await signIn(page, path, user);
  await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
}

test('a legal hold is refused without a reason, then placed and released', async ({ page }) => {
  await openAs(page, '/admin/legal-holds', 'Legal holds');
  const candidate = `greenhouse:${unique('e2e-hold')}`;
  await page.getByLabel('Candidate', { exact: true }).fill(candidate);
  await page.getByRole('button', { name: 'Place hold' }).click();
  await expect(page.locator('#hold-reason-error')).toContainText('is required');
  await expect(page.getByLabel('Reason')).toBeFocused();

  await page.getByLabel('Reason').fill('Pending litigation, placed by the browser tests');
  await page.getByRole('button', { name: 'Place hold' }).click();
  await expect(page.getByRole('status').filter({ hasText: `(Candidate ${candidate})` })).toBeVisible();
  const row = page.getByRole('table', { name: 'Active legal holds' }).getByRole('row').filter({ hasText: candidate });
  await expect(row).toContainText('grace_kim');
  const id = (await row.getByRole('button', { name: /^Release hold #\d+$/ }).textContent())!.replace(/\D/g, '');

  await row.getByRole('button', { name: `Release hold #${id}` }).click();
  const dialog = page.getByRole('dialog', { name: 'Release this legal hold?' });
  await expect(dialog).toContainText(candidate);
  await dialog.getByRole('button', { name: 'Release hold' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Hold #${id} released` })).toBeVisible();
  await page.getByText(/^Released \(\d+\)$/).click();
  await expect(
    page.getByRole('table', { name: 'Released legal holds' }).getByRole('row').filter({ hasText: candidate }),
  ).toContainText('Released by grace_kim');
});

test('a ticket hold names a ticket that exists', async ({ page }) => {
  await openAs(page, '/admin/legal-holds', 'Legal holds');
  await page.getByLabel('Hold', { exact: true }).selectOption('ticket');
  await page.getByLabel('Ticket').fill('SNAG-999999');
  await page.getByLabel('Reason').fill('An audit');
  await page.getByRole('button', { name: 'Place hold' }).click();
  await expect(page.locator('#hold-ticket-error')).toContainText('there is no ticket SNAG-999999');
  await axe(page);
});

test('an erasure request waits for a legal hold, and completes once it is released', async ({ page }) => {
  const candidate = `greenhouse:${unique('e2e-erasure')}`;
  await openAs(page, '/admin/legal-holds', 'Legal holds');
  await page.getByLabel('Candidate', { exact: true }).fill(candidate);
  await page.getByLabel('Reason').fill('Held while an erasure is requested');
  await page.getByRole('button', { name: 'Place hold' }).click();
  const holdRow = page.getByRole('table', { name: 'Active legal holds' }).getByRole('row').filter({ hasText: candidate });
  const holdId = (await holdRow.getByRole('button', { name: /^Release hold #\d+$/ }).textContent())!.replace(/\D/g, '');

  await page.goto('/admin/erasure');
  await expect(page.getByRole('heading', { level: 1, name: 'Erasure requests' })).toBeVisible();
  // A malformed candidate is said before anything is asked or sent.
  await page.getByLabel('Candidate', { exact: true }).fill('not-a-candidate');
  await page.getByRole('button', { name: 'Request erasure' }).click();
  await expect(page.locator('#erasure-candidate-error')).toContainText('ats:id');

  await page.getByLabel('Candidate', { exact: true }).fill(candidate);
  await page.getByRole('button', { name: 'Request erasure' }).click();
  const dialog = page.getByRole('dialog', { name: "Erase this candidate's personal data?" });
  await expect(dialog).toContainText(candidate);
  await dialog.getByRole('button', { name: 'Erase' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Erasure of ${candidate} requested` })).toBeVisible();
  const requests = page.getByRole('table', { name: 'Erasure requests, newest first' });
  const request = requests.getByRole('row').filter({ hasText: candidate });
  await expect(request).toContainText('Held');
  await expect(request).toContainText(`Waiting for legal hold #${holdId} to be released`);
  await axe(page);

  await page.goto('/admin/legal-holds');
  await holdRow.getByRole('button', { name: `Release hold #${holdId}` }).click();
  await page.getByRole('dialog', { name: 'Release this legal hold?' }).getByRole('button', { name: 'Release hold' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Hold #${holdId} released` })).toBeVisible();

  // The job runs within a second or two; Refresh reads the list again at once.
  await page.goto('/admin/erasure');
  await expect(async () => {
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect(request).toContainText('Completed', { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await expect(request).toContainText('Snag held nothing about this candidate');
});

test('roles without compliance:admin are told they may not', async ({ page }) => {
  await openAs(page, '/admin/legal-holds', 'Legal holds', 'alex_morgan');
  await expect(page.getByRole('alert')).toContainText('may not');
  await expect(page.getByRole('button', { name: 'Place hold' })).toHaveCount(0);
  await page.goto('/admin/erasure');
  await expect(page.getByRole('heading', { level: 1, name: 'Erasure requests' })).toBeVisible();
  await expect(page.getByRole('alert')).toContainText('may not');
  await expect(page.getByRole('button', { name: 'Request erasure' })).toHaveCount(0);
});

for (const screen of [
  { path: '/admin/legal-holds', heading: 'Legal holds', name: 'admin-legal-holds', open: /^Released \(\d+\)$/ },
  { path: '/admin/erasure', heading: 'Erasure requests', name: 'admin-erasure', open: null },
]) {
  test(`${screen.heading} on a desktop and at 390 px: accessible, no sideways scroll, big targets`, async ({ page }) => {
    await openAs(page, screen.path, screen.heading);
    await expect(page.getByRole('table').or(page.getByText(/^(None|No erasure requests yet)\.$/)).first()).toBeVisible();
    if (screen.open) await page.getByText(screen.open).click();
    await axe(page);
    await saveScreen(page, screen.name, 'desktop');

    await page.setViewportSize({ width: 390, height: 844 });
    await noHorizontalScroll(page);
    await touchTargets(page);
    await axe(page);
    await saveScreen(page, screen.name, 'mobile');
  });
}
