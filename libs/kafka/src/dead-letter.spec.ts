import type { KafkaMessage } from 'kafkajs';
import { DLQ_HEADERS, deadLetterMessage } from './dead-letter';

const original: KafkaMessage = {
  key: Buffer.from('u-1'),
  value: Buffer.from('{bad'),
  offset: '42',
  timestamp: '0',
  attributes: 0,
  headers: { trace: 'abc' },
};

describe('deadLetterMessage', () => {
  const dead = deadLetterMessage(
    { message: original, issues: [], reason: 'data.unitId: too short' },
    { topic: 'xp.exposures', partition: 3, groupId: 'analysis' },
    new Date('2026-01-02T00:00:00.000Z'),
  );

  it('keeps the original key and value byte for byte', () => {
    expect(dead.key).toBe(original.key);
    expect(dead.value).toBe(original.value);
  });

  it('keeps the original headers and adds the reason and the source position', () => {
    expect(dead.headers).toEqual({
      trace: 'abc',
      [DLQ_HEADERS.reason]: 'data.unitId: too short',
      [DLQ_HEADERS.sourceTopic]: 'xp.exposures',
      [DLQ_HEADERS.sourcePartition]: '3',
      [DLQ_HEADERS.sourceOffset]: '42',
      [DLQ_HEADERS.consumerGroup]: 'analysis',
      [DLQ_HEADERS.failedAt]: '2026-01-02T00:00:00.000Z',
    });
  });
});
