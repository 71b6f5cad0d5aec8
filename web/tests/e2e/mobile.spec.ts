import type { Page } from '@playwright/test';
import { noHorizontalScroll, touchTargets as touchTargetsIn } from './checks';
import { test, expect, signIn, listSettled, createTicket } from './fixtures';

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

// The whole page counts here, its header included.
const touchTargets = (page: Page) => touchTargetsIn(page, 'body');

test('list at 390 px: no sideways scroll, big targets', async ({ page }) => {
  await signIn(page);
  await listSettled(page);
  await noHorizontalScroll(page);
  await touchTargets(page);
  await page.getByText('Filters', { exact: true }).click();
  await page.getByRole('checkbox').first().check();
  await noHorizontalScroll(page);
  await touchTargets(page);
});

test('detail at 390 px: transitions and comments work without sideways scroll', async ({ page }) => {
  await signIn(page);
  const key = await createTicket(page, 'A rather long ticket title that has to wrap on a narrow phone screen somehow', {
    description: 'A long unbroken word: Donaudampfschifffahrtsgesellschaftskapitaenswitwenrentenversicherung.',
  });
  await page.goto(`/tickets/${key}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(key);
  await noHorizontalScroll(page);
  await touchTargets(page);

  await page.getByRole('button', { name: 'Move to In progress' }).tap();
  await expect(page.getByTestId('ticket-status')).toHaveText('In progress');
  await page.getByRole('textbox', { name: 'Comment', exact: true }).fill('From a phone');
  await page.getByRole('button', { name: 'Add comment' }).tap();
  await expect(page.getByRole('region', { name: 'History' }).locator('blockquote', { hasText: 'From a phone' })).toBeVisible();
  await noHorizontalScroll(page);

  await page.getByRole('button', { name: 'Edit' }).tap();
  await noHorizontalScroll(page);
  await touchTargets(page);
});

test('new ticket and sign-in at 390 px', async ({ page }) => {
  await page.goto('/signin');
  await noHorizontalScroll(page);
  await touchTargets(page);
  await signIn(page, '/new');
  await page.getByText('More details').tap();
  await noHorizontalScroll(page);
  await touchTargets(page);
});
