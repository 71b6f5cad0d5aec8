import { test, expect, signIn } from './fixtures';
import type { Page } from '@playwright/test';
import { axe, noHorizontalScroll, saveScreen, touchTargets } from './admin-helpers';

// The taxonomy screen is read-only and open to every role that reads tickets (all the shipped
// ones), so there is no one to refuse: a sourcer reads it like everybody else.

const SEEDED_TYPES = [
  'Document missing',
  'Background check delay',
  'Offer link expired',
  'Resume parse failure',
  'Interview scheduling conflict',
  'ATS/HRIS data sync mismatch',
  'Access problem',
  'Compliance hold',
  'Accommodation request',
  'Other',
];

async function openTaxonomy(page: Page, user: string) {
  await signIn(page, '/admin/taxonomy', user);
  await expect(page.getByRole('heading', { level: 1, name: 'Taxonomy and workflows' })).toBeVisible();
  await expect(page.getByTestId('issue-types')).toBeVisible();
  await expect(page.getByTestId('workflow-default')).toBeVisible();
}

test('the taxonomy lists the seeded issue types, the teams and the default workflow', async ({ page }) => {
  await openTaxonomy(page, 'priya_shah');
  await expect(page.getByTestId('taxonomy-source')).toContainText('configuration file');

  const types = page.getByRole('table', { name: 'Issue types' });
  for (const name of SEEDED_TYPES) await expect(types.getByRole('row').filter({ hasText: name })).toHaveCount(1);
  const backgroundCheck = types.getByRole('row').filter({ hasText: 'background_check_delay' });
  await expect(backgroundCheck).toContainText('screening');
  await expect(backgroundCheck).toContainText('Compliance');
  await expect(backgroundCheck).toContainText('Sev 2 (high)');
  await expect(backgroundCheck).toContainText('default');

  // Sensitivity, with what its levels mean: background checks are for restricted clearance only.
  await expect(types.getByRole('columnheader', { name: 'Sensitivity' })).toHaveCount(1);
  await expect(backgroundCheck.getByRole('cell').nth(4)).toHaveText('Restricted');
  await expect(types.getByRole('row').filter({ hasText: 'document_missing' }).getByRole('cell').nth(4)).toHaveText(
    'Confidential',
  );
  await expect(types.getByRole('row').filter({ hasText: 'resume_parse_failure' }).getByRole('cell').nth(4)).toHaveText(
    'Normal',
  );
  await expect(page.getByTestId('sensitivity-note')).toContainText('only roles cleared for a type’s level see its tickets');

  await expect(page.getByTestId('teams')).toContainText('HR information systems');

  const workflow = page.getByRole('table', { name: 'Statuses of the default workflow' });
  const statuses = ['New', 'Triaged', 'In progress', 'Pending', 'Resolved', 'Verified', 'Closed'];
  // The header row, then one row per status in the workflow's order.
  await expect(workflow.getByRole('row')).toHaveCount(statuses.length + 1);
  for (const [i, s] of statuses.entries()) await expect(workflow.getByRole('row').nth(i + 1)).toContainText(s);
  await expect(workflow.getByRole('row').filter({ hasText: 'Where tickets start' })).toContainText('Triaged, In progress');
  await expect(workflow.getByRole('row').filter({ hasText: 'SLA clock paused' })).toContainText('Pending');
  await expect(workflow.getByRole('row').nth(statuses.length)).toContainText('Final');
});

test('a sourcer reads the taxonomy too, and finds nothing to change', async ({ page }) => {
  await openTaxonomy(page, 'kenji_watanabe');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByRole('main').getByRole('button')).toHaveCount(0);
  await expect(page.getByRole('main').getByRole('textbox')).toHaveCount(0);
});

test('the taxonomy on a desktop and at 390 px: accessible, no sideways scroll, big targets', async ({ page }) => {
  await openTaxonomy(page, 'alex_morgan');
  await axe(page);
  await saveScreen(page, 'admin-taxonomy', 'desktop');

  await page.setViewportSize({ width: 390, height: 844 });
  await noHorizontalScroll(page);
  await touchTargets(page);
  await axe(page);
  await saveScreen(page, 'admin-taxonomy', 'mobile');
});
