import type { SessionUser } from './types';

// Whether the signed-in user may use a permission: the web app offers a screen or a button only
// when the API would allow it (the server still decides; this only spares a 403).

export function may(user: SessionUser | null | undefined, permission: string): boolean {
  return !!user?.permissions?.includes(permission);
}

export function mayAny(user: SessionUser | null | undefined, permissions: readonly string[]): boolean {
  return permissions.some((p) => may(user, p));
}
