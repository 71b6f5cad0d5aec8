import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, signIn } from './fixtures';

// What the admin screens' browser tests share. Not a spec: the admin-*.spec.ts files import it.

export const ADMIN = 'alex_morgan';

/** A name no earlier run or test used, for things the tests create in the shared database. */
export function unique(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
}

/** Signs in as the admin on an admin screen and waits for its heading. */
export async function openAdmin(page: Page, slug: string, heading: string): Promise<void> {
  await signIn(page, `/admin/${slug}`, ADMIN);
  await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
}

export async function axe(page: Page): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  const summary = result.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`,
  );
  expect(summary).toEqual([]);
}

export async function noHorizontalScroll(page: Page): Promise<void> {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(page.viewportSize()?.width ?? 390);
}

/** Every visible button, link, summary, select and text box is at least 44 px high and wide. */
export async function touchTargets(page: Page): Promise<void> {
  const small = await page.evaluate(() => {
    const out: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>(
      'main a, main button, main summary, main select, main input, main textarea, main label:has(> input[type=checkbox])',
    )) {
      if (el instanceof HTMLInputElement && el.type === 'checkbox') continue; // its label is the target
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue; // not rendered
      if (r.height < 44 || r.width < 44) out.push(`${el.tagName} "${el.textContent?.trim().slice(0, 30)}" ${r.width}x${r.height}`);
    }
    return out;
  });
  expect(small).toEqual([]);
}

const screensDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../test-results/screens');

/** A full-page picture of the screen for review: test-results/screens/<name>-<kind>.png. */
export async function saveScreen(page: Page, name: string, kind: 'desktop' | 'mobile'): Promise<void> {
  mkdirSync(screensDir, { recursive: true });
  await page.screenshot({ path: join(screensDir, `${name}-${kind}.png`), fullPage: true });
}
