import { tick } from 'svelte';
import { ApiError, type ApiResponse } from '../api';
import { fieldErrors, problemMessage, type Problem } from '../problem';

// What the forms share: a failed call as one line, the attributes that tie a control to the
// server's 422 messages for it (shown by FieldError under the control), and how a form is sent.

/** A failed call as one line for a banner. */
export function messageOf(e: unknown): string {
  if (e instanceof ApiError) return problemMessage(e.problem);
  return e instanceof Error ? e.message : String(e);
}

export interface FormErrors {
  byField: Record<string, string[]>;
  unplaced: { field: string; message: string }[];
  /** The FieldError id of a control: `${prefix}-${name}-error`. */
  errorId: (name: string) => string;
  /** aria-invalid and aria-describedby for a control, to spread onto it. */
  attrs: (name: string, hint?: string) => { 'aria-invalid'?: 'true'; 'aria-describedby'?: string };
}

/**
 * The field errors of `problem` placed on `controls`, with `rename` mapping a server field to
 * the control that shows it (e.g. `secret` to the secrets box).
 */
export function formErrors(
  problem: Problem | null,
  controls: readonly string[],
  prefix: string,
  rename: (field: string) => string = (f) => f,
): FormErrors {
  const renamed = problem
    ? { ...problem, errors: problem.errors.map((e) => ({ ...e, field: rename(e.field) })) }
    : null;
  const { byField, unplaced } = fieldErrors(renamed, controls);
  const errorId = (name: string) => `${prefix}-${name}-error`;
  return {
    byField,
    unplaced,
    errorId,
    attrs(name, hint) {
      const ids = [hint, byField[name] ? errorId(name) : undefined].filter(Boolean).join(' ');
      return {
        ...(byField[name] ? { 'aria-invalid': 'true' as const } : {}),
        ...(ids ? { 'aria-describedby': ids } : {}),
      };
    },
  };
}

/** A field found wrong before sending, shaped as the server's 422 so that it shows the same way. */
export function invalidField(field: string, message: string): Problem {
  return { type: 'about:blank', title: 'Invalid fields', status: 422, errors: [{ field, message }] };
}

/** What a form shows while and after it is sent; the component keeps it in $state. */
export interface FormStatus {
  busy: boolean;
  problem: Problem | null;
}

/**
 * Moves focus to the first control marked invalid in `formEl`, or else to the first match of
 * `fallbacks`, once the page shows the latest problem: a keyboard user lands on what to fix.
 */
export async function focusFirstInvalid(
  formEl: ParentNode | null | undefined,
  ...fallbacks: string[]
): Promise<void> {
  await tick();
  for (const selector of ['[aria-invalid="true"]', ...fallbacks]) {
    const el = formEl?.querySelector<HTMLElement>(selector);
    if (el) return el.focus();
  }
}

/**
 * Sends a form: clears the last problem and marks the form busy while `send` runs, and gives
 * back the answer's data or its problem. An API error's problem is kept in `status` and focus
 * goes to it (see focusFirstInvalid); any other error propagates.
 */
export async function submitForm<T>(
  status: FormStatus,
  formEl: ParentNode | null | undefined,
  send: () => Promise<ApiResponse<T>>,
  ...focusFallbacks: string[]
): Promise<{ ok: true; data: T } | { ok: false; problem: Problem }> {
  status.problem = null;
  status.busy = true;
  try {
    return { ok: true, data: (await send()).data };
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    status.problem = err.problem;
    await focusFirstInvalid(formEl, ...focusFallbacks);
    return { ok: false, problem: err.problem };
  } finally {
    status.busy = false;
  }
}
