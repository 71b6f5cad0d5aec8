import { afterEach, describe, expect, it, vi } from 'vitest';
import { baseFromSrc, candidateFromPage, readContext } from '../../src/widget/context';
import { placeErrors, refusedMessage } from '../../src/widget/errors';
import { TokenCache, refreshMarginMs, type EmbedToken } from '../../src/widget/tokens';
import { fetchEmbedToken, fileTicket, idempotencyKey } from '../../src/widget/client';
import { parseProblem } from '../../src/lib/problem';

function pageWith(html: string): Document {
  const doc = document.implementation.createHTMLDocument('ATS');
  doc.head.innerHTML = html;
  return doc;
}

function scriptTag(attrs: Record<string, string>): HTMLScriptElement {
  const s = document.createElement('script');
  for (const [k, v] of Object.entries(attrs)) s.setAttribute(k, v);
  return s;
}

describe('reading the script tag and the page', () => {
  it('takes Snag from the script src, with any path prefix', () => {
    expect(baseFromSrc('https://snag.example/widget.js', 'https://ats.example/c/1')).toBe('https://snag.example');
    expect(baseFromSrc('https://corp.example/snag/widget.js?v=2', 'https://ats.example/')).toBe(
      'https://corp.example/snag',
    );
    expect(baseFromSrc('/widget.js', 'http://127.0.0.1:8099/tickets')).toBe('http://127.0.0.1:8099');
    expect(baseFromSrc(null, 'https://ats.example/')).toBeNull();
    expect(baseFromSrc('data:text/javascript,1', 'https://ats.example/')).toBeNull();
    expect(baseFromSrc('http://[bad', 'https://ats.example/')).toBeNull();
  });

  it('reads data-connector, data-candidate and data-type', () => {
    const tag = scriptTag({
      src: 'https://snag.example/widget.js',
      'data-connector': 'gh-main',
      'data-candidate': ' 53883394 ',
      'data-type': 'document_missing',
    });
    expect(readContext(tag, 'https://ats.example/?candidate=1', pageWith(''))).toEqual({
      base: 'https://snag.example',
      connector: 'gh-main',
      candidate: '53883394', // the tag wins over the page
      type: 'document_missing',
    });
  });

  it('falls back to ?candidate=, then to <meta name="snag:candidate">', () => {
    const page = pageWith('<meta name="snag:candidate" content="777">');
    const tag = scriptTag({ src: 'https://snag.example/widget.js', 'data-connector': 'gh-main' });
    expect(readContext(tag, 'https://ats.example/p?candidate=42', page)).toMatchObject({ candidate: '42' });
    expect(readContext(tag, 'https://ats.example/p', page)).toMatchObject({ candidate: '777', type: '' });
    expect(candidateFromPage('https://ats.example/p?candidate=%20', pageWith(''))).toBe('');
    expect(candidateFromPage('not a url', pageWith(''))).toBe('');
  });

  it('says what is missing when the tag cannot be used', () => {
    expect(readContext(null, 'https://ats.example/', pageWith(''))).toHaveProperty('error');
    const noConnector = scriptTag({ src: 'https://snag.example/widget.js' });
    expect(readContext(noConnector, 'https://ats.example/', pageWith(''))).toEqual({
      error: 'the widget script tag needs data-connector="<connector id>"',
    });
    const noSrc = scriptTag({ 'data-connector': 'gh-main' });
    expect(readContext(noSrc, 'https://ats.example/', pageWith(''))).toHaveProperty('error');
  });
});

// A 422 exactly as `snag serve` answers the widget's POST /api/v1/tickets.
const REAL_422 = {
  detail: 'The request has invalid fields: title, candidate.external_id',
  errors: [
    { field: 'title', message: 'must not be empty' },
    { field: 'candidate.external_id', message: 'must be a non-empty id without spaces (at most 200 characters)' },
  ],
  status: 422,
  title: 'Invalid fields',
  type: 'urn:snag:problem:validation-failed',
};

describe('placing problem errors', () => {
  it('puts field errors beside their controls, candidate.* under Candidate id', () => {
    const placed = placeErrors(parseProblem(422, REAL_422));
    expect(placed.byField).toEqual({
      title: 'must not be empty',
      candidate: 'must be a non-empty id without spaces (at most 200 characters)',
    });
    expect(placed.general).toBe('');
  });

  it('joins two messages on one field', () => {
    const p = parseProblem(422, {
      errors: [
        { field: 'type', message: 'is required' },
        { field: 'type', message: 'is retired' },
      ],
    });
    expect(placeErrors(p).byField).toEqual({ type: 'is required; is retired' });
  });

  it('says a bad connector is the page setup, and shows other fields above the form', () => {
    const p = parseProblem(422, {
      errors: [
        { field: 'connector', message: 'is not a connector of this Snag' },
        { field: 'description', message: 'is too long' },
      ],
    });
    const placed = placeErrors(p);
    expect(placed.byField).toEqual({});
    expect(placed.general).toContain('connector Snag does not know (is not a connector of this Snag)');
    expect(placed.general).toContain('description: is too long');
  });

  it('uses the detail (else title) of a problem without field errors', () => {
    expect(placeErrors(parseProblem(429, { title: 'Too many requests', detail: 'Slow down' })).general).toBe(
      'Slow down',
    );
    expect(placeErrors(parseProblem(500, null, 'Internal Server Error')).general).toBe('Internal Server Error');
  });

  it('names the origin to allow', () => {
    expect(refusedMessage('https://app.greenhouse.io')).toBe(
      'This page may not report to Snag: ask your Snag admin to allow https://app.greenhouse.io',
    );
  });
});

function token(n: number, expiresIn = 600): EmbedToken {
  return { token: `t${n}`, expiresIn, ats: 'greenhouse', issueTypes: [] };
}

describe('the embed token cache', () => {
  it('keeps a token until shortly before it expires', async () => {
    let now = 1_000_000;
    let n = 0;
    const fetcher = vi.fn(async () => token(++n));
    const cache = new TokenCache(fetcher, () => now);
    expect((await cache.get()).token).toBe('t1');
    now += 539_000; // 600 s minus the 60 s margin, less one second
    expect((await cache.get()).token).toBe('t1');
    now += 1_000;
    expect((await cache.get()).token).toBe('t2');
    expect(fetcher).toHaveBeenCalledTimes(2);
  });

  it('uses a tenth of a short life as the margin', async () => {
    expect(refreshMarginMs(600)).toBe(60_000);
    expect(refreshMarginMs(30)).toBe(3_000);
    let now = 0;
    let n = 0;
    const cache = new TokenCache(async () => token(++n, 30), () => now);
    await cache.get();
    now = 26_999;
    expect((await cache.get()).token).toBe('t1');
    now = 27_000;
    expect((await cache.get()).token).toBe('t2');
  });

  it('asks once for callers that come at the same time', async () => {
    let release!: (t: EmbedToken) => void;
    const fetcher = vi.fn(() => new Promise<EmbedToken>((ok) => (release = ok)));
    const cache = new TokenCache(fetcher, () => 0);
    const a = cache.get();
    const b = cache.get();
    release(token(1));
    expect((await a).token).toBe('t1');
    expect((await b).token).toBe('t1');
    expect(fetcher).toHaveBeenCalledTimes(1);
  });

  it('does not remember a failure, and forgets a token on invalidate()', async () => {
    let n = 0;
    const fetcher = vi
      .fn<() => Promise<EmbedToken>>()
      .mockRejectedValueOnce(new Error('down'))
      .mockImplementation(async () => token(++n));
    const cache = new TokenCache(fetcher, () => 0);
    await expect(cache.get()).rejects.toThrow('down');
    expect((await cache.get()).token).toBe('t1');
    cache.invalidate();
    expect((await cache.get()).token).toBe('t2');
  });
});

describe('the calls to Snag', () => {
  afterEach(() => vi.unstubAllGlobals());

  function json(status: number, body: unknown): Response {
    return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  }

  it('reads an embed token, without credentials', async () => {
    const fetchMock = vi.fn(async () =>
      json(201, {
        token: 'abc',
        token_type: 'Bearer',
        expires_in: 600,
        ats: 'demo-ats',
        issue_types: [{ code: 'other', name: 'Other' }, { code: 'x' }, 'junk'],
      }),
    );
    vi.stubGlobal('fetch', fetchMock);
    const t = await fetchEmbedToken('https://snag.example', 'demo-ats', 'https://ats.example');
    expect(t).toEqual({
      token: 'abc',
      expiresIn: 600,
      ats: 'demo-ats',
      issueTypes: [
        { code: 'other', name: 'Other' },
        { code: 'x', name: 'x' },
      ],
    });
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('https://snag.example/api/v1/embed-tokens');
    expect(init.credentials).toBe('omit');
    expect(JSON.parse(init.body as string)).toEqual({ connector: 'demo-ats' });
  });

  it('takes an unreachable Snag as a network error, and a readable 403 as refused', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    const down = await fetchEmbedToken('https://snag.example', 'c', 'https://ats.example').catch((e) => e);
    expect(down.kind).toBe('network');
    vi.stubGlobal('fetch', vi.fn(async () => json(403, { status: 403, title: 'Permission denied' })));
    const refused = await fetchEmbedToken('https://snag.example', 'c', 'https://ats.example').catch((e) => e);
    expect(refused.kind).toBe('refused');
  });

  it('files a ticket with the token and an Idempotency-Key, and reports a 422 as a problem', async () => {
    const fetchMock = vi
      .fn()
      .mockResolvedValueOnce(json(201, { key: 'SNAG-42' }))
      .mockResolvedValueOnce(json(422, REAL_422));
    vi.stubGlobal('fetch', fetchMock);
    const report = { type: 'other', title: 'x', candidate: { ats: 'demo-ats', external_id: '1' } };
    expect(await fileTicket('https://snag.example', 'tok', report, 'k1')).toEqual({ key: 'SNAG-42' });
    const init = fetchMock.mock.calls[0][1] as RequestInit;
    expect(init.headers).toMatchObject({ Authorization: 'Bearer tok', 'Idempotency-Key': 'k1' });
    const err = await fileTicket('https://snag.example', 'tok', report, 'k2').catch((e) => e);
    expect(err.kind).toBe('problem');
    expect(err.problem.errors).toHaveLength(2);
  });

  it('makes a fresh 32-hex-digit Idempotency-Key each time', () => {
    const a = idempotencyKey();
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(idempotencyKey()).not.toBe(a);
  });
});
