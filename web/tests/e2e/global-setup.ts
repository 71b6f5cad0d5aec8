import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { stopAtsPage, stopServer } from './server-control';

// Starts a real Snag on a fresh demo database, serving the built app from web/dist, and tells
// the tests where it listens through SNAG_BASE_URL. global-teardown.ts stops it.
//
// For the widget it also starts a stand-in "ATS page" on another port, whose origin Snag is told
// to allow (SNAG_WIDGET_ALLOWED_ORIGINS); tests find it at SNAG_ATS_URL.

const webDir = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

function listeningPort(logFile: string): number | null {
  let text: string;
  try {
    text = readFileSync(logFile, 'utf8');
  } catch {
    return null;
  }
  for (const line of text.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const entry = JSON.parse(line) as { msg?: string; port?: number };
      if (entry.msg === 'listening' && typeof entry.port === 'number') return entry.port;
    } catch {
      // A line cut mid-write; the next poll reads it whole.
    }
  }
  return null;
}

function escapeAttr(v: string): string {
  return v.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/**
 * A candidate page of a made-up ATS that embeds the widget the documented way. Snag's port is
 * known only once it listens, so the page is written per request. `/` names the candidate on the
 * script tag; `/from-meta` leaves it to the page (`<meta name="snag:candidate">`) and preselects
 * an issue type with data-type.
 */
function atsPage(path: string): string | null {
  const snag = process.env.SNAG_BASE_URL ?? '';
  let head = '';
  let attrs = 'data-connector="demo-ats" data-candidate="4711"';
  if (path === '/from-meta') {
    head = '<meta name="snag:candidate" content="5150">';
    attrs = 'data-connector="demo-ats" data-type="background_check_delay"';
  } else if (path !== '/') return null;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${head}
<title>Jordan Example · Example ATS</title>
</head>
<body>
<header><p>Example ATS</p></header>
<main>
<h1>Jordan Example</h1>
<p>Stage: Offer. Applied for Backend Engineer.</p>
<script src="${escapeAttr(snag)}/widget.js" ${attrs} defer></script>
</main>
</body>
</html>
`;
}

async function startAtsPage(): Promise<number> {
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://ats.invalid').pathname;
    const html = req.method === 'GET' ? atsPage(path) : null;
    if (html === null) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(html);
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', ok);
  });
  // Teardown runs in this process: it finds the server here.
  (globalThis as { __snagAtsPage?: Server }).__snagAtsPage = server;
  return (server.address() as AddressInfo).port;
}

export default async function globalSetup(): Promise<void> {
  const bin = resolve(webDir, process.env.SNAG_BIN ?? '../build/snag');
  const dist = resolve(webDir, process.env.SNAG_WEB_DIST ?? 'dist');
  if (!existsSync(bin)) throw new Error(`No snag binary at ${bin}: build it, or set SNAG_BIN`);
  if (!existsSync(join(dist, 'index.html')))
    throw new Error(`No ${dist}/index.html: run "npm run build" first`);

  if (!existsSync(join(dist, 'widget.js')))
    throw new Error(`No ${dist}/widget.js: run "npm run build" first (it builds the app and the widget)`);

  const tmp = mkdtempSync(join(tmpdir(), 'snag-web-e2e-'));
  process.env.SNAG_E2E_TMP = tmp;
  const db = `sqlite:${join(tmp, 'demo.db')}`;
  const seeded = spawnSync(bin, ['demo', '--database', db, '--tickets', '200'], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (seeded.status !== 0) {
    rmSync(tmp, { recursive: true, force: true });
    throw new Error(`snag demo failed (${seeded.status}): ${seeded.stderr}`);
  }

  let atsPort: number;
  try {
    atsPort = await startAtsPage();
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
  const atsOrigin = `http://127.0.0.1:${atsPort}`;

  const logFile = join(tmp, 'serve.log');
  const log = openSync(logFile, 'a');
  const child = spawn(bin, ['serve', '--listen', '127.0.0.1:0', '--database', db], {
    env: {
      ...process.env,
      SNAG_WEB_ROOT: dist,
      SNAG_SYNTHETIC_ENABLED: 'false',
      SNAG_WIDGET_ALLOWED_ORIGINS: atsOrigin,
    },
    stdio: ['ignore', log, log],
    detached: false,
  });
  child.unref();
  if (child.pid === undefined) throw new Error('snag serve did not start');
  process.env.SNAG_E2E_PID = String(child.pid);

  const deadline = Date.now() + 30_000;
  let port: number | null = null;
  while (port === null) {
    port = listeningPort(logFile);
    if (port !== null) break;
    if (child.exitCode !== null || Date.now() > deadline) {
      const out = readFileSync(logFile, 'utf8');
      await stopServer();
      await stopAtsPage();
      throw new Error(`snag serve did not report "listening":\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  process.env.SNAG_BASE_URL = `http://127.0.0.1:${port}`;
  process.env.SNAG_ATS_URL = `${atsOrigin}/`;
}
