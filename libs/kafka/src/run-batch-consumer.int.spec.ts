import type { Producer } from 'kafkajs';
import { makeEnvelope, type EnvelopeOf } from '@xp/contracts';
import { committedOffset as committedOffsetOf, kafkaForTests, readTopic, uniqueGroupId, uniqueTopic, waitFor } from './testing';
import { ContractProducer } from './contract-producer';
import { DLQ_HEADERS } from './dead-letter';
import { ensureTopics } from './ensure-topics';
import { runBatchConsumer, type BatchConsumerHandle, type BatchConsumerOptions } from './run-batch-consumer';

const kafka = kafkaForTests('batch-consumer-test');

function exposure(i: number): EnvelopeOf<'exposure'> {
  return makeEnvelope('exposure', { experimentKey: 'exp', flagKey: 'flag', variant: 'a', unitId: `u-${i}` });
}

const committedOffset = (groupId: string, topic: string) => committedOffsetOf(kafka, groupId, topic);

describe('runBatchConsumer (real Kafka)', () => {
  const producer = new ContractProducer(kafka);
  const raw: Producer = kafka.producer();
  const handles: BatchConsumerHandle[] = [];
  const start = async (options: Omit<BatchConsumerOptions<'exposure'>, 'kafka' | 'messageType'>) => {
    const handle = await runBatchConsumer({ kafka, messageType: 'exposure', fromBeginning: true, ...options });
    handles.push(handle);
    return handle;
  };

  async function topicWithExposures(prefix: string, count: number): Promise<string> {
    const topic = uniqueTopic(prefix);
    await ensureTopics(kafka, [{ name: topic, partitions: 1 }]);
    const records = Array.from({ length: count }, (_, i) => ({ key: `u-${i}`, envelope: exposure(i) }));
    await producer.send(topic, 'exposure', records);
    return topic;
  }

  beforeAll(async () => {
    await producer.connect();
    await raw.connect();
  });
  afterEach(async () => {
    await Promise.all(handles.splice(0).map((h) => h.stop()));
  });
  afterAll(async () => {
    await producer.disconnect();
    await raw.disconnect();
  });

  it('sends poison records to the dead-letter topic with their reason while the valid ones around them are handled', async () => {
    const topic = uniqueTopic('poison');
    await ensureTopics(kafka, [{ name: topic, partitions: 1 }]);
    const wrongType = makeEnvelope('metric.event', { unitId: 'u-1', event: 'buy' });
    await raw.send({
      topic,
      messages: [
        { key: 'u-0', value: JSON.stringify(exposure(0)) },
        { key: 'u-1', value: '{not json', headers: { trace: 't-1' } },
        { key: 'u-2', value: JSON.stringify(exposure(2)) },
        { key: 'u-3', value: JSON.stringify(wrongType) },
        { key: 'u-4', value: JSON.stringify(exposure(4)) },
      ],
    });
    const groupId = uniqueGroupId('poison');
    const handled: string[] = [];
    await start({ groupId, topic, handler: async (records) => void handled.push(...records.map((r) => r.offset)) });

    const dead = await readTopic(kafka, `${topic}.dlq`, { count: 2 });
    await waitFor('all offsets committed', async () => (await committedOffset(groupId, topic)) === '5');

    expect(handled).toEqual(['0', '2', '4']);
    expect(dead.map((r) => [r.key, r.value, r.headers[DLQ_HEADERS.sourceOffset]])).toEqual([
      ['u-1', '{not json', '1'],
      ['u-3', JSON.stringify(wrongType), '3'],
    ]);
    expect(dead[0].headers[DLQ_HEADERS.reason]).toMatch(/^\(envelope\): invalid JSON/);
    expect(dead[1].headers[DLQ_HEADERS.reason]).toBe('type: expected exposure, got metric.event');
    expect(dead[0].headers).toMatchObject({ trace: 't-1', [DLQ_HEADERS.sourceTopic]: topic, [DLQ_HEADERS.sourcePartition]: '0' });
  });

  it('splits a large fetch into handler calls of at most maxBatchSize records, in offset order', async () => {
    const topic = await topicWithExposures('chunks', 7);
    const calls: [string, string, number][] = [];
    await start({
      groupId: uniqueGroupId('chunks'), topic, maxBatchSize: 3,
      handler: async (records, batch) => void calls.push([batch.firstOffset, batch.lastOffset, records.length]),
    });
    await waitFor('all records', () => calls.reduce((n, c) => n + c[2], 0) === 7);
    expect(calls.every(([, , n]) => n <= 3)).toBe(true);
    expect(calls.map((c) => c[0])).toEqual([...calls.map((c) => c[0])].sort((a, b) => Number(a) - Number(b)));
  });

  it('gathers records that trickle in into fewer batches when the fetch may wait for more (fetch options)', async () => {
    const topic = uniqueTopic('fetch-wait');
    await ensureTopics(kafka, [{ name: topic, partitions: 1 }]);
    const batches = { immediate: 0, waiting: 0 };
    const handled = { immediate: 0, waiting: 0 };
    const consumer = (kind: keyof typeof batches, fetch?: BatchConsumerOptions<'exposure'>['fetch']) =>
      start({
        groupId: uniqueGroupId(`fetch-${kind}`),
        topic,
        fetch,
        handler: async (records) => {
          batches[kind] += 1;
          handled[kind] += records.length;
        },
      });
    const both = [await consumer('immediate'), await consumer('waiting', { minBytes: 1 << 20, maxWaitTimeInMs: 2500 })];
    await waitFor('both consumers assigned', async () => both.every((h) => h.assigned));

    for (let i = 0; i < 12; i++) {
      await producer.send(topic, 'exposure', [{ key: `u-${i}`, envelope: exposure(i) }]);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await waitFor('every record handled by both', async () => handled.immediate === 12 && handled.waiting === 12);
    // Twelve records over about 1.2 s: the waiting consumer's fetches span 2.5 s each.
    expect(batches.waiting).toBeLessThanOrEqual(3);
    expect(batches.immediate).toBeGreaterThan(batches.waiting);
  });

  it('redelivers a batch whose handler failed before commit to the restarted group, losing nothing', async () => {
    const topic = await topicWithExposures('crash', 10);
    const groupId = uniqueGroupId('crash');
    const firstRun: string[] = [];
    const first = await start({
      groupId, topic, maxBatchSize: 4, backoff: { initialMs: 50, maxMs: 200 },
      handler: async (records) => {
        firstRun.push(...records.map((r) => r.offset));
        // The work for offsets 4-7 is done, then the process "crashes" before its commit.
        if (records[0].offset === '4') throw new Error('crash before commit');
      },
    });
    await waitFor('the failing batch to be attempted', () => firstRun.includes('7'));
    await first.stop();
    expect(await committedOffset(groupId, topic)).toBe('4');

    const secondRun: string[] = [];
    await start({ groupId, topic, maxBatchSize: 4, handler: async (records) => void secondRun.push(...records.map((r) => r.offset)) });
    await waitFor('the rest of the topic', () => secondRun.includes('9'));
    await waitFor('all offsets committed', async () => (await committedOffset(groupId, topic)) === '10');

    const all = new Set([...firstRun, ...secondRun]);
    expect([...all].sort((a, b) => Number(a) - Number(b))).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(secondRun).toEqual(['4', '5', '6', '7', '8', '9']);
    expect(secondRun.filter((o) => new Set(firstRun).has(o))).toEqual(['4', '5', '6', '7']);
  });

  it('abandons a batch whose handler is still running at stop, and the restarted group gets it again', async () => {
    const topic = await topicWithExposures('stuck', 6);
    const groupId = uniqueGroupId('stuck');
    const firstRun: string[] = [];
    let release: () => void = () => undefined;
    const stuck = new Promise<void>((resolve) => (release = resolve));
    const first = await start({
      groupId, topic, maxBatchSize: 3, stopGraceMs: 200,
      handler: async (records) => {
        firstRun.push(...records.map((r) => r.offset));
        if (records[0].offset === '3') await stuck;
      },
    });
    await waitFor('the second batch to be in progress', () => firstRun.includes('5'));
    await first.stop();
    release();
    expect(await committedOffset(groupId, topic)).toBe('3');

    const secondRun: string[] = [];
    await start({ groupId, topic, handler: async (records) => void secondRun.push(...records.map((r) => r.offset)) });
    await waitFor('the abandoned batch', () => secondRun.includes('5'));
    expect(secondRun).toEqual(['3', '4', '5']);
  });
});
