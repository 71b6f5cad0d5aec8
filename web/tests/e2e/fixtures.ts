import { test as base, expect, request, type APIRequestContext, type Page } from '@playwright/test';

export const PASSWORD = 'snag-demo-password';
export const USER = { username: 'priya_shah', name: 'Priya Shah' };

/** Collects CSP violations reported in the console, and uncaught page errors. */
export function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (msg) => {
    const text = msg.text();
    if (/Content[- ]Security[- ]Policy/i.test(text)) problems.push(`CSP: ${text}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  return problems;
}

// Every test page is watched: a Content Security Policy violation in the console, or an
// uncaught error, fails the test that caused it.
export const test = base.extend<{ problems: string[] }>({
  baseURL: async ({}, use) => {
    const url = process.env.SNAG_BASE_URL;
    if (!url) throw new Error('SNAG_BASE_URL is not set: global-setup did not run');
    await use(url);
  },
  problems: [
    async ({ page }, use) => {
      const problems = watchProblems(page);
      await use(problems);
      // A test that provokes a violation on purpose empties the list after checking it.
      expect(problems, 'CSP violations or page errors').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

export async function signIn(page: Page, path = '/tickets', user = USER.username): Promise<void> {
  await page.goto(path);
  await expect(page.getByRole('heading', { name: 'Sign in to Snag' })).toBeVisible();
  await page.getByLabel('Username').fill(user);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
}

/** Waits for the list to show the answer of its latest request. */
export async function listSettled(page: Page): Promise<void> {
  await expect(page.getByRole('status').filter({ hasText: /Showing|No tickets/ })).toBeVisible();
}

export function rows(page: Page) {
  return page.getByRole('list', { name: 'Tickets' }).getByRole('listitem');
}

async function csrf(page: Page): Promise<string> {
  const res = await page.request.get('/api/v1/session');
  expect(res.status(), 'signed in').toBe(200);
  return (await res.json()).csrf_token as string;
}

/**
 * A fresh ticket in status `new`, made through the API with the page's session, so that a
 * test does not depend on (or disturb) the demo's tickets.
 */
export async function createTicket(page: Page, title: string, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await page.request.post('/api/v1/tickets', {
    data: { type: 'document_missing', title, candidate: { ats: 'greenhouse', external_id: '40263192' }, ...extra },
    headers: { 'X-CSRF-Token': await csrf(page) },
  });
  expect(res.status()).toBe(201);
  return (await res.json()).key as string;
}

/** A write through the API as the signed-in user, as another tab of theirs would make it. */
export async function apiWrite(page: Page, method: 'POST' | 'PATCH', path: string, data: unknown, headers: Record<string, string> = {}) {
  return page.request.fetch(path, { method, data, headers: { 'X-CSRF-Token': await csrf(page), ...headers } });
}

/**
 * Adds `rule` (an item of the rules' YAML list) to the rules in force for the tests of the
 * calling file, and puts the rules that were in force back after them. Answers the demo admin
 * (alex_morgan, through his API key) for those tests to call the API as.
 */
export function addRuleForThisFile(rule: string): () => APIRequestContext {
  let admin: APIRequestContext | undefined;
  let originalRules = '';

  test.beforeAll(async () => {
    admin = await request.newContext({
      baseURL: process.env.SNAG_BASE_URL,
      extraHTTPHeaders: { Authorization: 'Bearer snag_demo_alex_morgan' },
    });
    const res = await admin.get('/api/v1/rules');
    expect(res.status()).toBe(200);
    originalRules = ((await res.json()) as { yaml: string }).yaml;
    const put = await admin.put('/api/v1/rules', {
      headers: { 'Content-Type': 'application/yaml' },
      data: originalRules.trimEnd() + '\n' + rule,
    });
    expect(put.status(), await put.text()).toBe(200);
  });

  test.afterAll(async () => {
    if (originalRules) {
      const put = await admin!.put('/api/v1/rules', { headers: { 'Content-Type': 'application/yaml' }, data: originalRules });
      expect(put.status()).toBe(200);
    }
    await admin?.dispose();
  });

  return () => {
    if (!admin) throw new Error('the admin is there only once beforeAll has run');
    return admin;
  };
}
