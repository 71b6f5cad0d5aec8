// The UI's paths. The server answers index.html for any of them, so each is linkable.

export type Route =
  | { name: 'home' }
  | { name: 'tickets' }
  | { name: 'ticket'; key: string }
  | { name: 'new' }
  | { name: 'dashboards' }
  | { name: 'incidents' }
  | { name: 'incident'; id: string }
  | { name: 'admin'; section: string | null }
  | { name: 'signin' }
  | { name: 'notfound' };

const TICKET = /^\/tickets\/([^/]+)\/?$/;
const INCIDENT = /^\/incidents\/([^/]+)$/;
const ADMIN_SECTION = /^\/admin\/([a-z0-9-]+)$/;

function decoded(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

export function matchRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/') return { name: 'home' };
  if (path === '/tickets') return { name: 'tickets' };
  if (path === '/new') return { name: 'new' };
  if (path === '/dashboards') return { name: 'dashboards' };
  if (path === '/signin') return { name: 'signin' };
  if (path === '/incidents') return { name: 'incidents' };
  if (path === '/admin') return { name: 'admin', section: null };
  const admin = ADMIN_SECTION.exec(path);
  if (admin) return { name: 'admin', section: admin[1] };
  const ticket = TICKET.exec(path);
  const key = ticket && decoded(ticket[1]);
  if (key) return { name: 'ticket', key };
  const incident = INCIDENT.exec(path);
  const id = incident && decoded(incident[1]);
  if (id) return { name: 'incident', id };
  return { name: 'notfound' };
}

export function ticketUrl(key: string): string {
  return `/tickets/${encodeURIComponent(key)}`;
}

export function incidentUrl(id: string | number): string {
  return `/incidents/${encodeURIComponent(String(id))}`;
}

/**
 * Only same-app paths may follow sign-in, so a crafted link cannot send the user away. Without
 * one, home: the list as the user's role opens it.
 */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/api/')) return '/';
  return next;
}
