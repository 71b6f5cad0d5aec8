import { test, expect, signIn, listSettled, createTicket, apiWrite } from './fixtures';
import type { Page } from '@playwright/test';
import { axe } from './checks';

async function apiWriteComment(page: Page, key: string) {
  const res = await apiWrite(page, 'POST', `/api/v1/tickets/${key}/comments`, { body: 'A comment in the timeline' });
  expect(res.status()).toBe(201);
}

test('sign-in page', async ({ page }) => {
  await page.goto('/signin');
  await expect(page.getByRole('heading', { name: 'Sign in to Snag' })).toBeVisible();
  await axe(page);
  // With an error shown, too.
  await page.getByLabel('Username').fill('nobody');
  await page.getByLabel('Password').fill('nothing');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await axe(page);
});

test('ticket list, with filters open and a selection', async ({ page }) => {
  await signIn(page);
  await listSettled(page);
  await axe(page);
  await page.getByText('Filters', { exact: true }).click();
  await page.keyboard.press('j');
  await page.keyboard.press('x');
  await expect(page.getByRole('heading', { name: /Change 1 selected/ })).toBeVisible();
  await axe(page);
});

test('ticket detail, and its edit form', async ({ page }) => {
  await signIn(page);
  const key = await createTicket(page, 'Accessible detail', { severity: 'sev1' });
  await apiWriteComment(page, key);
  await page.goto(`/tickets/${key}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(key);
  await expect(page.getByRole('heading', { name: 'History' })).toBeVisible();
  await axe(page);
  await page.getByRole('button', { name: 'Edit' }).click();
  await axe(page);
});

test('new ticket, with field errors shown', async ({ page }) => {
  await signIn(page, '/new');
  await expect(page.getByLabel('Type')).toBeVisible();
  await axe(page);
  await page.getByLabel('Type').selectOption({ index: 1 });
  await page.getByRole('button', { name: 'Create ticket' }).click();
  await expect(page.locator('#new-title-error')).toBeVisible();
  await page.getByText('More details').click();
  await axe(page);
});

test('focus is visible on keyboard use', async ({ page }) => {
  await signIn(page);
  await listSettled(page);
  await page.keyboard.press('Tab');
  const outline = await page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const s = getComputedStyle(el);
    return { style: s.outlineStyle, width: parseFloat(s.outlineWidth) };
  });
  expect(outline.style).not.toBe('none');
  expect(outline.width).toBeGreaterThanOrEqual(2);
});
