// API keys as GET /api/v1/keys lists them, and the pure parts of the keys screen: a key's state,
// its scopes as text, and the body of POST /api/v1/keys built from the form. A listed key never
// holds its secret; only the answer to a create or a rotate does, once.

export interface ApiKey {
  id: number;
  name: string;
  role: string;
  team: string | null;
  /** null: every permission of the role. */
  scopes: string[] | null;
  owner: string | null;
  created_at: string;
  /** The effective expiry (a rotated key's overlap included); null: never. */
  expires_at: string | null;
  last_used_at: string | null;
  revoked: boolean;
  replaced_by: number | null;
  due_for_rotation: boolean;
}

/** A key just created or rotated: the only time its secret is seen. */
export interface IssuedApiKey extends ApiKey {
  secret: string;
  /** On a rotation: when the predecessor stops working. */
  previous_expires_at?: string | null;
}

export type KeyState = 'active' | 'due' | 'rotated' | 'expired' | 'revoked';

/** What a key can still do, the most final reason first. */
export function keyState(key: ApiKey, now: Date = new Date()): KeyState {
  if (key.revoked) return 'revoked';
  if (key.expires_at && new Date(key.expires_at).getTime() <= now.getTime()) return 'expired';
  if (key.replaced_by !== null) return 'rotated';
  if (key.due_for_rotation) return 'due';
  return 'active';
}

export const KEY_STATE_LABELS: Record<KeyState, string> = {
  active: 'Active',
  due: 'Due for rotation',
  rotated: 'Rotated (overlap)',
  expired: 'Expired',
  revoked: 'Revoked',
};

/** The colour a state's badge takes: fine, needs attention, no longer works. */
export const KEY_STATE_TONES: Record<KeyState, 'good' | 'warn' | 'bad'> = {
  active: 'good',
  due: 'warn',
  rotated: 'warn',
  expired: 'bad',
  revoked: 'bad',
};

/** Rotating and revoking make sense only while the key still works. */
export function keyIsLive(key: ApiKey, now: Date = new Date()): boolean {
  const s = keyState(key, now);
  return s === 'active' || s === 'due' || s === 'rotated';
}

export function scopesText(scopes: string[] | null): string {
  if (scopes === null) return 'All of the role';
  return scopes.length ? scopes.join(', ') : 'None';
}

export interface KeyForm {
  name: string;
  role: string;
  team: string;
  owner: string;
  scopes: string[];
  /** As typed: empty for no expiry. */
  expiresInDays: string;
}

export function emptyKeyForm(): KeyForm {
  return { name: '', role: '', team: '', owner: '', scopes: [], expiresInDays: '' };
}

/**
 * The POST /api/v1/keys body. Empty optional fields are left out so the server applies its
 * defaults (no team, the creator as owner, the role's full permissions, no expiry). A
 * lifetime that is not a whole number is sent as typed, so the server's 422 names it.
 */
export function newKeyBody(form: KeyForm): Record<string, unknown> {
  const body: Record<string, unknown> = { name: form.name.trim(), role: form.role.trim() };
  if (form.team) body.team = form.team;
  if (form.owner.trim()) body.owner = form.owner.trim();
  if (form.scopes.length) body.scopes = [...form.scopes];
  const days = form.expiresInDays.trim();
  if (days) body.expires_in_days = /^\d+$/.test(days) ? Number(days) : days;
  return body;
}

/** Newest first, the keys that still work before those that do not. */
export function sortKeys(keys: readonly ApiKey[], now: Date = new Date()): ApiKey[] {
  return [...keys].sort((a, b) => {
    const live = Number(keyIsLive(b, now)) - Number(keyIsLive(a, now));
    return live || b.id - a.id;
  });
}
