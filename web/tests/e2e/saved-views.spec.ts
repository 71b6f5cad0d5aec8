import { test, expect, signIn, listSettled } from './fixtures';
import type { Page } from '@playwright/test';
import { axe, noHorizontalScroll } from './checks';

// Saved views: the filters shown saved under a name, personal or shared, opened from the
// picker, refused inline when the name is taken, and only the owner's to delete.

const viewSelect = (page: Page) => page.getByLabel('View', { exact: true });

async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to Snag' })).toBeVisible();
}

test('a view is saved, shared, opened by others, and deleted by its owner only', async ({ page }) => {
  await signIn(page, '/tickets?severity=sev1&status=new');
  await listSettled(page);
  await expect(viewSelect(page)).toHaveValue('custom');

  await page.getByRole('button', { name: 'Save as view…' }).click();
  await expect(page.getByLabel('View name')).toBeFocused();
  await page.getByLabel('View name').fill('New sev1');
  await page.getByLabel('Share with everyone').check();
  await page.getByRole('button', { name: 'Save view' }).click();
  await expect(viewSelect(page).locator('option:checked')).toHaveText('New sev1 (shared)');
  await expect(page.getByLabel('Shared with everyone')).toBeChecked();

  // Another set of filters, saved under a taken name: refused beside the name, nothing saved.
  await viewSelect(page).selectOption('all');
  await expect(page).toHaveURL(/\/tickets$/);
  await page.goto('/tickets?team=hris');
  await listSettled(page);
  await page.getByRole('button', { name: 'Save as view…' }).click();
  await page.getByLabel('View name').fill('New sev1');
  await page.getByRole('button', { name: 'Save view' }).click();
  await expect(page.locator('#view-name-error')).toContainText('already');
  await expect(page.getByLabel('View name')).toHaveAttribute('aria-invalid', 'true');
  await page.getByLabel('View name').fill('HRIS, mine');
  await page.getByRole('button', { name: 'Save view' }).click();
  await expect(viewSelect(page).locator('option:checked')).toHaveText('HRIS, mine');

  // Opening a view is navigating to its filters.
  await viewSelect(page).selectOption({ label: 'New sev1 (shared)' });
  await expect(page).toHaveURL(/severity=sev1/);
  await expect(page).toHaveURL(/status=new/);
  await listSettled(page);

  // Kenji sees the shared one (not the personal one) and may open it, not delete it.
  await signOut(page);
  await signIn(page, '/tickets', 'kenji_watanabe');
  const shared = viewSelect(page).locator('optgroup[label="Shared with me"] option');
  await expect(shared).toHaveText(['New sev1 — priya_shah']);
  await expect(viewSelect(page).locator('option', { hasText: 'HRIS, mine' })).toHaveCount(0);
  await viewSelect(page).selectOption({ label: 'New sev1 — priya_shah' });
  await expect(page).toHaveURL(/severity=sev1/);
  await expect(page.getByRole('button', { name: 'Delete view' })).toHaveCount(0);

  // Priya deletes both.
  await signOut(page);
  await signIn(page, '/tickets?severity=sev1&status=new');
  for (const name of ['New sev1 (shared)', 'HRIS, mine']) {
    await viewSelect(page).selectOption({ label: name });
    await page.getByRole('button', { name: 'Delete view' }).click();
    await page.getByRole('group', { name: 'Confirm deletion' }).getByRole('button', { name: 'Delete' }).click();
    await expect(viewSelect(page).locator('option', { hasText: name })).toHaveCount(0);
  }
  const left = await (await page.request.get('/api/v1/views')).json();
  expect(left.items).toEqual([]);
});

test('saving a view fits a phone and passes axe', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, '/tickets?severity=sev2');
  await listSettled(page);
  await page.getByRole('button', { name: 'Save as view…' }).click();
  await noHorizontalScroll(page);
  await axe(page);
  const box = await page.getByRole('button', { name: 'Save view' }).boundingBox();
  expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
});
