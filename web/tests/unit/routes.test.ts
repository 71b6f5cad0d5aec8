import { describe, expect, it } from 'vitest';
import { matchRoute, safeNext, ticketUrl } from '../../src/lib/routes';

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
  });

  it('round-trips ticket URLs', () => {
    expect(matchRoute(ticketUrl('SNAG-7'))).toEqual({ name: 'ticket', key: 'SNAG-7' });
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
