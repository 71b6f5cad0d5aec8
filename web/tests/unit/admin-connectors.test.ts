import { describe, expect, it } from 'vitest';
import {
  connectorErrorField,
  emptyConnectorForm,
  formatLag,
  formatRate,
  healthState,
  newConnectorBody,
  replayMessage,
  takesApi,
  takesSecrets,
  type Connector,
} from '../../src/lib/admin/connectors';

// The demo's connector exactly as GET /api/v1/connectors lists it.
const DEMO: Connector = {
  api_url: null,
  ats: 'demo-ats',
  created_at: '2026-12-01T03:26:57.881Z',
  disabled: false,
  health: { dead: 0, error_rate: 0, lag_seconds: 0, last_event_at: null, pending: 0, received: 0, retried: 0 },
  id: 'demo-ats',
  mode: 'realtime',
  secrets: ['…c2U='],
  sync_watermark: null,
  synced_at: null,
  vendor: 'standard_webhooks',
};
const withHealth = (h: Partial<Connector['health']>, more: Partial<Connector> = {}): Connector => ({
  ...DEMO,
  ...more,
  health: { ...DEMO.health, ...h },
});

describe('formatLag', () => {
  it('says lags as people do', () => {
    expect(formatLag(0)).toBe('none');
    expect(formatLag(0.2)).toBe('1 s');
    expect(formatLag(45)).toBe('45 s');
    expect(formatLag(12 * 60 + 5)).toBe('12 min');
    expect(formatLag(3 * 3600)).toBe('3 h');
    expect(formatLag(3 * 3600 + 5 * 60)).toBe('3 h 5 min');
    expect(formatLag(2 * 86400 + 4 * 3600)).toBe('2 d 4 h');
    expect(formatLag(Number.NaN)).toBe('none');
  });
});

describe('formatRate', () => {
  it('gives a percentage with at most one decimal', () => {
    expect(formatRate(0)).toBe('0%');
    expect(formatRate(0.5)).toBe('50%');
    expect(formatRate(0.0123)).toBe('1.2%');
    expect(formatRate(1)).toBe('100%');
  });
});

describe('healthState', () => {
  it('reads a connector that has heard nothing as idle', () => {
    expect(healthState(DEMO)).toBe('idle');
  });
  it('is healthy with events and no trouble', () => {
    expect(healthState(withHealth({ received: 10 }))).toBe('healthy');
  });
  it('is failing with dead letters or many retries, before lagging', () => {
    expect(healthState(withHealth({ received: 10, dead: 1 }))).toBe('failing');
    expect(healthState(withHealth({ received: 10, error_rate: 0.2, lag_seconds: 9999 }))).toBe('failing');
  });
  it('is lagging with an old backlog', () => {
    expect(healthState(withHealth({ received: 10, lag_seconds: 600 }))).toBe('lagging');
  });
  it('says disabled first', () => {
    expect(healthState(withHealth({ dead: 3 }, { disabled: true }))).toBe('disabled');
  });
});

describe('newConnectorBody', () => {
  const form = { ...emptyConnectorForm(), id: ' gh-main ', vendor: 'greenhouse', secret: 's3cret-value' };
  it('sends one secret as secret, and leaves out an empty ats', () => {
    expect(newConnectorBody(form)).toEqual({ id: 'gh-main', vendor: 'greenhouse', mode: 'realtime', secret: 's3cret-value' });
  });
  it('sends two secrets as secrets', () => {
    expect(newConnectorBody({ ...form, nextSecret: 'another-one' }).secrets).toEqual(['s3cret-value', 'another-one']);
  });
  it('sends the ATS API only for modes that pull batches, and secrets only for those that receive webhooks', () => {
    const batch = newConnectorBody({ ...form, mode: 'batch', api_url: ' https://ats.example/api ', api_key: 'k' });
    expect(batch).toEqual({ id: 'gh-main', vendor: 'greenhouse', mode: 'batch', api_url: 'https://ats.example/api', api_key: 'k' });
    const realtime = newConnectorBody({ ...form, api_url: 'https://ats.example/api' });
    expect(realtime.api_url).toBeUndefined();
    expect(newConnectorBody({ ...form, mode: 'hybrid', api_url: 'https://x' })).toMatchObject({ secret: 's3cret-value', api_url: 'https://x' });
  });
  it('asks a CSV connector for neither', () => {
    expect(takesSecrets({ vendor: 'csv', mode: 'batch' })).toBe(false);
    expect(takesApi({ vendor: 'csv', mode: 'batch' })).toBe(false);
    expect(takesSecrets({ vendor: 'lever', mode: 'hybrid' })).toBe(true);
  });
});

describe('connectorErrorField', () => {
  it('shows errors about secrets at the secret box', () => {
    expect(connectorErrorField('secrets')).toBe('secret');
    expect(connectorErrorField('secret')).toBe('secret');
    expect(connectorErrorField('id')).toBe('id');
  });
});

describe('replayMessage', () => {
  it('says what a replay did', () => {
    expect(replayMessage(0)).toBe('There was no dead letter to replay.');
    expect(replayMessage(1)).toBe('1 dead letter was queued for processing again.');
    expect(replayMessage(3, 'gh-main')).toBe('3 dead letters of gh-main were queued for processing again.');
  });
});
