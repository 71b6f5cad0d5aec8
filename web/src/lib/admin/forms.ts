import { ApiError } from '../api';
import { fieldErrors, problemMessage, type Problem } from '../problem';

// What the admin forms share: a failed call as one line, and the attributes that tie a control
// to the server's 422 messages for it (shown by FieldError under the control).

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
