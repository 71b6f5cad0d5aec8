import { test, expect, signIn } from './fixtures';
import { ADMIN, axe, noHorizontalScroll, saveScreen, touchTargets } from './admin-helpers';

// Who sees the administration screens, and each screen's accessibility and phone layout.

const SCREENS = [
  { slug: 'keys', name: 'admin-keys', heading: 'API keys', link: 'API keys' },
  { slug: 'users', name: 'admin-users', heading: 'Users and teams', link: 'Users and teams' },
  { slug: 'connectors', name: 'admin-connectors', heading: 'Connectors and dead letters', link: 'Connectors and dead letters' },
  { slug: 'vendors', name: 'admin-vendors', heading: 'Vendors', link: 'Vendors' },
] as const;

test('the admin sees the Admin link and the sections their permissions open', async ({ page }) => {
  await signIn(page, '/tickets', ADMIN);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Administration' })).toBeVisible();
  const sections = page.getByRole('list', { name: 'Sections' });
  for (const s of SCREENS) {
    await expect(sections.getByRole('link', { name: s.link, exact: true })).toBeVisible();
  }
  await sections.getByRole('link', { name: 'API keys', exact: true }).click();
  await expect(page).toHaveURL(/\/admin\/keys$/);
  await expect(page.getByRole('heading', { level: 1, name: 'API keys' })).toBeVisible();
});

// Every role reads tickets, and the taxonomy section opens to that, so a senior recruiter has an
// Admin link too; none of these four sections is offered to her, and each refuses her.
test('a senior recruiter is offered none of these sections and may not open the keys', async ({ page }) => {
  await signIn(page, '/admin', 'priya_shah');
  await expect(page.getByRole('heading', { level: 1, name: 'Administration' })).toBeVisible();
  for (const s of SCREENS) {
    await expect(page.getByRole('main').getByRole('link', { name: s.link, exact: true })).toHaveCount(0);
  }
  await page.goto('/admin/keys');
  await expect(page.getByRole('heading', { level: 1, name: 'API keys' })).toBeVisible();
  await expect(page.getByRole('alert')).toContainText('may not');
  await expect(page.getByRole('button', { name: 'Create key' })).toHaveCount(0);
});

test('a sourcer may not open the users either', async ({ page }) => {
  await signIn(page, '/admin/users', 'kenji_watanabe');
  await expect(page.getByRole('alert')).toContainText('may not');
  await expect(page.getByRole('table')).toHaveCount(0);
});

for (const s of SCREENS) {
  test(`${s.slug}: no axe violation, with its create form open`, async ({ page }) => {
    await signIn(page, `/admin/${s.slug}`, ADMIN);
    await expect(page.getByRole('heading', { level: 1, name: s.heading })).toBeVisible();
    await expect(page.getByText('Loading…')).toHaveCount(0);
    await saveScreen(page, s.name, 'desktop');
    await axe(page);
    await page.locator('main details.create > summary').click();
    await axe(page);
  });
}

test.describe('at 390 × 844', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  for (const s of SCREENS) {
    test(`${s.slug}: no sideways scroll, big targets`, async ({ page }) => {
      await signIn(page, `/admin/${s.slug}`, ADMIN);
      await expect(page.getByRole('heading', { level: 1, name: s.heading })).toBeVisible();
      await expect(page.getByText('Loading…')).toHaveCount(0);
      await noHorizontalScroll(page);
      await touchTargets(page);
      await saveScreen(page, s.name, 'mobile');
      await page.locator('main details.create > summary').tap();
      await noHorizontalScroll(page);
      await touchTargets(page);
    });
  }
});
