// Reading the widget's settings from its own <script> tag and from the page around it. Pure
// functions of what they are given, so the unit tests need no real page.

export interface WidgetContext {
  /** Snag's base URL (origin plus any path prefix), taken from the script's own src. */
  base: string;
  /** The connector id (data-connector): which ATS the page belongs to. */
  connector: string;
  /** The candidate's id in that ATS: data-candidate, else ?candidate=, else <meta name="snag:candidate">. */
  candidate: string;
  /** An issue type code to preselect (data-type), or ''. */
  type: string;
}

/** The part of an element the readers need (an HTMLScriptElement, or a stand-in in tests). */
export interface TagLike {
  getAttribute(name: string): string | null;
}

/** The part of a document the readers need. */
export interface PageLike {
  querySelector(selector: string): TagLike | null;
}

/**
 * Snag's base URL from the script's src: `https://snag.example/widget.js` → `https://snag.example`,
 * `https://example.com/snag/widget.js?v=2` → `https://example.com/snag`. A relative src is
 * resolved against the page's URL. Null when there is no usable http(s) src.
 */
export function baseFromSrc(src: string | null, pageUrl: string): string | null {
  if (!src) return null;
  let url: URL;
  try {
    url = new URL(src, pageUrl);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const dir = url.pathname.replace(/[^/]*$/, '').replace(/\/+$/, '');
  return url.origin + dir;
}

/** An id taken from the page: trimmed, and '' when blank. */
function clean(v: string | null | undefined): string {
  return (v ?? '').trim();
}

/** The candidate the page is about, when the script tag does not say: ?candidate=, then the meta tag. */
export function candidateFromPage(pageUrl: string, page: PageLike): string {
  let fromQuery = '';
  try {
    fromQuery = clean(new URL(pageUrl).searchParams.get('candidate'));
  } catch {
    // An odd page URL (about:blank in a frame): no query to read.
  }
  if (fromQuery) return fromQuery;
  return clean(page.querySelector('meta[name="snag:candidate"]')?.getAttribute('content'));
}

/** Everything the widget needs, or an error message for the console when the tag is unusable. */
export function readContext(
  script: TagLike | null,
  pageUrl: string,
  page: PageLike,
): WidgetContext | { error: string } {
  if (!script) return { error: 'the widget script must be loaded by a classic <script> tag' };
  const base = baseFromSrc(script.getAttribute('src'), pageUrl);
  if (!base) return { error: 'the widget script tag has no http(s) src to find Snag by' };
  const connector = clean(script.getAttribute('data-connector'));
  if (!connector) return { error: 'the widget script tag needs data-connector="<connector id>"' };
  return {
    base,
    connector,
    candidate: clean(script.getAttribute('data-candidate')) || candidateFromPage(pageUrl, page),
    type: clean(script.getAttribute('data-type')),
  };
}
