// Connectors and dead letters as /api/v1/connectors and /api/v1/dead-letters give them, and the
// pure parts of their screen: how a feed's health reads, the body of POST /api/v1/connectors,
// and what a replay did. A connector's secrets come back only as hints ("…c2U="), never whole.

export const CONNECTOR_VENDORS = ['greenhouse', 'lever', 'standard_webhooks', 'csv'] as const;
export const CONNECTOR_MODES = ['realtime', 'batch', 'hybrid'] as const;

export const VENDOR_LABELS: Record<string, string> = {
  greenhouse: 'Greenhouse',
  lever: 'Lever',
  standard_webhooks: 'Standard Webhooks',
  csv: 'CSV import',
};

export const MODE_LABELS: Record<string, string> = {
  realtime: 'Realtime (webhooks)',
  batch: 'Batch (pulls from the ATS API)',
  hybrid: 'Hybrid (webhooks and batch)',
};

export interface ConnectorHealth {
  received: number;
  pending: number;
  dead: number;
  retried: number;
  last_event_at: string | null;
  /** How long the oldest unprocessed delivery has waited. */
  lag_seconds: number;
  /** The share of deliveries that needed a retry or died, 0 to 1. */
  error_rate: number;
}

export interface Connector {
  id: string;
  vendor: string;
  ats: string;
  mode: string;
  /** Hints of the secrets, never the secrets. */
  secrets: string[];
  api_url: string | null;
  sync_watermark: string | null;
  synced_at: string | null;
  created_at: string;
  disabled: boolean;
  health: ConnectorHealth;
}

export interface DeadLetter {
  id: number;
  connector: string;
  event_id: string;
  received_at: string;
  attempts: number;
  last_error: string | null;
  failed_at: string | null;
  /** Only for callers with pii:read. */
  body?: string;
}

export interface DeadLetterPage {
  items: DeadLetter[];
  next_cursor: string | null;
}

/** A lag as people say it: "none", "45 s", "12 min", "3 h 5 min", "2 d 4 h". */
export function formatLag(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds <= 0) return 'none';
  if (seconds < 60) return `${Math.max(1, Math.round(seconds))} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}

/** 0.0123 → "1.2%"; whole percentages without a decimal. */
export function formatRate(rate: number): string {
  if (!Number.isFinite(rate) || rate <= 0) return '0%';
  const pct = Math.round(rate * 1000) / 10;
  return Number.isInteger(pct) ? `${pct}%` : `${pct.toFixed(1)}%`;
}

export type HealthState = 'disabled' | 'failing' | 'lagging' | 'idle' | 'healthy';

// Where a feed turns from fine to worth a look: dead letters or one delivery in ten needing a
// retry is failing; a backlog older than five minutes is lagging.
const FAILING_RATE = 0.1;
const LAGGING_SECONDS = 300;

export function healthState(c: Connector): HealthState {
  if (c.disabled) return 'disabled';
  if (c.health.dead > 0 || c.health.error_rate >= FAILING_RATE) return 'failing';
  if (c.health.lag_seconds >= LAGGING_SECONDS) return 'lagging';
  if (c.health.received === 0) return 'idle';
  return 'healthy';
}

export const HEALTH_LABELS: Record<HealthState, string> = {
  disabled: 'Disabled',
  failing: 'Failing',
  lagging: 'Lagging',
  idle: 'No events yet',
  healthy: 'Healthy',
};

export interface ConnectorForm {
  id: string;
  vendor: string;
  mode: string;
  ats: string;
  secret: string;
  /** A second secret, accepted beside the first while the ATS side switches over. */
  nextSecret: string;
  api_url: string;
  api_key: string;
}

export function emptyConnectorForm(): ConnectorForm {
  return { id: '', vendor: '', mode: 'realtime', ats: '', secret: '', nextSecret: '', api_url: '', api_key: '' };
}

/** Whether the form asks for webhook secrets: a mode that receives webhooks, not a CSV feed. */
export function takesSecrets(form: Pick<ConnectorForm, 'vendor' | 'mode'>): boolean {
  return form.vendor !== 'csv' && (form.mode === 'realtime' || form.mode === 'hybrid');
}

/** Whether the form asks for the ATS's API: a mode that pulls batches, not a CSV feed. */
export function takesApi(form: Pick<ConnectorForm, 'vendor' | 'mode'>): boolean {
  return form.vendor !== 'csv' && (form.mode === 'batch' || form.mode === 'hybrid');
}

/**
 * The POST /api/v1/connectors body. One secret goes as `secret`, two as `secrets`; what the
 * chosen vendor and mode do not use is left out, and so are empty optional fields, so the
 * server's defaults apply (ats: the vendor). Secrets are sent as typed.
 */
export function newConnectorBody(form: ConnectorForm): Record<string, unknown> {
  const body: Record<string, unknown> = { id: form.id.trim(), vendor: form.vendor, mode: form.mode };
  if (form.ats.trim()) body.ats = form.ats.trim();
  if (takesSecrets(form)) {
    const secrets = [form.secret, form.nextSecret].filter((s) => s !== '');
    if (secrets.length === 1) body.secret = secrets[0];
    else if (secrets.length > 1) body.secrets = secrets;
  }
  if (takesApi(form)) {
    if (form.api_url.trim()) body.api_url = form.api_url.trim();
    if (form.api_key) body.api_key = form.api_key;
  }
  return body;
}

/** The server names one secret `secret` and several `secrets`; the form shows both at `secret`. */
export function connectorErrorField(field: string): string {
  return field === 'secrets' ? 'secret' : field;
}

export const HEALTH_TONES: Record<HealthState, 'good' | 'warn' | 'bad' | 'neutral'> = {
  disabled: 'neutral',
  failing: 'bad',
  lagging: 'warn',
  idle: 'neutral',
  healthy: 'good',
};

/** What POST …/replay answered ({"replayed": n}), as a sentence. */
export function replayMessage(replayed: number, connector?: string): string {
  const of = connector ? ` of ${connector}` : '';
  if (replayed === 0) return `There was no dead letter${of} to replay.`;
  return replayed === 1
    ? `1 dead letter${of} was queued for processing again.`
    : `${replayed} dead letters${of} were queued for processing again.`;
}
