import { parseProblem, type Problem } from '../lib/problem';
import type { EmbedToken, IssueType } from './tokens';
import { readBody } from '../lib/body';

// The widget's two calls to Snag, cross-origin and without credentials: an embed token for this
// page's origin, then the ticket filed with it.

/** Why a call failed: Snag refused this page's origin, answered with a problem, or was not reached. */
export class WidgetError extends Error {
  readonly kind: 'refused' | 'problem' | 'network';
  readonly problem: Problem | null;
  constructor(kind: WidgetError['kind'], problem: Problem | null, message: string) {
    super(message);
    this.kind = kind;
    this.problem = problem;
  }
}

export interface FiledTicket {
  key: string;
}

export interface NewReport {
  type: string;
  title: string;
  candidate: { ats: string; external_id: string };
}

function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    mode: 'cors',
    credentials: 'omit',
    cache: 'no-store',
    headers: { Accept: 'application/json', 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

const UNREACHABLE = 'Snag could not be reached. Check your connection and try again.';

function asIssueTypes(v: unknown): IssueType[] {
  if (!Array.isArray(v)) return [];
  return v.flatMap((t) =>
    typeof t === 'object' && t !== null && typeof t.code === 'string'
      ? [{ code: t.code, name: typeof t.name === 'string' && t.name ? t.name : t.code }]
      : [],
  );
}

export async function fetchEmbedToken(base: string, connector: string, origin: string): Promise<EmbedToken> {
  let res: Response;
  try {
    res = await post(`${base}/api/v1/embed-tokens`, { connector });
  } catch {
    throw new WidgetError('network', null, UNREACHABLE);
  }
  const body = await readBody(res);
  // Snag lets any page read its refusal of the page's origin.
  if (res.status === 403) throw new WidgetError('refused', parseProblem(403, body), origin);
  if (!res.ok) {
    const p = parseProblem(res.status, body, res.statusText);
    throw new WidgetError('problem', p, p.detail ?? p.title);
  }
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  if (typeof b.token !== 'string' || b.token === '')
    throw new WidgetError('network', null, 'Snag answered without a token. Try again later.');
  return {
    token: b.token,
    expiresIn: typeof b.expires_in === 'number' && b.expires_in > 0 ? b.expires_in : 60,
    ats: typeof b.ats === 'string' ? b.ats : '',
    issueTypes: asIssueTypes(b.issue_types),
  };
}

/** A random Idempotency-Key: a retried request files one ticket. (randomUUID needs HTTPS.) */
export function idempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Files the report. A 401 means the token is no longer good: `retryable` tells the caller to get another. */
export async function fileTicket(
  base: string,
  token: string,
  report: NewReport,
  key: string,
): Promise<FiledTicket> {
  let res: Response;
  try {
    res = await post(`${base}/api/v1/tickets`, report, {
      Authorization: `Bearer ${token}`,
      'Idempotency-Key': key,
    });
  } catch {
    throw new WidgetError('network', null, UNREACHABLE);
  }
  const body = await readBody(res);
  if (!res.ok) {
    const p = parseProblem(res.status, body, res.statusText);
    throw new WidgetError('problem', p, p.detail ?? p.title);
  }
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  return { key: typeof b.key === 'string' ? b.key : '' };
}
