// Vocabularies the API has no endpoint for yet. Statuses are those of the default workflow
// (API.md); teams are the ones the server names in its 422 for an unknown team. Issue types
// do have an endpoint and come from GET /api/v1/issue-types.

export const STATUSES = [
  'new',
  'triaged',
  'in_progress',
  'pending',
  'resolved',
  'verified',
  'closed',
] as const;

export const SEVERITIES = ['sev1', 'sev2', 'sev3', 'sev4'] as const;

export const TEAMS = ['recruitment', 'hris', 'compliance', 'legal', 'it_support'] as const;

export const SORTS = [
  { value: '-created_at', label: 'Newest first' },
  { value: 'created_at', label: 'Oldest first' },
  { value: '-updated_at', label: 'Recently updated' },
  { value: 'updated_at', label: 'Least recently updated' },
  { value: 'severity', label: 'Severity (most severe first)' },
] as const;

export type Sort = (typeof SORTS)[number]['value'];

const SEVERITY_LABELS: Record<string, string> = {
  sev1: 'Sev 1 (critical)',
  sev2: 'Sev 2 (high)',
  sev3: 'Sev 3 (medium)',
  sev4: 'Sev 4 (low)',
};

/** `in_progress` → `In progress`; unknown codes (custom workflows) get the same treatment. */
export function humanize(code: string): string {
  const s = code.replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function severityLabel(s: string): string {
  return SEVERITY_LABELS[s] ?? humanize(s);
}

export function teamLabel(t: string): string {
  return t === 'hris' ? 'HRIS' : t === 'it_support' ? 'IT support' : humanize(t);
}
