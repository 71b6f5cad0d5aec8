import { matchRoute, type Route } from './routes';

// Client-side routing on the History API. `location` stays the source of truth; this state
// mirrors it so components re-render on navigation.

class Router {
  path = $state(window.location.pathname);
  search = $state(window.location.search);
  route: Route = $derived(matchRoute(this.path));

  sync(): void {
    this.path = window.location.pathname;
    this.search = window.location.search;
  }

  navigate(url: string, opts: { replace?: boolean } = {}): void {
    const target = new URL(url, window.location.href);
    const next = target.pathname + target.search;
    if (next === window.location.pathname + window.location.search && !opts.replace) return;
    if (opts.replace) window.history.replaceState({}, '', next);
    else window.history.pushState({ inApp: true }, '', next);
    this.sync();
  }
}

export const router = new Router();

/** True when the current history entry was reached by navigating inside the app. */
export function cameFromApp(): boolean {
  return !!(window.history.state as { inApp?: boolean } | null)?.inApp;
}

/**
 * Follows same-origin links without a page load. Links that open elsewhere (modifier keys,
 * target, download, /api/ files such as exports) are left to the browser.
 */
export function installLinkInterception(): () => void {
  const onClick = (e: MouseEvent) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey)
      return;
    const a = (e.target as Element | null)?.closest?.('a');
    if (!a || a.target || a.hasAttribute('download')) return;
    const url = new URL(a.href, window.location.href);
    if (url.origin !== window.location.origin || url.pathname.startsWith('/api/')) return;
    e.preventDefault();
    router.navigate(url.pathname + url.search);
  };
  const onPop = () => router.sync();
  document.addEventListener('click', onClick);
  window.addEventListener('popstate', onPop);
  return () => {
    document.removeEventListener('click', onClick);
    window.removeEventListener('popstate', onPop);
  };
}
