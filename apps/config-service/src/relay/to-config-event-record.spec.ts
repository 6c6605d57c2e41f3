import { parseEnvelope } from '@xp/contracts';
import { configEventId, toConfigEventRecord } from './to-config-event-record';

const event = {
  position: 42,
  streamId: 'flag:checkout-button',
  streamType: 'flag' as const,
  version: 3,
  eventType: 'FlagUpdated',
  payload: { state: { key: 'checkout-button' } },
  actor: 'admin-1',
  occurredAt: new Date('2025-01-02T03:04:05.678Z'),
};

describe('toConfigEventRecord', () => {
  it('keys the record by stream and carries stream, version, position and the event time', () => {
    const record = toConfigEventRecord(event);
    expect(record.key).toBe('flag:checkout-button');
    expect(record.envelope.occurredAt).toBe('2025-01-02T03:04:05.678Z');
    expect(record.envelope.data).toEqual({
      streamId: 'flag:checkout-button',
      streamType: 'flag',
      version: 3,
      position: 42,
      eventType: 'FlagUpdated',
      payload: { state: { key: 'checkout-button' } },
      actor: 'admin-1',
    });
  });

  it('produces an envelope that passes the config.event contract', () => {
    const parsed = parseEnvelope('config.event', toConfigEventRecord(event).envelope);
    expect(parsed.ok).toBe(true);
  });

  it('gives a republished event the same envelope id, and the next version another', () => {
    expect(toConfigEventRecord(event).envelope.id).toBe(toConfigEventRecord({ ...event }).envelope.id);
    expect(toConfigEventRecord(event).envelope.id).toBe(configEventId('flag:checkout-button', 3));
    expect(configEventId('flag:checkout-button', 4)).not.toBe(configEventId('flag:checkout-button', 3));
  });

  it('carries the change comment when the event has one, within the contract', () => {
    const record = toConfigEventRecord({ ...event, comment: 'ramp to all' });
    expect(record.envelope.data).toMatchObject({ comment: 'ramp to all' });
    expect(parseEnvelope('config.event', record.envelope).ok).toBe(true);
  });

  it('leaves out an empty actor, which the contract would reject', () => {
    expect(toConfigEventRecord({ ...event, actor: '' }).envelope.data).not.toHaveProperty('actor');
  });
});
