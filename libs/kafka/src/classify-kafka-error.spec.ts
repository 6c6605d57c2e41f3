import { KafkaJSConnectionError, KafkaJSNonRetriableError, KafkaJSNumberOfRetriesExceeded, KafkaJSProtocolError, KafkaJSRequestTimeoutError } from 'kafkajs';
import { classifyKafkaError } from './classify-kafka-error';
import { InvalidEnvelopeError, KafkaUnavailableError } from './kafka-errors';

describe('classifyKafkaError', () => {
  it.each([
    ['a refused connection', new KafkaJSConnectionError('Connection error: connect ECONNREFUSED 127.0.0.1:19092')],
    ['a request timeout', new KafkaJSRequestTimeoutError('Request Produce(key: 0, version: 7) timed out')],
    ['retries used up', new KafkaJSNumberOfRetriesExceeded(new KafkaJSConnectionError('Connection error'), { retryCount: 5, retryTime: 3000 })],
  ])('turns %s into a retriable KafkaUnavailableError', (_name, error) => {
    const classified = classifyKafkaError(error);
    expect(classified).toBeInstanceOf(KafkaUnavailableError);
    expect(classified).toMatchObject({ code: 'KAFKA_UNAVAILABLE', retriable: true });
  });

  it('leaves errors kafkajs marks final, and errors that are not kafkajs errors, alone', () => {
    expect(classifyKafkaError(new KafkaJSNonRetriableError('Invalid topic'))).toBeUndefined();
    expect(classifyKafkaError(new KafkaJSProtocolError(Object.assign(new Error('Topic authorization failed'), { type: 'TOPIC_AUTHORIZATION_FAILED', code: 29, retriable: false })))).toBeUndefined();
    expect(classifyKafkaError(new Error('connect ECONNREFUSED'))).toBeUndefined();
    expect(classifyKafkaError(undefined)).toBeUndefined();
  });

  it('keeps the adapter errors it is given, retriable or not', () => {
    const invalid = new InvalidEnvelopeError('xp.events', 'metric.event', []);
    expect(classifyKafkaError(invalid)).toBe(invalid);
  });
});
