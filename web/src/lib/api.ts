import { parseProblem, type Problem } from './problem';
import { readBody } from './body';

// The CSRF token of the signed-in session. It lives in memory only: the cookie is HttpOnly,
// and a reload gets the token back from GET /api/v1/session.
let csrfToken: string | null = null;
let onUnauthenticated: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when any call answers 401, so the app can show sign-in wherever the user was. */
export function setUnauthenticatedHandler(fn: (() => void) | null): void {
  onUnauthenticated = fn;
}

export class ApiError extends Error {
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.detail ?? problem.title);
    this.problem = problem;
  }
  get status(): number {
    return this.problem.status;
  }
}

export interface RequestOptions {
  body?: unknown;
  headers?: Record<string, string>;
  query?: URLSearchParams | Record<string, string>;
  /** Do not report a 401 to the app (sign-in itself, and the initial session probe). */
  quiet401?: boolean;
  signal?: AbortSignal;
}

export interface ApiResponse<T> {
  data: T;
  headers: Headers;
  status: number;
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export async function request<T>(
  method: string,
  path: string,
  opts: RequestOptions = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { Accept: 'application/json', ...opts.headers };
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  if (!SAFE.has(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let url = path;
  if (opts.query) {
    const qs = new URLSearchParams(opts.query).toString();
    if (qs) url += `?${qs}`;
  }
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(
      parseProblem(0, null, 'The server could not be reached. Check your connection and try again.'),
    );
  }
  const body = await readBody(res);
  if (!res.ok) {
    if (res.status === 401 && !opts.quiet401) onUnauthenticated?.();
    throw new ApiError(parseProblem(res.status, body, res.statusText));
  }
  return { data: body as T, headers: res.headers, status: res.status };
}

export const api = {
  get: <T>(path: string, opts?: RequestOptions) => request<T>('GET', path, opts),
  post: <T>(path: string, body?: unknown, opts?: RequestOptions) =>
    request<T>('POST', path, { ...opts, body }),
  patch: <T>(path: string, body: unknown, opts?: RequestOptions) =>
    request<T>('PATCH', path, { ...opts, body }),
  del: <T>(path: string, opts?: RequestOptions) => request<T>('DELETE', path, opts),
};

/** Path of a ticket resource; keys are plain (SNAG-42) but are encoded all the same. */
export function ticketPath(key: string, sub = ''): string {
  return `/api/v1/tickets/${encodeURIComponent(key)}${sub}`;
}
