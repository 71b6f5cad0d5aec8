import { fieldErrors, problemMessage, type Problem } from '../lib/problem';

// What the widget shows for each way a report can fail. Pure, for the unit tests.

/** The form's controls, named as the API names the fields they fill. */
export const CONTROLS = ['type', 'candidate', 'title'] as const;
export type Control = (typeof CONTROLS)[number];

export interface Placed {
  /** Messages beside a control: `candidate.external_id` goes under Candidate id. */
  byField: Partial<Record<Control, string>>;
  /** One line above the form for everything else, or ''. */
  general: string;
}

/** The sentence for a page whose origin Snag does not list in widget.allowed_origins. */
export function refusedMessage(origin: string): string {
  return `This page may not report to Snag: ask your Snag admin to allow ${origin}`;
}

/**
 * Places a problem's field errors beside the form's controls. Errors on fields the form has no
 * control for (a misconfigured `connector`, say) and problems without field errors become the
 * general message.
 */
export function placeErrors(problem: Problem): Placed {
  const { byField, unplaced } = fieldErrors(problem, CONTROLS);
  const placed: Placed['byField'] = {};
  for (const c of CONTROLS) if (byField[c]) placed[c] = byField[c].join('; ');
  const lines = unplaced.map((e) =>
    e.field === 'connector'
      ? `This page's Snag widget is set up with a connector Snag does not know (${e.message}): ask your Snag admin.`
      : e.field
        ? `${e.field}: ${e.message}`
        : e.message,
  );
  if (lines.length === 0 && Object.keys(placed).length === 0) lines.push(problemMessage(problem));
  return { byField: placed, general: lines.join(' ') };
}
