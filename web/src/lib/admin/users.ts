// Users as GET /api/v1/users lists them, and the pure parts of the users screen: the bodies of
// POST /api/v1/users and PATCH /api/v1/users/{id}, the roles to suggest, and the list's filter.

export interface User {
  id: number;
  username: string;
  display_name: string;
  role: string;
  team: string | null;
  email: string | null;
  disabled: boolean;
  created_at: string;
}

export interface NewUserForm {
  username: string;
  display_name: string;
  role: string;
  team: string;
  email: string;
  password: string;
}

export function emptyUserForm(): NewUserForm {
  return { username: '', display_name: '', role: '', team: '', email: '', password: '' };
}

/** The POST /api/v1/users body; an empty team or email is left out (none). */
export function newUserBody(form: NewUserForm): Record<string, unknown> {
  const body: Record<string, unknown> = {
    username: form.username.trim(),
    display_name: form.display_name.trim(),
    role: form.role.trim(),
    // Passwords are taken as typed: leading or trailing spaces may be meant.
    password: form.password,
  };
  if (form.team) body.team = form.team;
  if (form.email.trim()) body.email = form.email.trim();
  return body;
}

export interface UserEdit {
  display_name: string;
  role: string;
  /** '' for no team. */
  team: string;
  /** '' for no email. */
  email: string;
  /** '' keeps the current password. */
  password: string;
}

export function editOf(user: User): UserEdit {
  return {
    display_name: user.display_name,
    role: user.role,
    team: user.team ?? '',
    email: user.email ?? '',
    password: '',
  };
}

/**
 * Only what changed, so that saving a form nobody touched changes nothing (and a new password
 * ends the user's sessions only when one was typed). An emptied team or email is null: none.
 */
export function userChanges(user: User, edit: UserEdit): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  if (edit.display_name.trim() !== user.display_name) changes.display_name = edit.display_name.trim();
  if (edit.role.trim() !== user.role) changes.role = edit.role.trim();
  if ((edit.team || null) !== user.team) changes.team = edit.team || null;
  const email = edit.email.trim() || null;
  if (email !== user.email) changes.email = email;
  if (edit.password !== '') changes.password = edit.password;
  return changes;
}

/**
 * The roles to suggest in forms. The API has no list of roles, so these are the ones in use
 * (by users, keys, the signed-in user), each once, sorted; the server still judges what is typed.
 */
export function rolesInUse(...lists: ReadonlyArray<ReadonlyArray<{ role: string }>>): string[] {
  const roles = new Set<string>();
  for (const list of lists) for (const item of list) if (item.role) roles.add(item.role);
  return [...roles].sort();
}

/** Users whose username, name, email, role or team contain every word of `query`. */
export function filterUsers(users: readonly User[], query: string): User[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return [...users];
  return users.filter((u) => {
    const text = [u.username, u.display_name, u.email ?? '', u.role, u.team ?? ''].join(' ').toLowerCase();
    return words.every((w) => text.includes(w));
  });
}
