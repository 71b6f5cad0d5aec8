// Keyboard commands of the ticket list, kept apart from the DOM so they can be tested alone.

export type ListAction =
  | { kind: 'move'; index: number }
  | { kind: 'toggle'; index: number }
  | { kind: 'open'; index: number }
  | { kind: 'search' };

export interface KeyInput {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
}

/**
 * The action for a key press, or null when the list should leave the key alone.
 * `current` is the focused row (-1 when none); `count` the rows shown.
 */
export function listKeyAction(e: KeyInput, current: number, count: number): ListAction | null {
  // Browser and OS shortcuts (Ctrl+K, Cmd+E, …) keep their meaning.
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  switch (e.key) {
    case 'j':
      if (count === 0) return null;
      return { kind: 'move', index: current < 0 ? 0 : Math.min(current + 1, count - 1) };
    case 'k':
      if (count === 0) return null;
      return { kind: 'move', index: current < 0 ? 0 : Math.max(current - 1, 0) };
    case 'x':
      return current >= 0 && current < count ? { kind: 'toggle', index: current } : null;
    case 'e':
    case 'Enter':
      return current >= 0 && current < count ? { kind: 'open', index: current } : null;
    case '/':
      return { kind: 'search' };
    default:
      return null;
  }
}

const TEXT_INPUTS = new Set([
  'text',
  'search',
  'email',
  'number',
  'password',
  'tel',
  'url',
  'date',
  'datetime-local',
  'month',
  'week',
  'time',
]);

/**
 * True when the key press belongs to what the user is typing into. A checkbox or a link is
 * not a place for typing, so j/k/x still work while one of them has focus.
 */
export function isTypingTarget(el: EventTarget | null): boolean {
  if (!(el instanceof HTMLElement)) return false;
  if (el.isContentEditable) return true;
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return true;
  if (el instanceof HTMLInputElement) return TEXT_INPUTS.has(el.type);
  return false;
}

/** Toggles a key in a selection, returning a new set (Svelte state sees the change). */
export function toggled(selection: ReadonlySet<string>, key: string): Set<string> {
  const next = new Set(selection);
  if (next.has(key)) next.delete(key);
  else next.add(key);
  return next;
}
