import { describe, expect, it } from 'vitest';
import { incidentUrl, matchRoute, safeNext, ticketUrl } from '../../src/lib/routes';

describe('matchRoute', () => {
  it('knows the app paths', () => {
    expect(matchRoute('/')).toEqual({ name: 'home' });
    expect(matchRoute('/tickets')).toEqual({ name: 'tickets' });
    expect(matchRoute('/tickets/')).toEqual({ name: 'tickets' });
    expect(matchRoute('/tickets/SNAG-42')).toEqual({ name: 'ticket', key: 'SNAG-42' });
    expect(matchRoute('/new')).toEqual({ name: 'new' });
    expect(matchRoute('/signin')).toEqual({ name: 'signin' });
    expect(matchRoute('/elsewhere')).toEqual({ name: 'notfound' });
    expect(matchRoute('/tickets/SNAG-1/more')).toEqual({ name: 'notfound' });
    expect(matchRoute('/tickets/%E0%A4%A')).toEqual({ name: 'notfound' });
    expect(matchRoute('/incidents')).toEqual({ name: 'incidents' });
    expect(matchRoute('/incidents/12')).toEqual({ name: 'incident', id: '12' });
    expect(matchRoute('/incidents/%E0%A4%A')).toEqual({ name: 'notfound' });
    expect(matchRoute('/admin')).toEqual({ name: 'admin', section: null });
    expect(matchRoute('/admin/')).toEqual({ name: 'admin', section: null });
    expect(matchRoute('/admin/keys')).toEqual({ name: 'admin', section: 'keys' });
    expect(matchRoute('/admin/Keys')).toEqual({ name: 'notfound' });
    expect(matchRoute('/admin/keys/1')).toEqual({ name: 'notfound' });
  });

  it('round-trips ticket and incident URLs', () => {
    expect(matchRoute(ticketUrl('SNAG-7'))).toEqual({ name: 'ticket', key: 'SNAG-7' });
    expect(matchRoute(incidentUrl(3))).toEqual({ name: 'incident', id: '3' });
  });
});

describe('safeNext', () => {
  it('keeps app paths and refuses others', () => {
    expect(safeNext('/tickets/SNAG-1?x=1')).toBe('/tickets/SNAG-1?x=1');
    expect(safeNext(null)).toBe('/');
    expect(safeNext('https://evil.example/')).toBe('/');
    expect(safeNext('//evil.example/')).toBe('/');
    expect(safeNext('/api/v1/session')).toBe('/');
  });
});
