// RFC 9457 problem details as the API sends them: 422 adds `errors` [{field, message}],
// 409 adds `allowed`.

export interface FieldError {
  field: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors: FieldError[];
  allowed?: string[];
  requestId?: string;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Turns whatever came back with an error status into a Problem. The body may be a problem
 * object, some other JSON, or nothing at all (a proxy's HTML page, a dropped connection), so
 * every member is checked rather than trusted.
 */
export function parseProblem(status: number, body: unknown, statusText = ''): Problem {
  const b = isRecord(body) ? body : {};
  const errors: FieldError[] = Array.isArray(b.errors)
    ? b.errors.flatMap((e) =>
        isRecord(e) && typeof e.message === 'string'
          ? [{ field: typeof e.field === 'string' ? e.field : '', message: e.message }]
          : [],
      )
    : [];
  const allowed = Array.isArray(b.allowed)
    ? b.allowed.filter((s): s is string => typeof s === 'string')
    : undefined;
  return {
    type: typeof b.type === 'string' ? b.type : 'about:blank',
    title:
      typeof b.title === 'string' && b.title !== ''
        ? b.title
        : statusText || `Request failed (${status})`,
    status: typeof b.status === 'number' ? b.status : status,
    detail: typeof b.detail === 'string' ? b.detail : undefined,
    errors,
    allowed,
    requestId: typeof b.request_id === 'string' ? b.request_id : undefined,
  };
}

/**
 * Groups field errors for display beside form controls. A nested field such as
 * `candidate.external_id` belongs to the control named by its first segment unless a control
 * for the full path exists, because the form shows one control per top-level member.
 */
export function fieldErrors(problem: Problem | null, controls: readonly string[]): {
  byField: Record<string, string[]>;
  unplaced: FieldError[];
} {
  const byField: Record<string, string[]> = {};
  const unplaced: FieldError[] = [];
  for (const e of problem?.errors ?? []) {
    const target = controls.includes(e.field) ? e.field : e.field.split('.')[0];
    if (controls.includes(target)) (byField[target] ??= []).push(e.message);
    else unplaced.push(e);
  }
  return { byField, unplaced };
}

/** One line for a banner: the detail when there is one, else the title. */
export function problemMessage(p: Problem): string {
  return p.detail && p.detail !== '' ? p.detail : p.title;
}
