// The embed token, kept in memory until shortly before it expires, so that a page asks Snag
// for one when the dialog first opens and again only when it is about to run out.

export interface IssueType {
  code: string;
  name: string;
}

export interface EmbedToken {
  token: string;
  /** Seconds the token lasts from when it was issued. */
  expiresIn: number;
  /** The connector's ATS: the `ats` of the candidate reference. */
  ats: string;
  issueTypes: IssueType[];
}

/**
 * How long before expiry a token stops being used: a tenth of its life, at most a minute, so a
 * form filled slowly does not send a token that expires on the way.
 */
export function refreshMarginMs(expiresInSeconds: number): number {
  return Math.min(60_000, (expiresInSeconds * 1000) / 10);
}

export class TokenCache {
  private token: EmbedToken | null = null;
  private usableUntil = 0;
  private pending: Promise<EmbedToken> | null = null;
  private readonly fetchToken: () => Promise<EmbedToken>;
  private readonly now: () => number;

  constructor(fetchToken: () => Promise<EmbedToken>, now: () => number = Date.now) {
    this.fetchToken = fetchToken;
    this.now = now;
  }

  /** A token that is good for a while yet: the cached one, or a new one (one request at a time). */
  get(): Promise<EmbedToken> {
    if (this.token && this.now() < this.usableUntil) return Promise.resolve(this.token);
    if (this.pending) return this.pending;
    const asked = this.now();
    this.pending = this.fetchToken().then(
      (t) => {
        this.pending = null;
        // Counted from when it was asked for: the server issued it no earlier.
        this.token = t;
        this.usableUntil = asked + t.expiresIn * 1000 - refreshMarginMs(t.expiresIn);
        return t;
      },
      (e: unknown) => {
        this.pending = null; // a failure is not remembered: the next call asks again
        throw e;
      },
    );
    return this.pending;
  }

  /** Forget the token (the server refused it), so the next get() asks for a new one. */
  invalidate(): void {
    this.token = null;
    this.usableUntil = 0;
  }
}
