import { describe, expect, it } from 'vitest';
import { matchRoute, safeNext } from '../../src/lib/routes';

describe('the dashboards route', () => {
  it('is known, and may follow sign-in', () => {
    expect(matchRoute('/dashboards')).toEqual({ name: 'dashboards' });
    expect(matchRoute('/dashboards/')).toEqual({ name: 'dashboards' });
    expect(safeNext('/dashboards?team=hris')).toBe('/dashboards?team=hris');
  });
});
