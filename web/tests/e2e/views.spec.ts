import { test, expect, signIn, listSettled, rows } from './fixtures';
import type { Page } from '@playwright/test';

// Each role opens on its own list (the server's `views:` section, in the session's user).

function params(page: Page): URLSearchParams {
  return new URL(page.url()).searchParams;
}

test('a sourcer opens on the open tickets assigned to them', async ({ page }) => {
  await signIn(page, '/', 'kenji_watanabe');
  await expect(page).toHaveURL(/\/tickets\?/);
  expect(params(page).get('assignee')).toBe('me');
  expect(params(page).get('status')).toBe('new,triaged,in_progress,pending');
  await listSettled(page);
  const answer = await (await page.request.get('/api/v1/tickets?assignee=me&status=new,triaged,in_progress,pending')).json();
  for (const ticket of answer.items) expect(ticket.assignee).toBe('kenji_watanabe');
  const shown = await rows(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-key') ?? ''));
  expect(shown).toEqual(answer.items.map((t: { key: string }) => t.key));
});

test('compliance opens on restricted tickets not yet verified', async ({ page }) => {
  await signIn(page, '/', 'grace_kim');
  await expect(page).toHaveURL(/\/tickets\?/);
  expect(params(page).get('type')).toBe('background_check_delay,compliance_hold,accommodation_request');
  expect(params(page).get('status')).toBe('new,triaged,in_progress,pending,resolved');
  await listSettled(page);
});

test('a role without a view opens on every ticket it may see', async ({ page }) => {
  await signIn(page, '/');
  await expect(page).toHaveURL(/\/tickets$/);
  await listSettled(page);
});
