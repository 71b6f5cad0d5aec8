// The vendors of outgoing webhooks and their security attestations (GET /api/v1/vendors,
// PUT /api/v1/vendors/{vendor}). A destination receives messages only while its vendor has an
// unexpired SOC 2 Type II report and ISO 27001 certificate on record.

export interface Vendor {
  vendor: string;
  name: string;
  soc2_type2_expires_at: string | null;
  iso27001_expires_at: string | null;
  updated_at: string;
  status: string;
  current: boolean;
}

export const VENDOR_STATUS_LABELS: Record<string, string> = {
  current: 'May receive data',
  unregistered: 'Not registered',
  soc2_missing: 'No SOC 2 Type II report',
  soc2_expired: 'SOC 2 Type II report expired',
  iso27001_missing: 'No ISO 27001 certificate',
  iso27001_expired: 'ISO 27001 certificate expired',
};

export function vendorStatusLabel(status: string): string {
  return VENDOR_STATUS_LABELS[status] ?? status.replace(/_/g, ' ');
}

/** The server's rule for a vendor code, checked before sending so the path stays plain. */
export const VENDOR_CODE = /^[a-z0-9_-]{1,64}$/;

export interface VendorForm {
  vendor: string;
  name: string;
  /** YYYY-MM-DD from a date input; '' for none on record. */
  soc2: string;
  iso27001: string;
}

export function emptyVendorForm(): VendorForm {
  return { vendor: '', name: '', soc2: '', iso27001: '' };
}

/** An expiry from a date input: the end of that day in UTC (valid through the date shown). */
export function expiryFromDate(date: string): string | null {
  if (!date) return null;
  return /^\d{4}-\d{2}-\d{2}$/.test(date) ? `${date}T23:59:59Z` : date;
}

/** The date a date input shows for an expiry, read in UTC as it was written. */
export function dateFromExpiry(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : d.toISOString().slice(0, 10);
}

export function formOf(v: Vendor): VendorForm {
  return {
    vendor: v.vendor,
    name: v.name,
    soc2: dateFromExpiry(v.soc2_type2_expires_at),
    iso27001: dateFromExpiry(v.iso27001_expires_at),
  };
}

/** The PUT body: both expiries always, null for none, so none is erased by leaving it out. */
export function attestationBody(form: VendorForm): Record<string, unknown> {
  return {
    name: form.name.trim(),
    soc2_type2_expires_at: expiryFromDate(form.soc2),
    iso27001_expires_at: expiryFromDate(form.iso27001),
  };
}

/** An expiry as a UTC date, or "none on record". */
export function expiryText(iso: string | null): string {
  return iso ? dateFromExpiry(iso) || iso : 'None on record';
}
