// Shapes of the public API's answers (see /openapi.json); only what the UI reads.

export type Severity = 'sev1' | 'sev2' | 'sev3' | 'sev4';

export interface CandidateRef {
  ats: string;
  external_id: string;
}

export interface Sla {
  resolution_due_at: string | null;
  breached: boolean;
  first_response_due_at?: string | null;
  first_responded_at?: string | null;
  first_response_breached?: boolean;
  paused?: boolean;
  calendar?: string | null;
}

export interface Ticket {
  id: number;
  key: string;
  type: string;
  title: string;
  description: string;
  status: string;
  severity: Severity;
  team: string;
  assignee: string | null;
  reporter?: string;
  candidate: CandidateRef | null;
  labels: string[];
  fields: Record<string, unknown>;
  created_at: string;
  updated_at: string;
  resolved_at?: string | null;
  version: number;
  sla: Sla;
  watchers?: string[];
}

export interface TicketPage {
  items: Ticket[];
  next_cursor: string | null;
}

export interface SessionUser {
  username: string;
  display_name: string;
  role: string;
  team: string | null;
  /** The list query the role opens on (the server's `views:` section); null: every ticket. */
  default_view?: string | null;
  /** The permissions the credential may use ("incidents:write", "keys:admin", …). */
  permissions?: string[];
}

/** A saved ticket list query (GET /api/v1/views). */
export interface SavedView {
  id: number;
  name: string;
  /** GET /api/v1/tickets parameters, without a cursor. */
  query: string;
  shared: boolean;
  owner: string;
  /** The caller saved it, and so may change or delete it. */
  mine: boolean;
  created_at: string;
  updated_at: string;
}

export interface Session {
  user: SessionUser;
  csrf_token: string | null;
  expires_at?: string;
}

export interface IssueType {
  code: string;
  name: string;
  category: string;
  deprecated: boolean;
  default_severity?: Severity;
  default_team?: string;
  replaced_by?: string | null;
  /** The name of its workflow (GET /api/v1/workflows). */
  workflow?: string;
}

/** A team as GET /api/v1/teams lists it. */
export interface Team {
  code: string;
  name: string;
}

export interface Transition {
  from: string;
  to: string;
}

/** A workflow as GET /api/v1/workflows lists it; `statuses` are in display order. */
export interface Workflow {
  name: string;
  statuses: string[];
  initial: string;
  done: string[];
  paused: string[];
  transitions: Transition[];
}

export interface HistoryChange {
  field: string;
  old: unknown;
  new: unknown;
}

export interface HistoryEntry {
  at: string;
  actor: string;
  action: string;
  changes: HistoryChange[];
}

export interface BulkResult {
  key: string;
  status: number;
  error?: { title?: string; detail?: string; status?: number; allowed?: string[] };
}
