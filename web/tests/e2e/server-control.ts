import { rmSync } from 'node:fs';
import type { Server } from 'node:http';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Stops the server global-setup started (SIGTERM, then SIGKILL) and removes its temp dir. */
export async function stopServer(): Promise<void> {
  const pid = Number(process.env.SNAG_E2E_PID ?? '');
  if (pid > 0 && alive(pid)) {
    process.kill(pid, 'SIGTERM');
    const deadline = Date.now() + 10_000;
    while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    if (alive(pid)) process.kill(pid, 'SIGKILL');
  }
  delete process.env.SNAG_E2E_PID;
  const tmp = process.env.SNAG_E2E_TMP;
  if (tmp) rmSync(tmp, { recursive: true, force: true });
  delete process.env.SNAG_E2E_TMP;
}

/** Stops the stand-in ATS page global-setup started for the widget tests, if it runs. */
export async function stopAtsPage(): Promise<void> {
  const holder = globalThis as { __snagAtsPage?: Server };
  const server = holder.__snagAtsPage;
  delete holder.__snagAtsPage;
  delete process.env.SNAG_ATS_URL;
  if (!server) return;
  server.closeAllConnections();
  await new Promise<void>((done) => server.close(() => done()));
}
