import { makeEnvelope } from '@xp/contracts';
import { eventTarget, propertiesToMap } from './event-target';

describe('eventTarget', () => {
  it('turns numbers and booleans into text and leaves null properties out', () => {
    expect(propertiesToMap({ plan: 'pro', seats: 3, trial: false, coupon: null })).toEqual({ plan: 'pro', seats: '3', trial: 'false' });
    expect(propertiesToMap(undefined)).toEqual({});
  });

  it('maps an event to a raw row with its envelope id, time, null value for a conversion and Kafka coordinates', () => {
    const envelope = makeEnvelope('metric.event', { unitId: 'u-1', event: 'signup' }, { occurredAt: '2024-05-01T10:00:00.000Z' });
    const row = eventTarget.toRow({ key: 'u-1', envelope, partition: 4, offset: '17', headers: {} }, 'xp.events');
    expect(row).toEqual({
      id: envelope.id,
      unit_id: 'u-1',
      event: 'signup',
      value: null,
      properties: {},
      ts: '2024-05-01T10:00:00.000Z',
      kafka_topic: 'xp.events',
      kafka_partition: 4,
      kafka_offset: '17',
    });
  });
});
