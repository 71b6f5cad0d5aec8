import { test, expect, signIn } from './fixtures';
import type { Page } from '@playwright/test';
import { axe, noHorizontalScroll, saveScreen, touchTargets } from './admin-helpers';

// The retention screen is read-only and open to every role that reads tickets; priya_shah (a
// senior recruiter, no compliance permission) reads it. The rules are the shipped configuration's.

async function openRetention(page: Page) {
  await signIn(page, '/admin/retention', 'priya_shah');
  await expect(page.getByRole('heading', { level: 1, name: 'Retention rules' })).toBeVisible();
  await expect(page.getByTestId('retention-rules')).toBeVisible();
}

test('the retention screen lists the rules in order, each in words', async ({ page }) => {
  await openRetention(page);
  await expect(page.getByTestId('retention-source')).toContainText('retention:');
  const notes = page.getByTestId('retention-notes');
  await expect(notes).toContainText('first rule that matches');
  await expect(notes).toContainText('no rule matches is kept');
  await expect(notes).toContainText('legal hold');
  await expect(notes).toContainText('snag retention plan');

  const rows = page.getByRole('table', { name: 'Retention rules' }).getByRole('row');
  // The header row, then the four shipped rules.
  await expect(rows).toHaveCount(5);
  const first = rows.nth(1);
  await expect(first).toContainText('background_check_delay');
  await expect(first.getByRole('cell').nth(3)).toHaveText('365 days');
  await expect(first.getByRole('cell').nth(4)).toHaveText('30 days');
  await expect(first).toContainText(
    'Background check delay tickets: kept 365 days after they are resolved, or 30 days after the ATS purged the candidate, whichever comes first.',
  );
  await expect(rows.nth(3)).toContainText('DE and its subdivisions');
  const last = rows.nth(4);
  await expect(last.getByRole('cell').nth(1)).toContainText('*');
  await expect(last.getByRole('cell').nth(2)).toHaveText('Any');
  await expect(last).toContainText('Any other ticket: kept 1095 days after they are resolved, or 90 days after');

  await expect(page.getByRole('main').getByRole('button')).toHaveCount(0);
});

test('the retention screen on a desktop and at 390 px: accessible, no sideways scroll, big targets', async ({ page }) => {
  await openRetention(page);
  await axe(page);
  await saveScreen(page, 'admin-retention', 'desktop');

  await page.setViewportSize({ width: 390, height: 844 });
  await noHorizontalScroll(page);
  await touchTargets(page);
  await axe(page);
  await saveScreen(page, 'admin-retention', 'mobile');
});
