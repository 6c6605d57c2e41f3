import type { Producer } from 'kafkajs';
import { makeEnvelope, type EnvelopeOf } from '@xp/contracts';
import { kafkaForTests, readTopic, uniqueTopic, waitFor } from './testing';
import { ContractProducer } from './contract-producer';
import { ensureTopics } from './ensure-topics';
import { followTopic, type TopicFollower } from './follow-topic';

const kafka = kafkaForTests('follow-topic-test');

function exposure(i: number): EnvelopeOf<'exposure'> {
  return makeEnvelope('exposure', { experimentKey: 'exp', flagKey: 'flag', variant: 'a', unitId: `u-${i}` });
}

describe('followTopic (real Kafka)', () => {
  const producer = new ContractProducer(kafka);
  const raw: Producer = kafka.producer();
  const followers: TopicFollower[] = [];

  beforeAll(async () => {
    await producer.connect();
    await raw.connect();
  });
  afterEach(async () => {
    await Promise.all(followers.splice(0).map((f) => f.stop()));
  });
  afterAll(async () => {
    await producer.disconnect();
    await raw.disconnect();
  });

  it('replays what the topic held, counts a trailing poison record as replayed, then follows new records', async () => {
    const topic = uniqueTopic('follow');
    await ensureTopics(kafka, [{ name: topic, partitions: 2 }]);
    await producer.send(topic, 'exposure', [0, 1, 2, 3].map((i) => ({ key: `u-${i}`, envelope: exposure(i) })));
    // The last record of partition 0 fails its contract: it never reaches the handler, yet the replay must end.
    await raw.send({ topic, messages: [{ key: 'poison', value: '{not json', partition: 0 }] });

    const seen: string[] = [];
    const caughtUpWith: number[] = [];
    const follower = await followTopic({
      kafka, topic, messageType: 'exposure', groupPrefix: 'test-follow',
      handler: async (records) => void seen.push(...records.map((r) => r.envelope.data.unitId)),
      onCaughtUp: () => caughtUpWith.push(seen.length),
    });
    followers.push(follower);

    await expect(follower.whenCaughtUp(30_000)).resolves.toBe(true);
    expect(follower.caughtUp).toBe(true);
    expect(follower.progress()).toBeNull();
    expect(caughtUpWith).toEqual([4]);
    expect([...seen].sort()).toEqual(['u-0', 'u-1', 'u-2', 'u-3']);
    expect((await readTopic(kafka, `${topic}.dlq`, { count: 1 })).map((r) => r.value)).toEqual(['{not json']);

    await producer.send(topic, 'exposure', [{ key: 'u-9', envelope: exposure(9) }]);
    await expect(follower.reachEnd(30_000)).resolves.toBe(true);
    expect(seen).toContain('u-9');
    expect(caughtUpWith).toEqual([4]);
  });

  it('is caught up at once on an empty topic, and says what it waits for while replaying', async () => {
    const empty = uniqueTopic('follow-empty');
    await ensureTopics(kafka, [{ name: empty, partitions: 1 }]);
    const first = await followTopic({ kafka, topic: empty, messageType: 'exposure', groupPrefix: 'test-follow', handler: async () => undefined });
    followers.push(first);
    expect(first.caughtUp).toBe(true);

    const busy = uniqueTopic('follow-busy');
    await ensureTopics(kafka, [{ name: busy, partitions: 1 }]);
    await producer.send(busy, 'exposure', [{ key: 'u-1', envelope: exposure(1) }]);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const second = await followTopic({ kafka, topic: busy, messageType: 'exposure', groupPrefix: 'test-follow', handler: () => gate });
    followers.push(second);
    expect(second.caughtUp).toBe(false);
    expect(second.progress()).toBe(`replaying ${busy}: partition 0 until offset 1`);
    release();
    await waitFor('the replay', () => second.caughtUp);
  });

  it('fails to start on a topic that does not exist (the caller retries)', async () => {
    await expect(
      followTopic({ kafka, topic: uniqueTopic('follow-missing'), messageType: 'exposure', groupPrefix: 'test-follow', handler: async () => undefined }),
    ).rejects.toThrow();
  });
});
