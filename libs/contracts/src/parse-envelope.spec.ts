import { decodeEnvelope, formatIssues, parseEnvelope } from './parse-envelope';
import { makeEnvelope } from './make-envelope';

const exposure = { experimentKey: 'checkout', flagKey: 'new-checkout', variant: 'treatment', unitId: 'u-1' };

describe('parseEnvelope', () => {
  it('accepts an envelope built by makeEnvelope and returns its parsed data', () => {
    const envelope = makeEnvelope('exposure', exposure, { occurredAt: '2026-01-02T03:04:05.000Z' });
    const result = parseEnvelope('exposure', envelope);
    expect(result).toEqual({ ok: true, envelope });
  });

  it('fills id with a v4 uuid, schemaVersion from the registry and occurredAt with an ISO time', () => {
    const envelope = makeEnvelope('exposure', exposure, { occurredAt: new Date(Date.UTC(2026, 0, 2)) });
    expect(envelope.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(envelope.schemaVersion).toBe(1);
    expect(envelope.occurredAt).toBe('2026-01-02T00:00:00.000Z');
  });

  it('accepts an occurredAt with a time-zone offset', () => {
    const envelope = makeEnvelope('exposure', exposure, { occurredAt: '2026-01-02T03:04:05+02:00' });
    expect(parseEnvelope('exposure', envelope).ok).toBe(true);
  });

  it('strips unknown data fields rather than passing them on', () => {
    const envelope = { ...makeEnvelope('exposure', exposure), data: { ...exposure, extra: 'x' } };
    const result = parseEnvelope('exposure', envelope);
    expect(result.ok && 'extra' in result.envelope.data).toBe(false);
  });

  it.each([
    ['a missing id', { id: undefined }, 'id'],
    ['an id that is not a uuid', { id: 'abc' }, 'id'],
    ['a schemaVersion of 0', { schemaVersion: 0 }, 'schemaVersion'],
    ['a fractional schemaVersion', { schemaVersion: 1.5 }, 'schemaVersion'],
    ['an unsupported schemaVersion', { schemaVersion: 2 }, 'schemaVersion'],
    ['a non-ISO occurredAt', { occurredAt: '02/01/2026' }, 'occurredAt'],
    ['another message type', { type: 'metric.event' }, 'type'],
  ])('rejects an envelope with %s and names the field', (_label, patch, path) => {
    const envelope = { ...makeEnvelope('exposure', exposure), ...patch };
    const result = parseEnvelope('exposure', envelope);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues.map((i) => i.path)).toContain(path);
  });

  it('reports data issues with their path inside the envelope', () => {
    const envelope = makeEnvelope('exposure', { ...exposure, unitId: '' });
    const result = parseEnvelope('exposure', envelope);
    expect(!result.ok && result.issues.map((i) => i.path)).toEqual(['data.unitId']);
  });

  it('rejects values that are not objects without throwing', () => {
    expect(parseEnvelope('exposure', 42).ok).toBe(false);
    expect(parseEnvelope('exposure', null).ok).toBe(false);
  });
});

describe('decodeEnvelope', () => {
  it('decodes JSON text into a parsed envelope', () => {
    const envelope = makeEnvelope('exposure', exposure);
    const result = decodeEnvelope('exposure', JSON.stringify(envelope));
    expect(result.ok && result.envelope.data.unitId).toBe('u-1');
  });

  it('reports invalid JSON as an issue instead of throwing', () => {
    const result = decodeEnvelope('exposure', '{not json');
    expect(!result.ok && result.issues[0].message).toMatch(/^invalid JSON/);
  });

  it('reports an empty value as an issue', () => {
    expect(decodeEnvelope('exposure', null)).toEqual({ ok: false, issues: [{ path: '', message: 'empty value' }] });
  });
});

describe('formatIssues', () => {
  it('joins issues as path: message, naming the envelope when the path is empty', () => {
    const text = formatIssues([
      { path: '', message: 'empty value' },
      { path: 'data.unitId', message: 'too short' },
    ]);
    expect(text).toBe('(envelope): empty value; data.unitId: too short');
  });
});
