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

export const adminSections: readonly AdminSection[] = [
  {
    slug: 'keys',
    title: 'API keys',
    summary: 'Create, rotate and revoke the keys other systems call the API with.',
    permissions: ['keys:admin'],
    load: () => import('./ApiKeys.svelte'),
  },
  {
    slug: 'users',
    title: 'Users and teams',
    summary: 'Who signs in: create users, change their role or team, disable them.',
    permissions: ['users:admin'],
    load: () => import('./Users.svelte'),
  },
  {
    slug: 'connectors',
    title: 'Connectors and dead letters',
    summary: 'ATS accounts, the health of their feeds, and deliveries that failed.',
    permissions: ['connectors:admin'],
    load: () => import('./Connectors.svelte'),
  },
  {
    slug: 'vendors',
    title: 'Vendors',
    summary: 'The security attestations that let a webhook vendor receive data.',
    permissions: ['vendors:admin'],
    load: () => import('./Vendors.svelte'),
  },
  {
    slug: 'rules',
    title: 'Automation rules',
    summary: 'The rules that open, route and escalate tickets: edit, validate, and their versions.',
    permissions: ['automation:admin'],
    load: () => import('./Rules.svelte'),
  },
  {
    slug: 'suppression-windows',
    title: 'Suppression windows',
    summary: 'Hiring freezes and maintenance windows that hold escalations back.',
    permissions: ['automation:admin'],
    load: () => import('./SuppressionWindows.svelte'),
  },
  {
    // Read-only, and GET /api/v1/issue-types, /teams and /workflows answer any signed-in caller.
    slug: 'taxonomy',
    title: 'Taxonomy and workflows',
    summary: 'Issue types, teams and each workflow’s statuses and transitions, as configured.',
    permissions: ['tickets:read'],
    load: () => import('./Taxonomy.svelte'),
  },
  {
    // Read-only like the taxonomy: GET /api/v1/sla-policy answers any signed-in caller, and
    // knowing the targets helps everyone who works tickets.
    slug: 'sla',
    title: 'SLA policy and calendars',
    summary: 'The targets per severity, the business calendars, and which one runs a ticket’s clock.',
    permissions: ['tickets:read'],
    load: () => import('./SlaPolicy.svelte'),
  },
  {
    // Read-only, and GET /api/v1/retention-rules answers any signed-in caller: the rules say how
    // long tickets live, nothing about any one ticket, so there is no reason to hide them.
    slug: 'retention',
    title: 'Retention rules',
    summary: 'How long tickets are kept after they are resolved or the ATS purged the candidate.',
    permissions: ['tickets:read'],
    load: () => import('./RetentionRules.svelte'),
  },
  {
    slug: 'legal-holds',
    title: 'Legal holds',
    summary: 'Keep a candidate’s records or a ticket from erasure and retention.',
    permissions: ['compliance:admin'],
    load: () => import('./LegalHolds.svelte'),
  },
  {
    slug: 'erasure',
    title: 'Erasure requests',
    summary: 'Erase a candidate’s personal data, and see what each request erased.',
    permissions: ['compliance:admin'],
    load: () => import('./ErasureRequests.svelte'),
  },
];

export function findSection(slug: string): AdminSection | undefined {
  return adminSections.find((s) => s.slug === slug);
}
