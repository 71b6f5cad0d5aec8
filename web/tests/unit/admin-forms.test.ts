import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/lib/api';
import { formErrors, invalidField, messageOf, submitForm, type FormStatus } from '../../src/lib/admin/forms';
import { parseProblem } from '../../src/lib/problem';

// A 422 as `snag serve` answers POST /api/v1/connectors with a short secret and a bad id.
const REFUSED = parseProblem(422, {
  type: 'urn:snag:problem:validation-failed',
  title: 'Invalid fields',
  status: 422,
  errors: [
    { field: 'secret', message: 'must be at least 8 characters' },
    { field: 'id', message: "must be 1 to 64 letters, digits, '-', '_' or '.'" },
    { field: 'owner', message: 'is not here' },
  ],
});

describe('formErrors', () => {
  it('places errors on their controls, and says which are left', () => {
    const errs = formErrors(REFUSED, ['id', 'secret'], 'connector');
    expect(errs.byField.secret).toEqual(['must be at least 8 characters']);
    expect(errs.unplaced).toEqual([{ field: 'owner', message: 'is not here' }]);
  });
  it('ties a control to its message and hint', () => {
    const errs = formErrors(REFUSED, ['id', 'secret', 'ats'], 'connector');
    expect(errs.attrs('id', 'connector-id-hint')).toEqual({
      'aria-invalid': 'true',
      'aria-describedby': 'connector-id-hint connector-id-error',
    });
    expect(errs.attrs('ats')).toEqual({});
    expect(errs.attrs('ats', 'h')).toEqual({ 'aria-describedby': 'h' });
    expect(errs.errorId('id')).toBe('connector-id-error');
  });
  it('renames server fields to the control that shows them', () => {
    const errs = formErrors(REFUSED, ['id', 'secrets'], 'c', (f) => (f === 'secret' ? 'secrets' : f));
    expect(errs.byField.secrets).toEqual(['must be at least 8 characters']);
  });
  it('is empty without a problem', () => {
    const errs = formErrors(null, ['id'], 'x');
    expect(errs.byField).toEqual({});
    expect(errs.attrs('id')).toEqual({});
  });
});

describe('messageOf', () => {
  it('gives the problem’s detail, an error’s message, or the thing itself', () => {
    expect(messageOf(new ApiError(parseProblem(403, { title: 'Forbidden', detail: 'keys:admin is needed' })))).toBe(
      'keys:admin is needed',
    );
    expect(messageOf(new Error('boom'))).toBe('boom');
    expect(messageOf('odd')).toBe('odd');
  });
});

describe('submitForm', () => {
  const answer = <T>(data: T) => Promise.resolve({ data, headers: new Headers(), status: 200 });

  it('gives back the data and leaves the form idle', async () => {
    const status: FormStatus = { busy: false, problem: invalidField('id', 'was wrong before') };
    let busyWhileSending = false;
    const sent = await submitForm(status, null, () => {
      busyWhileSending = status.busy;
      return answer({ id: 'greenhouse' });
    });
    expect(sent).toEqual({ ok: true, data: { id: 'greenhouse' } });
    expect(busyWhileSending).toBe(true);
    expect(status).toEqual({ busy: false, problem: null });
  });

  it('keeps an API problem and focuses the first invalid control', async () => {
    document.body.innerHTML = '<form><input id="a" /><input id="b" aria-invalid="true" /></form>';
    const status: FormStatus = { busy: false, problem: null };
    const sent = await submitForm(status, document.querySelector('form'), () => Promise.reject(new ApiError(REFUSED)));
    expect(sent).toEqual({ ok: false, problem: REFUSED });
    expect(status).toEqual({ busy: false, problem: REFUSED });
    expect(document.activeElement?.id).toBe('b');
  });

  it('focuses a fallback when no control is marked, and lets other errors through', async () => {
    document.body.innerHTML = '<form><p role="alert" tabindex="-1" id="banner"></p></form>';
    const status: FormStatus = { busy: false, problem: null };
    await submitForm(status, document.querySelector('form'), () => Promise.reject(new ApiError(REFUSED)), '[role="alert"]');
    expect(document.activeElement?.id).toBe('banner');
    await expect(submitForm(status, null, () => Promise.reject(new TypeError('bug')))).rejects.toThrow('bug');
    expect(status.busy).toBe(false);
  });
});
