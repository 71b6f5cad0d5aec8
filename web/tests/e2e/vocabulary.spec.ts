import AxeBuilder from '@axe-core/playwright';
import { test, expect, signIn, listSettled } from './fixtures';
import type { Page } from '@playwright/test';

interface Team {
  code: string;
  name: string;
}
interface Workflow {
  statuses: string[];
}

async function apiItems<T>(page: Page, path: string): Promise<T[]> {
  const res = await page.request.get(path);
  expect(res.status()).toBe(200);
  return (await res.json()).items as T[];
}

async function checkboxValues(page: Page, group: string): Promise<string[]> {
  return page
    .getByRole('group', { name: group, exact: true })
    .getByRole('checkbox')
    .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
}

test('the status and team filters, the bulk menus and the forms offer what the server lists', async ({ page }) => {
  await signIn(page);
  await listSettled(page);
  const teams = await apiItems<Team>(page, '/api/v1/teams');
  const workflows = await apiItems<Workflow>(page, '/api/v1/workflows');
  const statuses = [...new Set(workflows.flatMap((w) => w.statuses))];
  expect(teams.length).toBeGreaterThan(0);

  await page.getByText('Filters', { exact: true }).click();
  const teamGroup = page.getByRole('group', { name: 'Team', exact: true });
  await expect(teamGroup.getByRole('checkbox')).toHaveCount(teams.length);
  expect(await checkboxValues(page, 'Team')).toEqual(teams.map((t) => t.code));
  for (const t of teams) await expect(teamGroup.getByLabel(t.name, { exact: true })).toHaveValue(t.code);
  await expect(page.getByRole('group', { name: 'Status', exact: true }).getByRole('checkbox')).toHaveCount(statuses.length);
  expect(new Set(await checkboxValues(page, 'Status'))).toEqual(new Set(statuses));

  await page.keyboard.press('j');
  await page.keyboard.press('x');
  const teamMenu = page.locator('#bulk-team option');
  await expect(teamMenu).toHaveCount(teams.length + 1);
  expect(await teamMenu.allTextContents()).toEqual(['Unchanged', ...teams.map((t) => t.name)]);
  await expect(page.locator('#bulk-status option')).toHaveCount(statuses.length + 1);

  await page.goto('/new');
  await expect(page.getByRole('heading', { name: 'New ticket' })).toBeVisible();
  const newTeam = page.locator('#new-team option');
  await expect(newTeam).toHaveCount(teams.length + 1);
  expect((await newTeam.evaluateAll((els) => els.map((e) => (e as HTMLOptionElement).value))).slice(1)).toEqual(
    teams.map((t) => t.code),
  );
});

test('teams and workflows are read once per session, not per screen', async ({ page }) => {
  const asked: string[] = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path === '/api/v1/teams' || path === '/api/v1/workflows') asked.push(path);
  });
  await signIn(page);
  await listSettled(page);
  await page.getByRole('link', { name: 'New ticket' }).first().click();
  await expect(page.getByRole('heading', { name: 'New ticket' })).toBeVisible();
  await page.goBack();
  await listSettled(page);
  expect(asked.sort()).toEqual(['/api/v1/teams', '/api/v1/workflows']);
});

test('a failed load says so, accessibly, and "Try again" loads them', async ({ page }) => {
  let refuse = true;
  await page.route('**/api/v1/workflows', (route) =>
    refuse
      ? route.fulfill({
          status: 503,
          contentType: 'application/problem+json',
          body: JSON.stringify({ type: 'about:blank', title: 'Service Unavailable', status: 503, detail: 'The catalog is resting' }),
        })
      : route.continue(),
  );
  await signIn(page);
  await listSettled(page);
  const alert = page.getByTestId('vocabulary-error');
  await expect(alert).toHaveAttribute('role', 'alert');
  await expect(alert).toContainText('Teams and statuses could not be loaded');
  await expect(alert).toContainText('The catalog is resting');
  await page.getByText('Filters', { exact: true }).click();
  await expect(page.getByRole('group', { name: 'Status', exact: true })).toContainText('Could not be loaded.');
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(result.violations.map((v) => v.id)).toEqual([]);

  refuse = false;
  await alert.getByRole('button', { name: 'Try again' }).click();
  await expect(alert).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Tickets', level: 1 })).toBeFocused();
  await expect(page.getByRole('group', { name: 'Status', exact: true }).getByLabel('Closed')).toBeVisible();
});
