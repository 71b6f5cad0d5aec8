import { test, expect } from './fixtures';
import { axe } from './checks';
import type { Page } from '@playwright/test';

// The "Report a problem" widget (src/widget) on a stand-in ATS page that global-setup serves on
// its own port and that Snag lists in SNAG_WIDGET_ALLOWED_ORIGINS. Locators reach into the
// widget's open shadow root by themselves.

const ADMIN_KEY = 'snag_demo_alex_morgan'; // the demo's admin

function atsUrl(path = '/'): string {
  const url = process.env.SNAG_ATS_URL;
  if (!url) throw new Error('SNAG_ATS_URL is not set: global-setup did not run');
  return new URL(path, url).toString();
}

function snagUrl(path: string): string {
  return `${process.env.SNAG_BASE_URL}${path}`;
}

async function openWidget(page: Page, path = '/') {
  await page.goto(atsUrl(path));
  const open = page.getByRole('button', { name: 'Report a problem' });
  await expect(open).toBeVisible();
  await open.click();
  const dialog = page.getByRole('dialog', { name: 'Report a problem' });
  await expect(dialog).toBeVisible();
  // The issue types come with the embed token.
  await expect(dialog.getByLabel('Issue type').locator('option')).not.toHaveCount(1);
  return dialog;
}

/** The element focused inside the widget's shadow root (document.activeElement is the host). */
function focusedInWidget(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.querySelector('snag-report-problem')?.shadowRoot?.activeElement as HTMLElement | null;
    return el ? `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}:${el.textContent?.trim() ?? ''}` : 'none';
  });
}

test('the button is on the ATS page, and a report files a ticket for its candidate', async ({ page }) => {
  const tokenRequests: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('/api/v1/embed-tokens') && r.method() === 'POST') tokenRequests.push(r.url());
  });
  const dialog = await openWidget(page);
  await expect(dialog.getByLabel('Candidate id')).toHaveValue('4711');
  await expect(dialog.getByText('The candidate\'s id in demo-ats')).toBeVisible();

  const title = `Offer letter link 404s (widget e2e ${Date.now()})`;
  await dialog.getByLabel('Issue type').selectOption('offer_link_expired');
  await dialog.getByLabel('What went wrong?').fill(title);
  await dialog.getByRole('button', { name: 'Send report' }).click();

  const status = dialog.getByRole('status');
  await expect(status).toHaveText(/^Filed SNAG-\d+$/);
  const key = (await status.textContent())!.replace('Filed ', '');
  // The form is ready for the next report.
  await expect(dialog.getByLabel('What went wrong?')).toHaveValue('');
  await expect(dialog.getByLabel('Issue type')).toHaveValue('');
  await expect(dialog.getByLabel('Candidate id')).toHaveValue('4711');

  const res = await page.request.get(snagUrl(`/api/v1/tickets/${key}`), {
    headers: { Authorization: `Bearer ${ADMIN_KEY}` },
  });
  expect(res.status()).toBe(200);
  const ticket = await res.json();
  expect(ticket.type).toBe('offer_link_expired');
  expect(ticket.title).toBe(title);
  expect(ticket.candidate).toEqual({ ats: 'demo-ats', external_id: '4711' });
  expect(ticket.reporter).toBe(`widget:${new URL(atsUrl()).host}`);

  // A second report reuses the cached embed token: one token for the page so far.
  await dialog.getByLabel('Issue type').selectOption('document_missing');
  await dialog.getByLabel('What went wrong?').fill(`${title} again`);
  await dialog.getByRole('button', { name: 'Send report' }).click();
  await expect(status).not.toHaveText(`Filed ${key}`);
  await expect(status).toHaveText(/^Filed SNAG-\d+$/);
  expect(tokenRequests).toHaveLength(1);
});

test('an empty "What went wrong?" gets the server\'s message beside it', async ({ page }) => {
  const dialog = await openWidget(page);
  await dialog.getByLabel('Issue type').selectOption('document_missing');
  await dialog.getByRole('button', { name: 'Send report' }).click();

  const input = dialog.getByLabel('What went wrong?');
  const error = dialog.locator('#srp-title-error');
  await expect(error).toHaveText('must not be empty');
  await expect(input).toHaveAttribute('aria-invalid', 'true');
  await expect(input).toHaveAttribute('aria-describedby', 'srp-title-error');
  await expect(input).toBeFocused();
  const [inputBox, errorBox] = [await input.boundingBox(), await error.boundingBox()];
  expect(errorBox!.y - (inputBox!.y + inputBox!.height)).toBeLessThan(24);
  await expect(dialog.getByRole('status')).toHaveText('');

  // A bad candidate id lands under Candidate id, from candidate.external_id.
  await dialog.getByLabel('Candidate id').fill('has space');
  await input.fill('Something');
  await dialog.getByRole('button', { name: 'Send report' }).click();
  await expect(dialog.locator('#srp-candidate-error')).toContainText('without spaces');
  await expect(dialog.getByLabel('Candidate id')).toBeFocused();
  await expect(error).toHaveCount(0);
  await axe(page);
});

test('a page of an origin Snag does not list is told so', async ({ page, problems }) => {
  // Same page, same Snag, but http://localhost:<port> is another origin than 127.0.0.1's.
  const url = new URL(atsUrl());
  url.hostname = 'localhost';
  await page.goto(url.toString());
  await page.getByRole('button', { name: 'Report a problem' }).click();
  const dialog = page.getByRole('dialog', { name: 'Report a problem' });
  await expect(dialog.getByRole('alert')).toHaveText(
    `This page may not report to Snag: ask your Snag admin to allow ${url.origin}`,
  );
  // Sending says the same rather than pretending to work.
  await dialog.getByLabel('What went wrong?').fill('Anything');
  await dialog.getByRole('button', { name: 'Send report' }).click();
  await expect(dialog.getByRole('alert')).toHaveText(/ask your Snag admin to allow http:\/\/localhost:\d+$/);
  await expect(dialog.getByRole('status')).toHaveText('');
  expect(problems).toEqual([]);
});

test('keyboard only: open, fill in, send, go round, Escape returns focus', async ({ page }) => {
  await page.goto(atsUrl());
  await expect(page.getByRole('button', { name: 'Report a problem' })).toBeVisible();
  await page.keyboard.press('Tab');
  expect(await focusedInWidget(page)).toBe('button:Report a problem');
  const outline = await page.evaluate(() => {
    const el = document.querySelector('snag-report-problem')!.shadowRoot!.activeElement!;
    const s = getComputedStyle(el);
    return { style: s.outlineStyle, width: parseFloat(s.outlineWidth) };
  });
  expect(outline.style).not.toBe('none');
  expect(outline.width).toBeGreaterThanOrEqual(2);

  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Report a problem' });
  await expect(dialog).toBeVisible();
  expect(await focusedInWidget(page)).toMatch(/^select#srp-type/);
  await expect(dialog.getByLabel('Issue type').locator('option')).not.toHaveCount(1);
  await page.keyboard.type('Document'); // type-ahead picks "Document missing"
  await expect(dialog.getByLabel('Issue type')).toHaveValue('document_missing');
  await page.keyboard.press('Tab');
  expect(await focusedInWidget(page)).toBe('input#srp-candidate:');
  await page.keyboard.press('Tab');
  expect(await focusedInWidget(page)).toBe('input#srp-title:');
  const title = `Keyboard report ${Date.now()}`;
  await page.keyboard.type(title);
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('status')).toHaveText(/^Filed SNAG-\d+$/);

  // Focus stays in the dialog: Send → (Tab) → Close, and back.
  await dialog.getByRole('button', { name: 'Send report' }).focus();
  await page.keyboard.press('Tab');
  expect(await focusedInWidget(page)).toBe('button:×');
  await page.keyboard.press('Shift+Tab');
  expect(await focusedInWidget(page)).toBe('button:Send report');

  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  expect(await focusedInWidget(page)).toBe('button:Report a problem');

  // The Close button closes too, and focus comes back the same way.
  await page.keyboard.press('Enter');
  await expect(dialog).toBeVisible();
  expect(await focusedInWidget(page)).toMatch(/^select#srp-type/);
  await page.keyboard.press('Shift+Tab');
  expect(await focusedInWidget(page)).toBe('button:×');
  await page.keyboard.press('Shift+Tab'); // round from the first control to the last
  expect(await focusedInWidget(page)).toBe('button:Send report');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter'); // on Close
  await expect(dialog).toBeHidden();
  expect(await focusedInWidget(page)).toBe('button:Report a problem');
});

test('the open dialog passes an axe-core WCAG 2 A/AA scan', async ({ page }) => {
  await page.goto(atsUrl());
  await expect(page.getByRole('button', { name: 'Report a problem' })).toBeVisible();
  await axe(page);
  await openWidget(page);
  await axe(page);
});

test('the candidate can come from the page, and data-type preselects a type', async ({ page }) => {
  const dialog = await openWidget(page, '/from-meta');
  await expect(dialog.getByLabel('Candidate id')).toHaveValue('5150');
  await expect(dialog.getByLabel('Issue type')).toHaveValue('background_check_delay');
});

test.describe('on a 390 px phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test('no sideways scroll, 44 px targets, and a report goes through', async ({ page }) => {
    await page.goto(atsUrl());
    const open = page.getByRole('button', { name: 'Report a problem' });
    await expect(open).toBeVisible();
    await open.tap();
    const dialog = page.getByRole('dialog', { name: 'Report a problem' });
    await expect(dialog.getByLabel('Issue type').locator('option')).not.toHaveCount(1);

    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    const box = await dialog.boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    const small = await page.evaluate(() => {
      const root = document.querySelector('snag-report-problem')!.shadowRoot!;
      return Array.from(root.querySelectorAll<HTMLElement>('button, input, select'))
        .map((el) => ({ el, r: el.getBoundingClientRect() }))
        .filter(({ r }) => r.width > 0 && (r.width < 44 || r.height < 44))
        .map(({ el, r }) => `${el.tagName} ${el.id || el.textContent?.trim()} ${r.width}x${r.height}`);
    });
    expect(small).toEqual([]);

    await dialog.getByLabel('Issue type').selectOption('access_problem');
    await dialog.getByLabel('What went wrong?').fill('Cannot open the scorecard on a phone');
    await dialog.getByRole('button', { name: 'Send report' }).tap();
    await expect(dialog.getByRole('status')).toHaveText(/^Filed SNAG-\d+$/);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });
});
