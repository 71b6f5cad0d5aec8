import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/lib/api';
import { loadFailure } from '../../src/lib/admin/load';
import { parseProblem } from '../../src/lib/problem';

describe('loadFailure', () => {
  it('answers nothing when the read worked', async () => {
    let read = false;
    expect(await loadFailure(async () => (read = true))).toBe('');
    expect(read).toBe(true);
  });

  it("answers a failed call's problem, or any other error's message, as one line", async () => {
    const forbidden = parseProblem(403, { title: 'Forbidden', status: 403, detail: 'needs users:admin' });
    expect(await loadFailure(() => Promise.reject(new ApiError(forbidden)))).toContain('needs users:admin');
    expect(await loadFailure(() => Promise.reject(new TypeError('Failed to fetch')))).toBe('Failed to fetch');
  });
});
