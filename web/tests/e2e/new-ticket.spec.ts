import { test, expect, signIn } from './fixtures';

test('a missing title gets the server message beside it; then the ticket is created', async ({ page }) => {
  await signIn(page, '/new');
  await expect(page.getByRole('heading', { name: 'New ticket' })).toBeVisible();
  await page.getByLabel('Type').selectOption('document_missing');
  await page.getByLabel(/^Candidate/).fill('greenhouse:40263192');
  await page.getByRole('button', { name: 'Create ticket' }).click();

  const title = page.getByLabel('Title');
  await expect(title).toHaveAttribute('aria-invalid', 'true');
  const error = page.locator('#new-title-error');
  await expect(error).toHaveText('must not be empty');
  await expect(title).toHaveAttribute('aria-describedby', 'new-title-error');
  await expect(title).toBeFocused();
  // Beside the field: right under the title input, not in a banner elsewhere.
  const [inputBox, errorBox] = [await title.boundingBox(), await error.boundingBox()];
  expect(errorBox!.y - (inputBox!.y + inputBox!.height)).toBeLessThan(24);

  const text = `Missing I-9 for e2e ${Date.now()}`;
  await title.fill(text);
  await page.getByText('More details').click();
  await page.getByLabel('Severity').selectOption('sev2');
  await page.getByRole('button', { name: 'Create ticket' }).click();
  await expect(page).toHaveURL(/\/tickets\/SNAG-\d+$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(text);
  await expect(page.getByRole('complementary', { name: 'Details' }).getByText('greenhouse:40263192')).toBeVisible();
  await expect(page.getByText('Sev 2 (high)').first()).toBeVisible();
});

test('server errors on other fields land beside them', async ({ page }) => {
  await signIn(page, '/new');
  await page.getByLabel('Type').selectOption('document_missing');
  await page.getByLabel(/^Candidate/).fill('greenhouse:has space');
  await page.getByLabel('Title').fill('x');
  await page.getByRole('button', { name: 'Create ticket' }).click();
  await expect(page.locator('#new-candidate-error')).toContainText('without spaces');
  await expect(page.getByLabel(/^Candidate/)).toHaveAttribute('aria-invalid', 'true');

  await page.getByLabel(/^Candidate/).fill('no-colon');
  await page.getByRole('button', { name: 'Create ticket' }).click();
  await expect(page.locator('#new-candidate-error')).toContainText('ats:id');
});

test('a deep link fills in type and candidate', async ({ page }) => {
  await signIn(page, '/new?candidate=greenhouse:123&type=background_check_delay');
  await expect(page).toHaveURL(/\/new\?candidate=greenhouse(:|%3A)123&type=background_check_delay$/);
  await expect(page.getByLabel('Type')).toHaveValue('background_check_delay');
  await expect(page.getByLabel(/^Candidate/)).toHaveValue('greenhouse:123');
});
