import type { Component } from 'svelte';

// The administration screens, one per API they manage. Each names the permissions that open it
// (any one suffices) and loads only when opened, so the rest of the app stays small.

export interface AdminSection {
  /** The path segment: /admin/<slug>. */
  slug: string;
  title: string;
  /** One line under the title in the section list. */
  summary: string;
  permissions: readonly string[];
  load: () => Promise<{ default: Component }>;
}

export const adminSections: readonly AdminSection[] = [];

export function findSection(slug: string): AdminSection | undefined {
  return adminSections.find((s) => s.slug === slug);
}
