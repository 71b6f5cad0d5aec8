import type { Page } from '@playwright/test';
import { expect, signIn } from './fixtures';

// What the admin screens' browser tests share. Not a spec: the admin-*.spec.ts files import it.
// The generic checks live in checks.ts; they are re-exported so the admin specs import one file.
export { axe, noHorizontalScroll, touchTargets, saveScreen } from './checks';

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
