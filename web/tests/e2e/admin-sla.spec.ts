import { test, expect, signIn } from './fixtures';
import type { Page } from '@playwright/test';
import { axe, noHorizontalScroll, saveScreen, touchTargets } from './admin-helpers';

// The SLA policy screen is read-only and open to every role that reads tickets; priya_shah (a
// senior recruiter, no admin permission) reads it. The values are the shipped configuration's.

async function openSla(page: Page) {
  await signIn(page, '/admin/sla', 'priya_shah');
  await expect(page.getByRole('heading', { level: 1, name: 'SLA policy and calendars' })).toBeVisible();
  await expect(page.getByTestId('sla-targets')).toBeVisible();
}

test('the SLA screen shows the targets, how a calendar is chosen and each calendar', async ({ page }) => {
  await openSla(page);
  await expect(page.getByTestId('sla-source')).toContainText('config/snag.default.yaml');
  await expect(page.getByTestId('sla-source')).toContainText('next start');

  const targets = page.getByRole('table', { name: 'Targets per severity' });
  // The header row, then sev1 … sev4 in order.
  await expect(targets.getByRole('row')).toHaveCount(5);
  const sev1 = targets.getByRole('row').nth(1);
  await expect(sev1).toContainText('Sev 1 (critical)');
  await expect(sev1.getByRole('cell').nth(1)).toHaveText('30 min');
  await expect(sev1.getByRole('cell').nth(2)).toHaveText('4 h');
  await expect(sev1.getByRole('cell').nth(3)).toContainText('24x7');
  await expect(targets.getByRole('row').nth(4)).toContainText('40 h');
  await expect(page.getByTestId('sla-overrides')).toContainText('No issue type overrides');

  const choice = page.getByTestId('sla-calendar-choice');
  await expect(choice).toContainText('Sev 1 (critical) → 24x7');
  await expect(page.getByTestId('sla-by-geography')).toContainText('AT, CH, DE → germany');
  await expect(page.getByTestId('sla-by-geography')).toContainText('CA, US → us_eastern');
  await expect(choice).toContainText('no team has its own calendar');
  await expect(choice).toContainText('Else the default: us_eastern');

  const germany = page.getByTestId('calendar-germany');
  await expect(germany).toContainText('Europe/Berlin');
  await expect(germany).toContainText('35 h of working time');
  const hours = germany.getByRole('table', { name: /Working hours/ });
  await expect(hours.getByRole('row', { name: /Monday/ })).toContainText('09:00–12:00 and 13:00–17:00');
  await expect(hours.getByRole('row', { name: /Sunday/ })).toContainText('Day off');
  // The full holiday list is folded away until asked for.
  const all = germany.locator('details');
  await expect(all.locator('time[datetime="2026-12-25"]')).toBeHidden();
  await all.locator('summary').click();
  await expect(all.locator('time[datetime="2026-12-25"]')).toBeVisible();
  await expect(all.locator('summary')).toHaveText('All 18 holidays');

  await expect(page.getByTestId('calendar-24x7')).toContainText('Open around the clock');
  await expect(page.getByTestId('calendar-us_eastern')).toContainText('America/New_York');

  // Nothing to change here.
  await expect(page.getByRole('main').getByRole('button')).toHaveCount(0);
});

test('the SLA screen on a desktop and at 390 px: accessible, no sideways scroll, big targets', async ({ page }) => {
  await openSla(page);
  await page.getByTestId('calendar-germany').locator('summary').click();
  await axe(page);
  await saveScreen(page, 'admin-sla', 'desktop');

  await page.setViewportSize({ width: 390, height: 844 });
  await noHorizontalScroll(page);
  await touchTargets(page);
  await axe(page);
  await saveScreen(page, 'admin-sla', 'mobile');
});
