import type { Page } from '@playwright/test';
import { axe, noHorizontalScroll } from './checks';
import { test, expect, signIn, addRuleForThisFile, USER } from './fixtures';

// A notification is stored for a person only by an automation rule's `notify` action (README
// "Automation", "Notifications"). The shipped rules notify at SLA points, which a test cannot
// wait for, so an admin (the demo's alex_morgan, through his API key) adds a `ticket_created`
// rule that tells the assignee of a ticket whose title carries a marker, and the tests open such
// tickets for the signed-in user. The rules in force before are put back afterwards.

const MARKER = '[notify-e2e]';
const RULE = `
  - name: e2e-notify-assignee
    description: Tells the assignee of a ticket opened by the browser tests.
    when: ticket_created
    if: {field: ticket.title, contains: "${MARKER}"}
    then:
      - notify: {to: assignee, message: "a ticket was opened for you"}
`;

const admin = addRuleForThisFile(RULE);

/** Opens a ticket assigned to the signed-in user, which the rule above notifies them of. */
async function ticketForMe(title: string): Promise<string> {
  const res = await admin().post('/api/v1/tickets', {
    data: {
      type: 'document_missing',
      title: `${title} ${MARKER}`,
      team: 'recruitment',
      assignee: USER.username,
      candidate: { ats: 'greenhouse', external_id: '40263192' },
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { key: string }).key;
}

async function unreadOnServer(page: Page): Promise<number> {
  const res = await page.request.get('/api/v1/notifications?limit=1');
  expect(res.status()).toBe(200);
  return ((await res.json()) as { unread_count: number }).unread_count;
}

function bell(page: Page) {
  return page.getByTestId('bell');
}

/** The bell shows the server's count (its accessible name says it too). */
async function bellShows(page: Page, n: number) {
  await expect(bell(page)).toHaveAccessibleName(n === 0 ? 'Notifications, none unread' : `Notifications, ${n} unread`, {
    timeout: 10_000,
  });
  if (n === 0) await expect(page.getByTestId('bell-count')).toHaveCount(0);
  else await expect(page.getByTestId('bell-count')).toHaveText(n > 99 ? '99+' : String(n));
}

test('the bell counts a new notification live, and marking it read brings the count down', async ({ page }) => {
  await signIn(page, '/tickets');
  const start = await unreadOnServer(page);
  await bellShows(page, start);

  await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));
  const key = await ticketForMe('Bell goes up');
  await bellShows(page, start + 1);
  expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);

  await bell(page).click();
  await expect(bell(page)).toHaveAttribute('aria-expanded', 'true');
  const panel = page.getByRole('region', { name: 'Notifications' });
  const item = panel.getByRole('listitem').filter({ hasText: key });
  await expect(item).toContainText('Unread');
  await expect(item.getByRole('link', { name: `Open ${key}` })).toBeVisible();
  await item.getByRole('button', { name: /Mark read/ }).click();
  await bellShows(page, start);
  await expect(item).not.toContainText('Unread');
  await expect(item.getByRole('button', { name: /Mark read/ })).toHaveCount(0);
  await expect.poll(() => unreadOnServer(page)).toBe(start);

  // Escape closes the panel and gives focus back to the bell.
  await page.keyboard.press('Escape');
  await expect(bell(page)).toHaveAttribute('aria-expanded', 'false');
  await expect(bell(page)).toBeFocused();
});

test('mark all read, and the link opens the ticket', async ({ page }) => {
  await signIn(page, '/tickets');
  const start = await unreadOnServer(page);
  await bellShows(page, start);
  await ticketForMe('First of two');
  const key = await ticketForMe('Second of two');
  await bellShows(page, start + 2);
  await bell(page).click();
  await page.getByRole('button', { name: 'Mark all read' }).click();
  await bellShows(page, 0);
  await expect.poll(() => unreadOnServer(page)).toBe(0);
  await page.getByRole('link', { name: `Open ${key}` }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(key);
  await expect(bell(page)).toHaveAttribute('aria-expanded', 'false');
});

test('notifications read while the page was away are counted on load', async ({ page }) => {
  await signIn(page, '/tickets');
  await ticketForMe('Arrived while away');
  const n = await unreadOnServer(page);
  await page.reload();
  await bellShows(page, n);
});

test('the open notifications panel passes an axe WCAG 2 A/AA scan', async ({ page }) => {
  await signIn(page, '/dashboards');
  await ticketForMe('For the accessibility scan');
  await bellShows(page, await unreadOnServer(page));
  await bell(page).click();
  await expect(page.getByRole('region', { name: 'Notifications' }).getByRole('listitem').first()).toBeVisible();
  await axe(page);
});

test.describe('at 390 px', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test('the panel fits the screen and its targets are big enough', async ({ page }) => {
    await signIn(page, '/tickets');
    await ticketForMe('On a phone');
    await bellShows(page, await unreadOnServer(page));
    await bell(page).tap();
    const panel = page.getByRole('region', { name: 'Notifications' });
    await expect(panel.getByRole('listitem').first()).toBeVisible();
    const box = await panel.boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    await noHorizontalScroll(page);
    const small = await page.evaluate(() => {
      const out: string[] = [];
      for (const el of document.querySelectorAll<HTMLElement>('#notification-panel a, #notification-panel button, [data-testid=bell]')) {
        const r = el.getBoundingClientRect();
        if (r.width === 0 && r.height === 0) continue;
        if (r.height < 44 || r.width < 44) out.push(`${el.tagName} "${el.textContent?.trim().slice(0, 30)}" ${r.width}x${r.height}`);
      }
      return out;
    });
    expect(small).toEqual([]);
  });
});
