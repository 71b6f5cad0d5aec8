import { test, expect, signIn, createTicket, apiWrite } from './fixtures';
import type { Page } from '@playwright/test';
import { axe, noHorizontalScroll, saveScreen, touchTargets as touchTargetsIn } from './checks';

// The incidents list (/incidents) and an incident (/incidents/{id}) against the real server:
// declaring, updates, tickets, status, the post-mortem and its action items, as priya_shah
// (senior recruiter: incidents:read and write) unless a test says otherwise.

const MOBILE = { width: 390, height: 844 };

/** A fresh sev2 incident (post-mortem required) made through the API, so tests do not share one. */
async function declareViaApi(page: Page, title: string, extra: Record<string, unknown> = {}): Promise<number> {
  const res = await apiWrite(page, 'POST', '/api/v1/incidents', { category: 'integration', title, severity: 'sev2', ...extra });
  expect(res.status()).toBe(201);
  return (await res.json()).id as number;
}

async function openIncident(page: Page, id: number, title: string) {
  await page.goto(`/incidents/${id}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(title);
}

async function listSettled(page: Page) {
  await expect(page.getByRole('status').filter({ hasText: /Showing|No .*incidents/ })).toBeVisible();
}

/** Every visible control on the page, the header's too, is at least 44 px high and wide. */
const touchTargets = (page: Page) => touchTargetsIn(page, 'body');

function statusPanel(page: Page) {
  return page.getByRole('region', { name: /^Status:/ });
}

test('declaring an incident: field errors inline, then the new incident opens', async ({ page }) => {
  await signIn(page, '/incidents');
  await listSettled(page);
  const nav = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Incidents' });
  await expect(nav).toHaveAttribute('aria-current', 'page');
  const key = await createTicket(page, 'Offer letter never arrived');

  await page.getByRole('button', { name: 'Declare incident' }).click();
  await expect(page.getByLabel('Category')).toBeFocused();
  // Nothing chosen: the server's 422 lands beside each field.
  await page.getByRole('button', { name: 'Declare incident' }).click();
  await expect(page.locator('#declare-category-error')).toContainText('required');
  await expect(page.getByLabel('Category')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#declare-severity-error')).toBeVisible();

  await page.getByLabel('Category').selectOption('integration');
  await page.getByLabel('Severity').selectOption('sev2');
  await expect(page.locator('#declare-protocol')).toContainText('post-mortem required');
  await page.getByLabel('Title').fill('Workday sync drops offers');
  // A key that is no ticket key is named in the error under the tickets field.
  await page.getByLabel(/^Tickets/).fill(`${key}, NOT-A-KEY`);
  await page.getByRole('button', { name: 'Declare incident' }).click();
  await expect(page.locator('#declare-tickets-error')).toContainText('NOT-A-KEY');
  await expect(page.getByLabel(/^Tickets/)).toBeFocused();

  await page.getByLabel(/^Tickets/).fill(key.toLowerCase());
  await page.getByRole('button', { name: 'Declare incident' }).click();
  await expect(page).toHaveURL(/\/incidents\/\d+$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Workday sync drops offers');
  await expect(page.getByTestId('incident-severity')).toHaveText('sev2');
  await expect(page.getByRole('list', { name: 'Linked tickets' }).getByRole('link', { name: new RegExp(key) })).toHaveAttribute(
    'href',
    `/tickets/${key}`,
  );
  await expect(page.getByRole('region', { name: 'Timeline' })).toContainText('declared the incident');
  const incidentPath = new URL(page.url()).pathname;

  // The ticket's page says which incident it is part of, and links back.
  await page.getByRole('list', { name: 'Linked tickets' }).getByRole('link', { name: new RegExp(key) }).click();
  const partOf = page.getByRole('region', { name: 'Part of' });
  await expect(partOf.getByRole('link', { name: /Workday sync drops offers/ })).toHaveAttribute('href', incidentPath);
  await partOf.getByRole('link', { name: /Workday sync drops offers/ }).click();
  await expect(page).toHaveURL(new RegExp(`${incidentPath}$`));

  // The list shows it, and filters by status through the URL.
  await page.getByRole('link', { name: 'Incidents', exact: true }).first().click();
  await listSettled(page);
  await expect(page.getByRole('list', { name: 'Incidents' })).toContainText('Workday sync drops offers');
  await page.getByLabel('Status').selectOption('closed');
  await expect(page).toHaveURL(/\/incidents\?status=closed$/);
  await listSettled(page);
  await expect(page.getByRole('list', { name: 'Incidents' })).not.toContainText('Workday sync drops offers');
});

test('running an incident: update, tickets, status and the post-mortem with an action item', async ({ page }) => {
  await signIn(page);
  const id = await declareViaApi(page, 'Resume parser fails for PDFs');
  const key = await createTicket(page, 'My resume did not upload');
  await openIncident(page, id, 'Resume parser fails for PDFs');

  // An update goes into the timeline.
  await page.getByLabel('Update', { exact: true }).fill('Vendor confirmed the outage; workaround: upload .docx');
  await page.getByRole('button', { name: 'Post update' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Update posted.' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Timeline' }).locator('blockquote')).toHaveText(
    'Vendor confirmed the outage; workaround: upload .docx',
  );

  // Link a ticket by key, then take it out again.
  await page.getByLabel('Link tickets').fill(key);
  await page.getByRole('button', { name: 'Link', exact: true }).click();
  const linked = page.getByRole('list', { name: 'Linked tickets' });
  await expect(linked.getByRole('link', { name: new RegExp(key) })).toHaveAttribute('href', `/tickets/${key}`);
  await expect(linked).toContainText('My resume did not upload');
  await expect(page.getByRole('heading', { name: 'Tickets (1)' })).toBeVisible();
  await page.getByRole('button', { name: `Unlink ${key}` }).click();
  await expect(page.getByRole('heading', { name: 'Tickets (0)' })).toBeVisible();
  await page.getByLabel('Link tickets').fill(key);
  await page.getByRole('button', { name: 'Link', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Tickets (1)' })).toBeVisible();

  // Resolve; closing a sev2 without its post-mortem is refused, and why is said here.
  await statusPanel(page).getByRole('button', { name: 'Resolve' }).click();
  await expect(page.getByTestId('incident-status')).toHaveText('Resolved');
  await statusPanel(page).getByRole('button', { name: 'Close' }).click();
  await expect(page.getByTestId('status-error')).toContainText('post-mortem');
  await expect(page.getByTestId('incident-status')).toHaveText('Resolved');

  // Write the post-mortem; an unknown owner is a 422 beside that action item's owner field.
  await page.getByRole('button', { name: 'Write post-mortem' }).click();
  await page.getByRole('button', { name: 'Add timeline entry' }).click();
  const entry = page.getByRole('group', { name: 'Entry 1' });
  await expect(entry.getByLabel('What happened')).toBeFocused();
  await entry.getByLabel('When').fill('2026-11-30T09:15');
  await entry.getByLabel('What happened').fill('Parser release 4.2 deployed');
  await page.getByRole('textbox', { name: 'Impact' }).fill('Every PDF resume failed for six hours.');
  await page.getByLabel('Root cause').fill('A PDF library upgrade dropped a font table.');
  await page.getByLabel('Contributing factors').fill('No PDF fixture in the tests\nFriday deploy');
  await page.getByRole('button', { name: 'Add action item' }).click();
  const item = page.getByRole('group', { name: 'Action item 1' });
  await item.getByLabel('Title').fill('Add PDF fixtures to the parser tests');
  await item.getByLabel('Owner').fill('nobody_by_that_name');
  await item.getByLabel('Due').fill('2027-01-15T17:00');
  await page.getByRole('button', { name: 'Save post-mortem' }).click();
  await expect(page.locator('#pm-action_items-0-owner-error')).toContainText('nobody_by_that_name');
  await expect(item.getByLabel('Owner')).toHaveAttribute('aria-invalid', 'true');
  await expect(item.getByLabel('Owner')).toBeFocused();
  await item.getByLabel('Owner').fill('priya_shah');
  await page.getByRole('button', { name: 'Save post-mortem' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Post-mortem saved.' })).toBeVisible();

  const postmortem = page.getByRole('region', { name: 'Post-mortem' });
  await expect(postmortem).toContainText('Parser release 4.2 deployed');
  await expect(postmortem).toContainText('A PDF library upgrade dropped a font table.');
  await expect(postmortem.getByRole('listitem').filter({ hasText: 'Friday deploy' })).toBeVisible();
  const done = postmortem.getByRole('checkbox', { name: 'Done: Add PDF fixtures to the parser tests' });
  await expect(done).not.toBeChecked();
  await done.check();
  await expect(page.getByRole('status').filter({ hasText: 'Action item 1 done.' })).toBeVisible();
  await expect(done).toBeChecked();

  // Now it closes; a closed incident takes no more updates or status changes.
  await statusPanel(page).getByRole('button', { name: 'Close' }).click();
  await expect(page.getByTestId('incident-status')).toHaveText('Closed');
  await expect(statusPanel(page)).toContainText('history');
  await expect(page.getByRole('button', { name: 'Post update' })).toHaveCount(0);

  // Reloaded, it is all still there.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Resume parser fails for PDFs');
  await expect(page.getByTestId('incident-status')).toHaveText('Closed');
  await expect(page.getByRole('region', { name: 'Post-mortem' }).getByRole('checkbox')).toBeChecked();
});

test('editing an incident: severity, commander and the change that caused it', async ({ page }) => {
  await signIn(page);
  const change = `CHG-${Date.now()}`;
  const recorded = await apiWrite(page, 'POST', '/api/v1/changes', {
    id: change,
    summary: 'New offer template',
    system: 'greenhouse',
    deployed_at: '2026-11-20T10:00:00Z',
    link: 'https://wiki.example.com/chg',
  });
  expect(recorded.status()).toBe(201);
  const id = await declareViaApi(page, 'Offers render blank', { severity: 'sev3' });
  await openIncident(page, id, 'Offers render blank');

  await page.getByRole('button', { name: 'Edit incident' }).click();
  await page.getByLabel('Commander').fill('no_such_commander');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('#edit-commander-error')).toContainText('no_such_commander');
  await page.getByLabel('Commander').fill('priya_shah');
  await page.getByLabel('Severity').selectOption('sev2');
  await page.getByLabel('Caused by change').selectOption(change);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Incident ${id} saved.` })).toBeVisible();
  await expect(page.getByTestId('incident-severity')).toHaveText('sev2');
  const card = page.getByRole('region', { name: `Caused by change ${change}` });
  await expect(card).toContainText('New offer template');
  await expect(card.getByRole('link', { name: 'https://wiki.example.com/chg' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Timeline' })).toContainText('severity: sev3 → sev2');
});

test('who sees what: a sourcer has no incidents; a recruiter reads without writing', async ({ page }) => {
  await signIn(page);
  const id = await declareViaApi(page, 'Background checks stuck');
  await page.getByRole('button', { name: 'Sign out' }).click();

  await signIn(page, '/tickets', 'kenji_watanabe');
  const main = page.getByRole('navigation', { name: 'Main' });
  await expect(main.getByRole('link', { name: 'Dashboards' })).toBeVisible();
  await expect(main.getByRole('link', { name: 'Incidents' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Sign out' }).click();

  await signIn(page, '/incidents', 'tomas_novak');
  await listSettled(page);
  await expect(main.getByRole('link', { name: 'Incidents' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Declare incident' })).toHaveCount(0);
  await page.goto(`/incidents/${id}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`#${id}`);
  await expect(page.getByRole('region', { name: 'Timeline' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Edit incident' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Post update' })).toHaveCount(0);
  await expect(page.getByLabel('Link tickets')).toHaveCount(0);
  await expect(page.getByRole('button', { name: /post-mortem/ })).toHaveCount(0);
});

test('axe finds nothing on the list, the declare form, the incident and its post-mortem form', async ({ page }) => {
  await signIn(page);
  const key = await createTicket(page, 'Accessible incident ticket');
  const id = await declareViaApi(page, 'Accessible incident', { tickets: [key] });
  const pm = await apiWrite(page, 'POST', `/api/v1/incidents/${id}/updates`, { message: 'Looking into it' });
  expect(pm.status()).toBe(201);

  await page.goto('/incidents');
  await listSettled(page);
  await axe(page);
  await saveScreen(page, 'incidents', 'desktop');
  await page.getByRole('button', { name: 'Declare incident' }).click();
  await page.getByRole('button', { name: 'Declare incident' }).click();
  await expect(page.locator('#declare-category-error')).toBeVisible();
  await axe(page);
  await saveScreen(page, 'incidents-declare', 'desktop');

  await openIncident(page, id, 'Accessible incident');
  await expect(page.getByRole('list', { name: 'Linked tickets' })).toContainText('Accessible incident ticket');
  await axe(page);
  await saveScreen(page, 'incident', 'desktop');
  await page.getByRole('button', { name: 'Write post-mortem' }).click();
  await page.getByRole('button', { name: 'Add timeline entry' }).click();
  await page.getByRole('button', { name: 'Add action item' }).click();
  await page.getByRole('button', { name: 'Save post-mortem' }).click();
  await expect(page.locator('#pm-action_items-0-due-error')).toBeVisible();
  await axe(page);
  await saveScreen(page, 'incident-postmortem-form', 'desktop');
});

test.describe('at 390×844', () => {
  test.use({ viewport: MOBILE, hasTouch: true, isMobile: true });

  test('the list and the declare form: no sideways scroll, big targets', async ({ page }) => {
    await signIn(page);
    await declareViaApi(page, 'A rather long incident title that has to wrap on a narrow phone screen somehow');
    await page.goto('/incidents');
    await listSettled(page);
    await noHorizontalScroll(page);
    await touchTargets(page);
    await saveScreen(page, 'incidents', 'mobile');
    await page.getByRole('button', { name: 'Declare incident' }).tap();
    await page.getByRole('button', { name: 'Declare incident' }).tap();
    await expect(page.locator('#declare-category-error')).toBeVisible();
    await noHorizontalScroll(page);
    await touchTargets(page);
    await saveScreen(page, 'incidents-declare', 'mobile');
  });

  test('an incident with its post-mortem: no sideways scroll, big targets', async ({ page }) => {
    await signIn(page);
    const key = await createTicket(page, 'Phone-sized ticket');
    const id = await declareViaApi(page, 'Donaudampfschifffahrtsgesellschaftskapitaenswitwenrentenversicherung outage', {
      tickets: [key],
    });
    await openIncident(page, id, 'Donaudampfschifffahrt');
    await noHorizontalScroll(page);
    await touchTargets(page);

    await page.getByLabel('Update', { exact: true }).fill('From a phone');
    await page.getByRole('button', { name: 'Post update' }).tap();
    await expect(page.getByRole('region', { name: 'Timeline' }).locator('blockquote', { hasText: 'From a phone' })).toBeVisible();

    await page.getByRole('button', { name: 'Write post-mortem' }).tap();
    await page.getByRole('button', { name: 'Add timeline entry' }).tap();
    await page.getByRole('button', { name: 'Add action item' }).tap();
    await noHorizontalScroll(page);
    await touchTargets(page);
    await saveScreen(page, 'incident-postmortem-form', 'mobile');

    const item = page.getByRole('group', { name: 'Action item 1' });
    await page.getByRole('group', { name: 'Entry 1' }).getByLabel('What happened').fill('Noticed on a phone');
    await page.getByRole('textbox', { name: 'Impact' }).fill('Some');
    await page.getByLabel('Root cause').fill('Unknown yet');
    await item.getByLabel('Title').fill('Look again');
    await item.getByLabel('Owner').fill('priya_shah');
    await item.getByLabel('Due').fill('2027-02-01T09:00');
    await page.getByRole('button', { name: 'Save post-mortem' }).tap();
    await expect(page.getByRole('status').filter({ hasText: 'Post-mortem saved.' })).toBeVisible();
    await noHorizontalScroll(page);
    await touchTargets(page);
    await saveScreen(page, 'incident', 'mobile');
  });
});
