import type { Page } from '@playwright/test';
import { test, expect, signIn, listSettled, rows, createTicket, apiWrite, addRuleForThisFile, USER } from './fixtures';
import { saveScreen } from './checks';

// A full-page screenshot of each core screen, on a desktop and at 390×844, saved for review as
// test-results/screens/<screen>-<desktop|mobile>.png (see saveScreen). Each step first checks
// that the screen shows what the picture is meant to show, so a broken screen fails here rather
// than being photographed.

const SIZES = {
  desktop: {}, // the config's default viewport
  mobile: { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true },
} as const;

// The bell lists only what an automation rule's `notify` stored (see notifications.spec.ts): a
// rule added for this file tells the assignee of a ticket whose title carries the marker. The
// rules in force before are put back afterwards.
const MARKER = '[screens-e2e]';
const RULE = `
  - name: e2e-screens-notify-assignee
    description: Tells the assignee of a ticket opened for the screenshots.
    when: ticket_created
    if: {field: ticket.title, contains: "${MARKER}"}
    then:
      - notify: {to: assignee, message: "a ticket was opened for you"}
`;

const admin = addRuleForThisFile(RULE);

function atsUrl(): string {
  const url = process.env.SNAG_ATS_URL;
  if (!url) throw new Error('SNAG_ATS_URL is not set: global-setup did not run');
  return url;
}

async function heading(page: Page, name: string | RegExp) {
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

for (const [kind, use] of Object.entries(SIZES) as [keyof typeof SIZES, (typeof SIZES)[keyof typeof SIZES]][]) {
  test.describe(`screenshots, ${kind}`, () => {
    test.use(use);

    test('sign-in, empty and with an error', async ({ page }) => {
      await page.goto('/tickets');
      await heading(page, 'Sign in to Snag');
      await expect(page.getByLabel('Username')).toBeEmpty();
      await saveScreen(page, 'signin', kind);
      await page.getByLabel('Username').fill('nobody');
      await page.getByLabel('Password').fill('not-the-password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.getByRole('alert')).toBeVisible();
      await saveScreen(page, 'signin-error', kind);
    });

    test('the ticket list, filtered, with a selection', async ({ page }) => {
      await signIn(page);
      // One ticket of the team at least, whatever the demo data and earlier tests left.
      await createTicket(page, `Background check stuck at the vendor (${kind})`, { team: 'recruitment' });
      await page.goto('/tickets?team=recruitment');
      await listSettled(page);
      await heading(page, 'Tickets');
      await expect(page.locator('details.filters summary')).toHaveText('Filters (1 active)');
      await expect(rows(page).first()).toBeVisible();
      await rows(page).first().getByRole('checkbox').check();
      await expect(page.getByRole('heading', { name: 'Change 1 selected ticket' })).toBeVisible();
      await saveScreen(page, 'list', kind);
    });

    test('the "Save as view…" form on a filtered list', async ({ page }) => {
      await signIn(page, '/tickets?severity=sev2&status=new');
      await listSettled(page);
      await page.getByRole('button', { name: 'Save as view…' }).click();
      await expect(page.getByLabel('View name')).toBeFocused();
      await expect(page.getByRole('button', { name: 'Save view' })).toBeVisible();
      await saveScreen(page, 'save-view', kind);
    });

    test('a ticket with comments and its history', async ({ page }) => {
      await signIn(page);
      const key = await createTicket(page, `Offer letter shows the wrong start date (${kind})`, {
        severity: 'sev2',
        description: 'The candidate accepted for 1 March; the letter says 1 February.',
      });
      for (const body of ['Asked the recruiter to confirm the date.', 'Confirmed: 1 March. Re-sending the letter.']) {
        const res = await apiWrite(page, 'POST', `/api/v1/tickets/${key}/comments`, { body });
        expect(res.status()).toBe(201);
      }
      await page.goto(`/tickets/${key}`);
      await heading(page, new RegExp(key));
      await expect(page.getByRole('heading', { name: 'History' })).toBeVisible();
      await expect(page.locator('.comment-body')).toHaveCount(2);
      await saveScreen(page, 'detail', kind);
    });

    test('the new ticket form with the server\'s 422 beside the title', async ({ page }) => {
      await signIn(page, '/new');
      await heading(page, 'New ticket');
      await page.getByLabel('Type').selectOption('document_missing');
      await page.getByLabel(/^Candidate/).fill('greenhouse:40263192');
      await page.getByRole('button', { name: 'Create ticket' }).click();
      await expect(page.locator('#new-title-error')).toHaveText('must not be empty');
      await expect(page.getByLabel('Title')).toHaveAttribute('aria-invalid', 'true');
      await saveScreen(page, 'new-ticket', kind);
    });

    test('the dashboards, once the charts drew', async ({ page }) => {
      await signIn(page, '/dashboards');
      await heading(page, 'Dashboards');
      await expect(page.getByTestId('kpi-open')).toHaveText(/^\d+$/);
      for (const id of ['volume', 'workload', 'mttr', 'aging', 'pareto', 'trends', 'sla']) {
        const canvas = page.getByTestId(`canvas-${id}`).locator('canvas').first();
        await expect(canvas, `${id} canvas`).toBeVisible();
        expect((await canvas.boundingBox())!.height, `${id} height`).toBeGreaterThan(100);
      }
      await saveScreen(page, 'dashboards', kind);
    });

    test('the notification bell, opened', async ({ page }) => {
      await signIn(page, '/new'); // a short page under the panel: the full-page picture stays small
      const res = await admin().post('/api/v1/tickets', {
        data: {
          type: 'document_missing',
          title: `I-9 not received ${MARKER}`,
          team: 'recruitment',
          assignee: USER.username,
          candidate: { ats: 'greenhouse', external_id: '40263192' },
        },
      });
      expect(res.status(), await res.text()).toBe(201);
      const key = ((await res.json()) as { key: string }).key;
      await page.getByTestId('bell').click();
      await expect(page.getByTestId('bell')).toHaveAttribute('aria-expanded', 'true');
      const panel = page.getByRole('region', { name: 'Notifications' });
      await expect(panel.getByRole('listitem').filter({ hasText: key })).toContainText('Unread', { timeout: 10_000 });
      await saveScreen(page, 'notifications', kind);
    });

    test('the widget on the stand-in ATS page', async ({ page }) => {
      await page.goto(atsUrl());
      await expect(page.getByRole('heading', { level: 1, name: 'Jordan Example' })).toBeVisible();
      await page.getByRole('button', { name: 'Report a problem' }).click();
      const dialog = page.getByRole('dialog', { name: 'Report a problem' });
      await expect(dialog).toBeVisible();
      await expect(dialog.getByLabel('Issue type').locator('option')).not.toHaveCount(1); // types came
      await expect(dialog.getByLabel('Candidate id')).toHaveValue('4711');
      await saveScreen(page, 'widget', kind);
    });
  });
}
