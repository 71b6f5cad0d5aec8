import { test, expect, signIn, USER } from './fixtures';

test('the server sends the strict policy with the app', async ({ request }) => {
  for (const path of ['/', '/tickets/SNAG-1', '/new']) {
    const res = await request.get(path);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toContain('text/html');
    const csp = res.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
  }
});

test('the CSP watch catches a violation (so its silence elsewhere means something)', async ({ page, problems }) => {
  await page.goto('/signin');
  await expect(page.getByRole('heading', { name: 'Sign in to Snag' })).toBeVisible();
  await page.evaluate(() => {
    const s = document.createElement('style');
    s.textContent = 'body { color: red }';
    document.head.append(s);
  });
  await expect.poll(() => problems.length).toBeGreaterThan(0);
  expect(problems[0]).toContain('style-src');
  problems.length = 0;
});

test('sign in, stay signed in across a reload, sign out', async ({ page }) => {
  await page.goto('/tickets?status=new');
  // Signed out: sent to sign-in, remembering where to go after.
  await expect(page).toHaveURL(/\/signin\?next=/);

  await page.getByLabel('Username').fill(USER.username);
  await page.getByLabel('Password').fill('wrong password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText(/do not match|wrong/i);

  await page.getByLabel('Password').fill('snag-demo-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/tickets\?status=new$/);
  await expect(page.getByText(USER.name)).toBeVisible();

  await page.reload();
  await expect(page.getByRole('heading', { name: 'Tickets', level: 1 })).toBeVisible();
  await expect(page.getByText(USER.name)).toBeVisible();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to Snag' })).toBeVisible();
  // The session is gone on the server too, not just forgotten by the page.
  const res = await page.request.get('/api/v1/session');
  expect(res.status()).toBe(401);
  await page.goto('/tickets');
  await expect(page).toHaveURL(/\/signin/);
});

test('a write without the CSRF token is refused, with it accepted', async ({ page }) => {
  await signIn(page);
  const session = await (await page.request.get('/api/v1/session')).json();
  // A ticket this user may see: which demo tickets those are depends on the day the demo was seeded.
  const list = await (await page.request.get('/api/v1/tickets?limit=1')).json();
  const key = list.items[0].key as string;
  const without = await page.request.post(`/api/v1/tickets/${key}/comments`, { data: { body: 'x' } });
  expect(without.status()).toBe(403);
  const withToken = await page.request.post(`/api/v1/tickets/${key}/comments`, {
    data: { body: 'csrf ok' },
    headers: { 'X-CSRF-Token': session.csrf_token },
  });
  expect(withToken.status()).toBe(201);
});
