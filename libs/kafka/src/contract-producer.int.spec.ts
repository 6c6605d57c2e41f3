import { makeEnvelope, type EnvelopeOf } from '@xp/contracts';
import { kafkaForTests, readTopic, uniqueGroupId, uniqueTopic, waitFor } from './testing';
import { ContractProducer } from './contract-producer';
import { ensureTopics } from './ensure-topics';
import { InvalidEnvelopeError } from './kafka-errors';
import { runBatchConsumer, type BatchConsumerHandle } from './run-batch-consumer';
import type { ConsumedRecord } from './decode-batch';

const kafka = kafkaForTests('contract-producer-test');

describe('ContractProducer with runBatchConsumer (real Kafka)', () => {
  const producer = new ContractProducer(kafka);
  let consumer: BatchConsumerHandle | undefined;

  beforeAll(() => producer.connect());
  afterEach(async () => consumer?.stop());
  afterAll(() => producer.disconnect());

  it('delivers a schema-valid envelope to a batch consumer with its key, offset and batch bounds', async () => {
    const topic = uniqueTopic('roundtrip');
    await ensureTopics(kafka, [{ name: topic, partitions: 1 }]);
    const envelope = makeEnvelope('metric.event', { unitId: 'u-7', event: 'purchase', value: 12.5 });
    await producer.send(topic, 'metric.event', [{ key: 'u-7', envelope }]);

    const received: ConsumedRecord<'metric.event'>[] = [];
    const batches: unknown[] = [];
    consumer = await runBatchConsumer({
      kafka, groupId: uniqueGroupId('roundtrip'), topic, messageType: 'metric.event', fromBeginning: true,
      handler: async (records, batch) => {
        received.push(...records);
        batches.push(batch);
      },
    });
    await waitFor('the record', () => received.length === 1);

    expect(received[0]).toMatchObject({ key: 'u-7', offset: '0', partition: 0, envelope });
    expect(received[0].headers['xp-message-type']).toBe('metric.event');
    expect(batches).toEqual([{ topic, partition: 0, firstOffset: '0', lastOffset: '0', highWatermark: '1', groupJoins: 1 }]);
  });

  it('sends nothing and throws InvalidEnvelopeError when one envelope of a send is invalid', async () => {
    const topic = uniqueTopic('invalid-send');
    await ensureTopics(kafka, [{ name: topic, partitions: 1 }]);
    const good = makeEnvelope('exposure', { experimentKey: 'e', flagKey: 'f', variant: 'a', unitId: 'u-1' });
    const bad = { ...good, data: { ...good.data, unitId: '' } } as EnvelopeOf<'exposure'>;

    const error = await producer.send(topic, 'exposure', [{ key: 'u-1', envelope: good }, { key: 'u-1', envelope: bad }]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidEnvelopeError);
    expect((error as InvalidEnvelopeError).invalid).toEqual([{ index: 1, issues: [expect.objectContaining({ path: 'data.unitId' })] }]);

    // A later valid send is the first record on the topic: the rejected send left nothing behind.
    await producer.send(topic, 'exposure', [{ key: 'u-2', envelope: { ...good, data: { ...good.data, unitId: 'u-2' } } }]);
    const records = await readTopic(kafka, topic, { count: 1 });
    expect(records.map((r) => [r.offset, r.key])).toEqual([['0', 'u-2']]);
  });

  it('refuses a message type that its registered topic does not carry', async () => {
    const envelope = makeEnvelope('metric.event', { unitId: 'u-1', event: 'x' });
    await expect(producer.send('xp.exposures', 'metric.event', [{ key: 'u-1', envelope }])).rejects.toMatchObject({
      code: 'TOPIC_MESSAGE_MISMATCH',
    });
  });
});
