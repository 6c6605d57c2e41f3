import { InvalidEnvelopeError, KafkaUnavailableError } from './kafka-errors';

describe('kafka adapter errors', () => {
  it('marks an unreachable broker as retriable with a stable code', () => {
    const err = new KafkaUnavailableError('down');
    expect([err.code, err.retriable, err.name]).toEqual(['KAFKA_UNAVAILABLE', true, 'KafkaUnavailableError']);
  });

  it('marks invalid envelopes as not retriable and names the first offending field', () => {
    const err = new InvalidEnvelopeError('xp.exposures', 'exposure', [
      { index: 2, issues: [{ path: 'data.unitId', message: 'too short' }] },
    ]);
    expect([err.code, err.retriable]).toEqual(['INVALID_ENVELOPE', false]);
    expect(err.message).toBe('1 envelope(s) for xp.exposures do not match exposure: #2 data.unitId: too short');
  });
});
