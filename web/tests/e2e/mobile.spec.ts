import { test, expect, signIn, listSettled, createTicket } from './fixtures';
import type { Page } from '@playwright/test';

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

async function noHorizontalScroll(page: Page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(390);
}

/** Every visible button, link, summary and select is at least 44 px high (and wide). */
async function touchTargets(page: Page) {
  const small = await page.evaluate(() => {
    const out: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('a, button, summary, select, input, textarea, label:has(> input[type=checkbox])')) {
      if (el instanceof HTMLInputElement && el.type === 'checkbox') continue; // its label is the target
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue; // not rendered
      if (r.height < 44 || r.width < 44) out.push(`${el.tagName} "${el.textContent?.trim().slice(0, 30)}" ${r.width}x${r.height}`);
    }
    return out;
  });
  expect(small).toEqual([]);
}

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
