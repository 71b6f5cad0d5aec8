import { test, expect, signIn } from './fixtures';
import { openAdmin, unique } from './admin-helpers';

const PASSWORD = 'snag-demo-password';

test('a new user can sign in; their role and team change; disabled, they cannot', async ({ page, browser }) => {
  await openAdmin(page, 'users', 'Users and teams');
  const username = unique('dana').toLowerCase();
  await page.getByText('Create a user').click();
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Name', { exact: true }).fill('Dana Tester');
  await page.getByLabel('Role').fill('sourcer');
  await page.getByLabel(/^Team/).selectOption('recruitment');
  await page.getByLabel(/^Email/).fill(`${username}@example.com`);
  await page.getByLabel('Initial password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create user' }).click();
  await expect(page.getByRole('status').filter({ hasText: `User ${username} was created` })).toBeVisible();

  await page.getByLabel('Find a user').fill(username);
  const row = page.getByTestId('users-table').getByRole('row').filter({ hasText: username });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Sourcer');
  await expect(row).toContainText('Recruitment');
  await expect(row).toContainText('Active');

  // The new user signs in, in a browser of their own.
  const theirs = await browser.newContext();
  const them = await theirs.newPage();
  await signIn(them, '/tickets', username);
  await expect(them.getByText('Dana Tester')).toBeVisible();

  // Role and team change.
  await row.getByRole('button', { name: `Edit ${username}` }).click();
  const edit = page.getByRole('region', { name: /^Edit Dana Tester/ });
  await expect(edit.getByRole('heading')).toBeFocused();
  await edit.getByLabel('Role').fill('recruiter');
  await edit.getByLabel('Team').selectOption('hris');
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('status').filter({ hasText: `${username}: role, team changed` })).toBeVisible();
  await expect(row).toContainText('Recruiter');
  await expect(row).toContainText('HR information systems');
  await expect(row.getByRole('button', { name: `Edit ${username}` })).toBeFocused();

  // Disabled: their session ends and signing in is refused.
  await row.getByRole('button', { name: `Disable ${username}` }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Disable user' }).click();
  await expect(row).toContainText('Disabled');
  await expect(row.getByRole('button', { name: `Enable ${username}` })).toBeFocused();
  expect((await them.request.get('/api/v1/session')).status()).toBe(401);
  const refused = await them.request.post('/api/v1/session', { data: { username, password: PASSWORD } });
  expect(refused.status()).toBe(401);
  await theirs.close();

  await row.getByRole('button', { name: `Enable ${username}` }).click();
  await expect(row).toContainText('Active');
});

test('a refused user shows the server’s 422 beside its fields', async ({ page }) => {
  await openAdmin(page, 'users', 'Users and teams');
  await page.getByText('Create a user').click();
  await page.getByLabel('Username').fill('Not Valid!');
  await page.getByLabel('Name', { exact: true }).fill('Someone');
  await page.getByLabel('Role').fill('sourcer');
  await page.getByLabel('Initial password').fill('short');
  await page.getByRole('button', { name: 'Create user' }).click();
  await expect(page.locator('#user-password-error')).toContainText('at least 12 characters');
  await expect(page.getByLabel('Initial password')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#user-username-error')).toBeVisible();
  // Focus goes to the first field to correct.
  await expect(page.getByLabel('Username')).toBeFocused();
});

test('teams are listed read-only', async ({ page }) => {
  await openAdmin(page, 'users', 'Users and teams');
  const teams = page.getByTestId('teams-table');
  await expect(teams.getByRole('row').filter({ hasText: 'Recruitment' })).toBeVisible();
  await expect(teams.getByRole('button')).toHaveCount(0);
});
