import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expect } from './fixtures';

// Checks any screen's browser test may make, and its screenshot for review. Not a spec.

/** No WCAG 2 A/AA violation that axe-core finds on the page as it is now. */
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

/**
 * Every visible button, link, summary, select and text box inside `within` (the main content
 * unless said otherwise; 'body' takes the header in too) is at least 44 px high and wide.
 */
export async function touchTargets(page: Page, within = 'main'): Promise<void> {
  const small = await page.evaluate((scope) => {
    const out: string[] = [];
    const kinds = ['a', 'button', 'summary', 'select', 'input', 'textarea', 'label:has(> input[type=checkbox])'];
    for (const el of document.querySelectorAll<HTMLElement>(kinds.map((k) => `${scope} ${k}`).join(', '))) {
      if (el instanceof HTMLInputElement && el.type === 'checkbox') continue; // its label is the target
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue; // not rendered
      if (r.height < 44 || r.width < 44) out.push(`${el.tagName} "${el.textContent?.trim().slice(0, 30)}" ${r.width}x${r.height}`);
    }
    return out;
  }, within);
  expect(small).toEqual([]);
}

/**
 * Where screenshots go: SNAG_SCREENS_DIR if set (another Playwright run in the same checkout
 * empties test-results), else web/test-results/screens (git-ignored).
 */
export const screensDir =
  process.env.SNAG_SCREENS_DIR || resolve(dirname(fileURLToPath(import.meta.url)), '../../test-results/screens');

/** A full-page picture of the screen for review: <screensDir>/<name>-<kind>.png. */
export async function saveScreen(page: Page, name: string, kind: 'desktop' | 'mobile'): Promise<void> {
  mkdirSync(screensDir, { recursive: true });
  await page.screenshot({ path: join(screensDir, `${name}-${kind}.png`), fullPage: true });
}
