import { test, expect } from './fixtures';
import { openAdmin, unique } from './admin-helpers';

test('a vendor with both attestations may receive data; without one, it may not', async ({ page }) => {
  await openAdmin(page, 'vendors', 'Vendors');
  const code = unique('acme').toLowerCase();
  const nextYear = new Date().getUTCFullYear() + 1;
  await page.getByText('Add a vendor').click();
  await page.getByLabel('Vendor code').fill(code);
  await page.getByLabel('Name').fill('Acme Analytics Ltd.');
  await page.getByLabel(/SOC 2 Type II report expires/).fill(`${nextYear}-06-30`);
  await page.getByLabel(/ISO 27001 certificate expires/).fill(`${nextYear}-03-31`);
  await page.getByRole('button', { name: 'Add vendor' }).click();
  await expect(page.getByRole('status').filter({ hasText: `(${code}) was added` })).toBeVisible();

  const row = page.getByTestId('vendors-table').getByRole('row').filter({ hasText: code });
  await expect(row).toContainText('May receive data');
  await expect(row).toContainText(`${nextYear}-06-30`);

  await row.getByRole('button', { name: 'Edit Acme Analytics Ltd.' }).click();
  await page.getByLabel(/ISO 27001 certificate expires/).last().fill('');
  await page.getByRole('button', { name: 'Save attestations' }).click();
  await expect(row).toContainText('No ISO 27001 certificate');
  await expect(row).toContainText('None on record');
});

test('a bad vendor code is said beside its field', async ({ page }) => {
  await openAdmin(page, 'vendors', 'Vendors');
  await page.getByText('Add a vendor').click();
  await page.getByLabel('Vendor code').fill('Not A Code');
  await page.getByLabel('Name').fill('Someone');
  await page.getByRole('button', { name: 'Add vendor' }).click();
  await expect(page.locator('#vendor-vendor-error')).toContainText("a-z, 0-9");
  await expect(page.getByLabel('Vendor code')).toBeFocused();
});
