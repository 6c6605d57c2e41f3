import type { KafkaMessage } from 'kafkajs';
import { makeEnvelope } from '@xp/contracts';
import { decodeBatch, headersToStrings } from './decode-batch';

function message(offset: string, value: string | null, key = 'u-1'): KafkaMessage {
  return {
    key: Buffer.from(key),
    value: value === null ? null : Buffer.from(value),
    offset,
    timestamp: '0',
    attributes: 0,
    headers: { trace: Buffer.from('abc') },
  };
}

const exposure = makeEnvelope('exposure', { experimentKey: 'e', flagKey: 'f', variant: 'v', unitId: 'u-1' });

describe('decodeBatch', () => {
  it('hands valid records on with key, offset, partition and string headers', () => {
    const { valid, rejected } = decodeBatch('exposure', 4, [message('7', JSON.stringify(exposure))]);
    expect(rejected).toEqual([]);
    expect(valid).toEqual([{ key: 'u-1', envelope: exposure, partition: 4, offset: '7', headers: { trace: 'abc' } }]);
  });

  it('rejects junk, wrong types and empty values with a reason, keeping the valid ones in order', () => {
    const decision = makeEnvelope('metric.event', { unitId: 'u-1', event: 'buy' });
    const { valid, rejected } = decodeBatch('exposure', 0, [
      message('1', '{oops'),
      message('2', JSON.stringify(exposure)),
      message('3', JSON.stringify(decision)),
      message('4', null),
      message('5', JSON.stringify(exposure)),
    ]);
    expect(valid.map((r) => r.offset)).toEqual(['2', '5']);
    expect(rejected.map((r) => r.message.offset)).toEqual(['1', '3', '4']);
    expect(rejected[0].reason).toMatch(/^\(envelope\): invalid JSON/);
    expect(rejected[1].reason).toBe('type: expected exposure, got metric.event');
    expect(rejected[2].reason).toBe('(envelope): empty value');
  });
});

describe('headersToStrings', () => {
  it('decodes buffers, joins repeated headers and drops undefined ones', () => {
    expect(headersToStrings({ a: Buffer.from('x'), b: ['1', Buffer.from('2')], c: undefined })).toEqual({ a: 'x', b: '1,2' });
  });
});
