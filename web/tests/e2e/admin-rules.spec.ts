import { test, expect, signIn } from './fixtures';
import type { Page } from '@playwright/test';
import { axe, noHorizontalScroll, openAdmin, saveScreen, touchTargets } from './admin-helpers';

// The automation rules screen. The e2e specs share one server: every test here leaves the rules
// in force as it found them (a saved change is rolled back by storing the old YAML again).

// A rule that names an issue type that does not exist, at line 5 of the document.
const BROKEN = `rules:
  - name: typo
    when: {ats_event: [offer.expired]}
    then:
      - create_ticket: offer_link_expird
`;

// A rule no ticket will ever meet: adding it changes nothing the other specs see.
const HARMLESS = `  - name: e2e-harmless
    description: Added by the browser tests, then rolled back.
    when: ticket_created
    if:
      all:
        - {field: ticket.title, eq: "no ticket is ever titled this"}
    then:
      - add_label: e2e
`;

async function inForce(page: Page): Promise<{ version: number; yaml: string }> {
  const res = await page.request.get('/api/v1/rules');
  expect(res.status()).toBe(200);
  return res.json();
}

async function versionCount(page: Page): Promise<number> {
  const res = await page.request.get('/api/v1/rules/versions');
  return ((await res.json()).items as unknown[]).length;
}

async function openRules(page: Page) {
  await openAdmin(page, 'rules', 'Automation rules');
  const editor = page.getByLabel('Rules document (YAML)');
  await expect(editor).toHaveValue(/^rules:/);
  return editor;
}

test('a broken rule set shows its errors where they are, and saving it is refused with nothing changed', async ({ page }) => {
  const editor = await openRules(page);
  const before = await inForce(page);
  const versions = await versionCount(page);

  await editor.fill(BROKEN);
  await page.getByRole('button', { name: 'Validate' }).click();
  await expect(page.getByRole('alert')).toContainText('Not valid');
  const problems = page.getByTestId('rule-problems');
  await expect(problems).toContainText("Line 5, rule typo: unknown issue type 'offer_link_expird'");
  await expect(editor).toHaveAttribute('aria-invalid', 'true');

  // The problem's button selects the line it names.
  await problems.getByRole('button', { name: 'Go to line 5' }).click();
  await expect(editor).toBeFocused();
  const selected = await editor.evaluate((el: HTMLTextAreaElement) => el.value.slice(el.selectionStart, el.selectionEnd));
  expect(selected).toBe('      - create_ticket: offer_link_expird');
  await axe(page);

  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('Not saved: the rules in force are unchanged');
  await expect(problems).toContainText('offer_link_expird');
  expect(await inForce(page)).toEqual(before);
  expect(await versionCount(page)).toBe(versions);

  // Typing again clears the stale answer; discarding brings back the rules in force.
  await page.getByRole('button', { name: 'Discard changes' }).click();
  await expect(editor).toHaveValue(before.yaml);
  await expect(problems).toHaveCount(0);
});

test('a valid change is validated, saved as a new version in the history, and rolled back the same way', async ({ page }) => {
  const editor = await openRules(page);
  const original = await inForce(page);

  await editor.fill(original.yaml.replace(/\n*$/, '\n') + HARMLESS);
  await page.getByRole('button', { name: 'Validate' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Valid:' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'The rules as the server read them' })).toContainText('e2e-harmless');

  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const saved = original.version + 1;
  await expect(page.getByRole('status').filter({ hasText: `Saved as version ${saved}` })).toBeVisible();
  await expect(page.getByTestId('rules-in-force')).toContainText(`version ${saved}`);
  const history = page.getByTestId('rule-versions');
  const newest = history.getByRole('row').filter({ has: page.getByRole('button', { name: `View version ${saved}` }) });
  await expect(newest).toContainText('In force');
  await expect(newest).toContainText('alex_morgan');
  expect((await inForce(page)).yaml).toContain('e2e-harmless');

  // Roll back: open the version that was in force, put it in the editor and save it again.
  await history.getByRole('button', { name: `View version ${original.version}` }).click();
  await expect(page.getByTestId('rule-version-yaml')).toHaveValue(original.yaml);
  await page.getByRole('button', { name: `Restore version ${original.version} into the editor` }).click();
  await expect(editor).toHaveValue(original.yaml);
  await expect(editor).toBeFocused();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: `Saved as version ${saved + 1}` })).toBeVisible();
  const after = await inForce(page);
  expect(after.yaml).toBe(original.yaml);
  expect(after.version).toBe(saved + 1);
});

test('a senior recruiter is told they may not manage the rules', async ({ page }) => {
  await signIn(page, '/admin/rules', 'priya_shah');
  await expect(page.getByRole('heading', { level: 1, name: 'Automation rules' })).toBeVisible();
  await expect(page.getByRole('alert')).toContainText('may not');
  await expect(page.getByLabel('Rules document (YAML)')).toHaveCount(0);
});

test('the rules screen on a desktop and at 390 px: accessible, no sideways scroll, big targets', async ({ page }) => {
  await openRules(page);
  await page.getByRole('button', { name: 'View version 0' }).click();
  await expect(page.getByTestId('rule-version-yaml')).toBeVisible();
  await axe(page);
  await saveScreen(page, 'admin-rules', 'desktop');

  await page.setViewportSize({ width: 390, height: 844 });
  await noHorizontalScroll(page);
  await touchTargets(page);
  await axe(page);
  await saveScreen(page, 'admin-rules', 'mobile');
});
