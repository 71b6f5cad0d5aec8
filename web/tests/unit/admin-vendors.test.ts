import { describe, expect, it } from 'vitest';
import {
  VENDOR_CODE,
  attestationBody,
  dateFromExpiry,
  emptyVendorForm,
  expiryFromDate,
  expiryText,
  formOf,
  vendorStatusLabel,
  type Vendor,
} from '../../src/lib/admin/vendors';

const ACME: Vendor = {
  vendor: 'acme',
  name: 'Acme Analytics Ltd.',
  soc2_type2_expires_at: '2027-06-30T23:59:59Z',
  iso27001_expires_at: null,
  updated_at: '2026-12-01T10:00:00Z',
  status: 'iso27001_missing',
  current: false,
};

describe('expiries', () => {
  it('turn a date into the end of that day in UTC, and back', () => {
    expect(expiryFromDate('2027-06-30')).toBe('2027-06-30T23:59:59Z');
    expect(dateFromExpiry('2027-06-30T23:59:59Z')).toBe('2027-06-30');
    expect(expiryFromDate('')).toBeNull();
    expect(dateFromExpiry(null)).toBe('');
  });
  it('read as text', () => {
    expect(expiryText(ACME.soc2_type2_expires_at)).toBe('2027-06-30');
    expect(expiryText(null)).toBe('None on record');
  });
});

describe('attestationBody', () => {
  it('always sends both expiries, null for none', () => {
    expect(attestationBody({ vendor: 'acme', name: ' Acme ', soc2: '2027-06-30', iso27001: '' })).toEqual({
      name: 'Acme',
      soc2_type2_expires_at: '2027-06-30T23:59:59Z',
      iso27001_expires_at: null,
    });
  });
  it('round-trips a listed vendor through the form', () => {
    expect(attestationBody(formOf(ACME))).toEqual({
      name: ACME.name,
      soc2_type2_expires_at: ACME.soc2_type2_expires_at,
      iso27001_expires_at: null,
    });
    expect(emptyVendorForm()).toEqual({ vendor: '', name: '', soc2: '', iso27001: '' });
  });
});

describe('vendor codes and statuses', () => {
  it('accepts the server’s codes only', () => {
    expect(VENDOR_CODE.test('acme-analytics_2')).toBe(true);
    expect(VENDOR_CODE.test('Acme')).toBe(false);
    expect(VENDOR_CODE.test('a/b')).toBe(false);
    expect(VENDOR_CODE.test('')).toBe(false);
  });
  it('labels every status, and an unknown one readably', () => {
    expect(vendorStatusLabel('current')).toBe('May receive data');
    expect(vendorStatusLabel('soc2_expired')).toBe('SOC 2 Type II report expired');
    expect(vendorStatusLabel('new_reason')).toBe('new reason');
  });
});
