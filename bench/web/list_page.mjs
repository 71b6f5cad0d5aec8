#!/usr/bin/env node
// The web app's speed targets (`make bench`), measured in Chromium against a real `snag serve`
// on a fresh demo database serving the built app:
//   - the JavaScript a signed-in first load of /tickets fetches, as it travels: the server sends
//     it gzipped (level 9, once at start) to a browser that takes gzip, as Chromium does;
//   - the time from the /api/v1/tickets response (its responseEnd) to 50 rows in the DOM, both
//     read from the page's own performance clock, over BENCH_WEB_RUNS loads of /tickets?limit=50;
//   - the API requests other than GET /api/v1/tickets made while switching views and filters.
// Prints a Markdown table (and writes it to bench/results/latest-web.md). Exits non-zero only
// when it cannot measure; a missed target is a "no" in the table.
//
// Knobs (environment): SNAG_BIN (build/snag), SNAG_WEB_DIST (web/dist), CHROMIUM_PATH
// (/usr/bin/chromium), BENCH_WEB_RUNS (30), BENCH_KEEP=1 keeps the temp dir with the database
// and the server log. Relative paths are taken from the current directory.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
// Playwright is the web app's dev dependency; this script lives outside web/.
const { chromium, devices } = createRequire(join(root, 'web/package.json'))('@playwright/test');

const TARGET_JS_KB = 150;
const TARGET_RENDER_MS = 200;
const ROWS = 50;
const RUNS = Number(process.env.BENCH_WEB_RUNS ?? 30);
const DEMO_TICKETS = 200;
const USER = { username: 'priya_shah', password: 'snag-demo-password' };

// The same browser as the e2e tests (web/playwright.config.ts).
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function log(msg) {
  process.stderr.write(`bench-web: ${msg}\n`);
}

function listeningPort(logFile) {
  for (const line of readFileSync(logFile, 'utf8').split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const entry = JSON.parse(line);
      if (entry.msg === 'listening' && typeof entry.port === 'number') return entry.port;
    } catch {
      // A line cut mid-write; the next poll reads it whole.
    }
  }
  return null;
}

/** A fresh demo org served with the built app, as web/tests/e2e/global-setup.ts starts it. */
async function startSnag(work) {
  const bin = resolve(process.env.SNAG_BIN ?? join(root, 'build/snag'));
  const dist = resolve(process.env.SNAG_WEB_DIST ?? join(root, 'web/dist'));
  if (!existsSync(bin)) throw new Error(`no snag binary at ${bin}: run 'make build', or set SNAG_BIN`);
  if (!existsSync(join(dist, 'index.html'))) throw new Error(`no ${dist}/index.html: run 'make build', or set SNAG_WEB_DIST`);

  const db = `sqlite:${join(work, 'demo.db')}`;
  log(`seeding the demo org with ${DEMO_TICKETS} tickets`);
  const seeded = spawnSync(bin, ['demo', '--database', db, '--tickets', String(DEMO_TICKETS)], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (seeded.status !== 0) throw new Error(`snag demo failed (${seeded.status}): ${seeded.stderr}`);

  const logFile = join(work, 'serve.log');
  const out = openSync(logFile, 'a');
  const child = spawn(bin, ['serve', '--listen', '127.0.0.1:0', '--database', db], {
    env: { ...process.env, SNAG_WEB_ROOT: dist, SNAG_SYNTHETIC_ENABLED: 'false' },
    stdio: ['ignore', out, out],
  });
  const deadline = Date.now() + 30_000;
  for (;;) {
    const port = listeningPort(logFile);
    if (port !== null) return { child, base: `http://127.0.0.1:${port}` };
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error(`snag serve did not report "listening":\n${readFileSync(logFile, 'utf8')}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function signedInContext(browser, base) {
  const context = await browser.newContext({ ...devices['Desktop Chrome'], baseURL: base });
  const res = await context.request.post('/api/v1/session', { data: USER });
  if (!res.ok()) throw new Error(`sign-in failed: ${res.status()} ${await res.text()}`);
  return context;
}

async function csrfToken(context) {
  return (await (await context.request.get('/api/v1/session')).json()).csrf_token;
}

/** Waits for the list to show the answer of the request the action makes. */
async function listAfter(page, action) {
  const answered = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/tickets');
  await action();
  await answered;
  await page.getByRole('status').filter({ hasText: /Showing|No tickets/ }).waitFor();
}

function isJavaScript(response) {
  const type = response.headers()['content-type'] ?? '';
  return /javascript/.test(type) || new URL(response.url()).pathname.endsWith('.js');
}

async function firstLoadJs(browser, base) {
  const context = await signedInContext(browser, base);
  const page = await context.newPage();
  const scripts = new Map();
  page.on('response', (r) => {
    if (isJavaScript(r)) scripts.set(r.url(), r);
  });
  await listAfter(page, () => page.goto('/tickets'));
  let raw = 0;
  let gzipped = 0;
  for (const r of scripts.values()) {
    raw += (await r.body()).length; // decoded
    const sent = (await r.request().sizes()).responseBodySize; // as it came over the wire
    if (r.headers()['content-encoding'] !== 'gzip') throw new Error(`${r.url()} came uncompressed`);
    gzipped += sent;
  }
  await context.close();
  if (scripts.size === 0) throw new Error('the first load fetched no JavaScript');
  return { files: scripts.size, rawKb: raw / 1000, gzipKb: gzipped / 1000 };
}

/** Installed before the app's scripts run: notes when the list first holds `rows` rows. */
function watchRows(rows) {
  window.__snagRowsAt = null;
  new MutationObserver((_, observer) => {
    const list = document.querySelector('ul[aria-label="Tickets"]');
    if (list && list.children.length >= rows) {
      window.__snagRowsAt = performance.now();
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function renderTimes(browser, base) {
  const context = await signedInContext(browser, base);
  const visible = await (await context.request.get(`/api/v1/tickets?limit=${ROWS}`)).json();
  if (visible.items?.length !== ROWS) throw new Error(`${USER.username} sees ${visible.items?.length} tickets, fewer than ${ROWS}`);
  const page = await context.newPage();
  await page.addInitScript(watchRows, ROWS);
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    await page.goto(`/tickets?limit=${ROWS}`);
    await page.waitForFunction(() => window.__snagRowsAt !== null);
    const { rowsAt, responseEnd } = await page.evaluate(() => {
      const api = performance
        .getEntriesByType('resource')
        .filter((e) => new URL(e.name).pathname === '/api/v1/tickets');
      return { rowsAt: window.__snagRowsAt, responseEnd: api.at(-1)?.responseEnd ?? null };
    });
    if (responseEnd === null) throw new Error('no /api/v1/tickets entry on the resource timeline');
    times.push(rowsAt - responseEnd);
  }
  await context.close();
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), max: times.at(-1) };
}

async function switchRequests(browser, base) {
  const context = await signedInContext(browser, base);
  const csrf = await csrfToken(context);
  const views = [
    { name: 'Bench: resolved and closed', query: 'status=resolved,closed' },
    { name: 'Bench: HRIS', query: 'team=hris' },
  ];
  for (const view of views) {
    const res = await context.request.post('/api/v1/views', { data: { ...view, shared: false }, headers: { 'X-CSRF-Token': csrf } });
    if (!res.ok()) throw new Error(`could not save the view "${view.name}": ${res.status()} ${await res.text()}`);
  }
  const page = await context.newPage();
  let requests = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.startsWith('/api/')) requests.push(`${r.method()} ${path}`);
  });
  await listAfter(page, () => page.goto(`/tickets?limit=${ROWS}`));
  await page.locator('#view-select option', { hasText: views[1].name }).waitFor({ state: 'attached' });
  // The bell reads the notifications again once the event stream opens (notifications.svelte.ts):
  // part of loading the app, not of switching views.
  const deadline = Date.now() + 10_000;
  while (requests.filter((r) => r === 'GET /api/v1/notifications').length < 2 && Date.now() < deadline)
    await page.waitForTimeout(50);
  requests = [];
  const picker = page.getByLabel('View', { exact: true });
  const switches = [
    () => picker.selectOption({ label: views[0].name }),
    () => picker.selectOption({ label: views[1].name }),
    () => page.getByLabel('Sort').selectOption('severity'),
    () => picker.selectOption('all'),
    () => picker.selectOption({ label: views[0].name }),
    () => page.goBack(),
  ];
  for (const action of switches) await listAfter(page, action);
  await context.close();
  const tickets = requests.filter((r) => r === 'GET /api/v1/tickets').length;
  return { switches: switches.length, tickets, others: requests.filter((r) => r !== 'GET /api/v1/tickets') };
}

function table({ js, render, switching, chromiumVersion }) {
  const met = (ok) => (ok ? 'yes' : 'no');
  const ms = (v) => `${v.toFixed(1)} ms`;
  const cpu = cpus();
  return [
    `Measured ${new Date().toISOString().slice(0, 16)}Z with \`make bench\` (\`node bench/web/list_page.mjs\`): Chromium`,
    `${chromiumVersion} headless, ${cpu.length} CPUs, ${cpu[0]?.model.trim()}; the demo org (${DEMO_TICKETS} tickets) served by`,
    `\`snag serve\` on loopback; render times over ${RUNS} loads of /tickets?limit=${ROWS}; 1 KB = 1000 bytes.`,
    '',
    '| metric | value | target | met? |',
    '|---|---:|---|---|',
    `| JavaScript of a signed-in first load of /tickets, as sent gzipped (${js.files} file${js.files === 1 ? '' : 's'}, ${js.rawKb.toFixed(1)} KB raw) | ${js.gzipKb.toFixed(1)} KB | ≤ ${TARGET_JS_KB} KB | ${met(js.gzipKb <= TARGET_JS_KB)} |`,
    `| ${ROWS} rows in the DOM after the /api/v1/tickets response, p50 | ${ms(render.p50)} | ≤ ${TARGET_RENDER_MS} ms | ${met(render.p50 <= TARGET_RENDER_MS)} |`,
    `| ${ROWS} rows in the DOM after the /api/v1/tickets response, p95 (max ${ms(render.max)}) | ${ms(render.p95)} | ≤ ${TARGET_RENDER_MS} ms | ${met(render.p95 <= TARGET_RENDER_MS)} |`,
    `| API requests other than GET /api/v1/tickets over ${switching.switches} view and filter switches (${switching.tickets} list requests) | ${switching.others.length} | 0 | ${met(switching.others.length === 0)}${switching.others.length ? ` (${[...new Set(switching.others)].join(', ')})` : ''} |`,
  ].join('\n');
}

async function main() {
  const work = mkdtempSync(join(tmpdir(), 'snag-bench-web-'));
  let server = null;
  let browser = null;
  const stop = () => server?.child.exitCode === null && server.child.kill('SIGTERM');
  process.on('exit', stop);
  try {
    server = await startSnag(work);
    log(`server pid ${server.child.pid} on ${server.base}`);
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
    log('first load');
    const js = await firstLoadJs(browser, server.base);
    log(`render time over ${RUNS} loads`);
    const render = await renderTimes(browser, server.base);
    log('switching views');
    const switching = await switchRequests(browser, server.base);
    const text = table({ js, render, switching, chromiumVersion: browser.version() });
    console.log(text);
    mkdirSync(join(root, 'bench/results'), { recursive: true });
    writeFileSync(join(root, 'bench/results/latest-web.md'), `${text}\n`);
  } finally {
    await browser?.close();
    stop();
    if (process.env.BENCH_KEEP === '1') log(`kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e) => {
  log(e instanceof Error ? e.stack ?? e.message : String(e));
  process.exit(1);
});
