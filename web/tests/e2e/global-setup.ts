import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stopServer } from './server-control';

// Starts a real Snag on a fresh demo database, serving the built app from web/dist, and tells
// the tests where it listens through SNAG_BASE_URL. global-teardown.ts stops it.

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

export default async function globalSetup(): Promise<void> {
  const bin = resolve(webDir, process.env.SNAG_BIN ?? '../build/snag');
  const dist = resolve(webDir, process.env.SNAG_WEB_DIST ?? 'dist');
  if (!existsSync(bin)) throw new Error(`No snag binary at ${bin}: build it, or set SNAG_BIN`);
  if (!existsSync(join(dist, 'index.html')))
    throw new Error(`No ${dist}/index.html: run "npm run build" first`);

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

  const logFile = join(tmp, 'serve.log');
  const log = openSync(logFile, 'a');
  const child = spawn(bin, ['serve', '--listen', '127.0.0.1:0', '--database', db], {
    env: { ...process.env, SNAG_WEB_ROOT: dist, SNAG_SYNTHETIC_ENABLED: 'false' },
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
      throw new Error(`snag serve did not report "listening":\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  process.env.SNAG_BASE_URL = `http://127.0.0.1:${port}`;
}
