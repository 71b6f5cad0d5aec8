// The notification bell's list and unread count, as pure functions over a plain state, so that
// the rules (no double counting, never below zero, the server's count wins) are unit-tested.

import type { Notification } from './sse';

export interface InboxState {
  items: Notification[];
  unread: number;
}

export const EMPTY_INBOX: InboxState = { items: [], unread: 0 };

/** A page from GET /api/v1/notifications: the server's count is the truth. */
export function fromList(items: Notification[], unreadCount: number): InboxState {
  return { items: [...items], unread: Math.max(0, unreadCount) };
}

/**
 * A notification pushed over the stream. One already listed (the list was read after it was
 * stored, or the stream delivered it twice) changes nothing; a new unread one adds one.
 */
export function receive(state: InboxState, n: Notification, limit = 50): InboxState {
  if (state.items.some((i) => i.id === n.id)) return state;
  const items = [n, ...state.items].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : b.id - a.id)).slice(0, limit);
  return { items, unread: state.unread + (n.read ? 0 : 1) };
}

/**
 * Marks `ids` read (all, when omitted) before the server answers, so the bell reacts at once;
 * `serverCount` (the answer's unread_count) then replaces the estimate.
 */
export function markRead(state: InboxState, ids?: number[], at = new Date().toISOString(), serverCount?: number): InboxState {
  const targets = ids ? new Set(ids) : null;
  let changed = 0;
  const items = state.items.map((i) => {
    if (i.read || (targets && !targets.has(i.id))) return i;
    changed += 1;
    return { ...i, read: true, read_at: at };
  });
  const unread = serverCount ?? (targets ? Math.max(0, state.unread - changed) : 0);
  return { items, unread: Math.max(0, unread) };
}

/** "3 unread notifications" for the bell's accessible name; large counts shown as 99+. */
export function badgeText(unread: number): string {
  return unread > 99 ? '99+' : String(unread);
}

export function bellLabel(unread: number): string {
  if (unread === 0) return 'Notifications, none unread';
  return `Notifications, ${unread} unread`;
}
