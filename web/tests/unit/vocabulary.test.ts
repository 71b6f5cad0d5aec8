import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { teamLabel, vocabulary } from '../../src/lib/vocabulary.svelte';

const TEAMS = { items: [{ code: 'recruitment', name: 'Recruitment' }, { code: 'hris', name: 'HR information systems' }] };
const WORKFLOWS = {
  items: [
    { name: 'default', statuses: ['new', 'triaged', 'closed'], initial: 'new', done: ['closed'], paused: [], transitions: [] },
    { name: 'legal', statuses: ['new', 'review', 'closed'], initial: 'new', done: ['closed'], paused: [], transitions: [] },
  ],
};

function json(status: number, body: unknown): Response {
  const type = status < 400 ? 'application/json' : 'application/problem+json';
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });
}

function server(fail = false) {
  return vi.fn(async (url: string) => {
    if (fail) return json(503, { type: 'about:blank', title: 'Service Unavailable', status: 503, detail: 'Try later' });
    if (url === '/api/v1/teams') return json(200, TEAMS);
    if (url === '/api/v1/workflows') return json(200, WORKFLOWS);
    return json(404, { title: 'Not Found', status: 404 });
  });
}

describe('vocabulary', () => {
  beforeEach(() => vocabulary.reset());
  afterEach(() => vi.unstubAllGlobals());

  it('loads teams and workflows once, however often it is asked', async () => {
    const fetch = server();
    vi.stubGlobal('fetch', fetch);
    await Promise.all([vocabulary.load(), vocabulary.load()]);
    await vocabulary.load();
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(vocabulary.state).toBe('ready');
    expect(vocabulary.statuses).toEqual(['new', 'triaged', 'review', 'closed']);
    expect(vocabulary.teams.map((t) => t.code)).toEqual(['recruitment', 'hris']);
    expect(vocabulary.hasTeam('hris')).toBe(true);
    expect(teamLabel('hris')).toBe('HR information systems');
  });

  it('keeps a failure’s message until a retry succeeds', async () => {
    vi.stubGlobal('fetch', server(true));
    await vocabulary.load();
    expect(vocabulary.state).toBe('error');
    expect(vocabulary.error).toBe('Try later');
    expect(vocabulary.statuses).toEqual([]);
    expect(teamLabel('hris')).toBe('Hris');

    vi.stubGlobal('fetch', server());
    const retry = vocabulary.load();
    expect(vocabulary.state).toBe('loading');
    expect(vocabulary.error).toBe('Try later');
    await retry;
    expect(vocabulary.state).toBe('ready');
    expect(vocabulary.error).toBe('');
  });

  it('ignores an answer that arrives after a reset (sign-out)', async () => {
    vi.stubGlobal('fetch', server());
    const late = vocabulary.load();
    vocabulary.reset();
    await late;
    expect(vocabulary.state).toBe('idle');
    expect(vocabulary.teams).toEqual([]);
  });
});
