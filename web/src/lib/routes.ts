// The UI's paths. The server answers index.html for any of them, so each is linkable.

export type Route =
  | { name: 'home' }
  | { name: 'tickets' }
  | { name: 'ticket'; key: string }
  | { name: 'new' }
  | { name: 'dashboards' }
  | { name: 'signin' }
  | { name: 'notfound' };

const TICKET = /^\/tickets\/([^/]+)\/?$/;

export function matchRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/') return { name: 'home' };
  if (path === '/tickets') return { name: 'tickets' };
  if (path === '/new') return { name: 'new' };
  if (path === '/dashboards') return { name: 'dashboards' };
  if (path === '/signin') return { name: 'signin' };
  const m = TICKET.exec(path);
  if (m) {
    try {
      return { name: 'ticket', key: decodeURIComponent(m[1]) };
    } catch {
      return { name: 'notfound' };
    }
  }
  return { name: 'notfound' };
}

export function ticketUrl(key: string): string {
  return `/tickets/${encodeURIComponent(key)}`;
}

/**
 * Only same-app paths may follow sign-in, so a crafted link cannot send the user away. Without
 * one, home: the list as the user's role opens it.
 */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/api/')) return '/';
  return next;
}
