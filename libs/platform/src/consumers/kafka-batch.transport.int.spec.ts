import { Inject, Injectable, Module, type INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { makeEnvelope } from '@xp/contracts';
import { ContractProducer, DLQ_HEADERS, ensureTopics, type BatchInfo, type ConsumedRecord } from '@xp/kafka';
import { committedOffset as committedOffsetOf, kafkaForTests, readTopic, uniqueGroupId, uniqueTopic, waitFor } from '@xp/kafka/testing';
import { ConsumerController } from './consumer-controller.decorator';
import { KafkaBatchContext } from './kafka-batch-context';
import { KafkaBatchTransport } from './kafka-batch.transport';
import type { KafkaSubscription } from './kafka-subscription';

const kafka = kafkaForTests('kafka-batch-transport-test');

/** What the handler saw, and how it behaves: fails its first `failures` calls, then waits for `gate`. */
@Injectable()
class Calls {
  readonly seen: Array<{ ids: string[]; batch: BatchInfo }> = [];
  failures = 0;
  gate: Promise<void> = Promise.resolve();
}

@ConsumerController()
class ExposuresController {
  constructor(@Inject(Calls) private readonly calls: Calls) {}

  @EventPattern('exposure')
  async exposures(@Payload() records: ConsumedRecord<'exposure'>[], @Ctx() context: KafkaBatchContext): Promise<void> {
    this.calls.seen.push({ ids: records.map((r) => r.envelope.id), batch: context.batch });
    if (this.calls.seen.length <= this.calls.failures) throw new Error('ClickHouse is down');
    await this.calls.gate;
  }
}

@Module({ controllers: [ExposuresController], providers: [Calls] })
class ConsumersModule {}

const committedOffset = (groupId: string, topic: string) => committedOffsetOf(kafka, groupId, topic);

describe('KafkaBatchTransport: @EventPattern batch handlers on runBatchConsumer (real Kafka)', () => {
  const producer = new ContractProducer(kafka);
  const apps: INestMicroservice[] = [];

  async function start(subscription: Omit<KafkaSubscription, 'pattern' | 'name' | 'messageType'>, behave: (calls: Calls) => void = () => undefined) {
    const transport = new KafkaBatchTransport(kafka, [{ pattern: 'exposure', name: 'exposure consumer', messageType: 'exposure', backoff: { initialMs: 20, maxMs: 50 }, ...subscription }]);
    const app = await NestFactory.createMicroservice(ConsumersModule, { strategy: transport, logger: false });
    apps.push(app);
    const calls = app.get(Calls);
    behave(calls);
    await app.listen();
    return { transport, calls };
  }

  async function topicWith(ids: string[], poison: string[] = []): Promise<string> {
    const topic = uniqueTopic('transport');
    await ensureTopics(kafka, [{ name: topic, partitions: 1 }]);
    await producer.send(topic, 'exposure', ids.map((unitId) => ({ key: unitId, envelope: makeEnvelope('exposure', { experimentKey: 'e', flagKey: 'f', variant: 'a', unitId }) })));
    if (poison.length > 0) {
      const raw = kafka.producer();
      await raw.connect();
      await raw.send({ topic, messages: poison.map((value) => ({ key: 'bad', value })) });
      await raw.disconnect();
    }
    return topic;
  }

  beforeAll(() => producer.connect());
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
    await producer.disconnect();
  });

  it('gives a batch whose handler threw to the handler again, and commits its offsets only once the handler resolved', async () => {
    const topic = await topicWith(['u-1', 'u-2', 'u-3']);
    const groupId = uniqueGroupId('transport-retry');
    let open: () => void = () => undefined;
    const { calls, transport } = await start({ topic, groupId, fromBeginning: true }, (behaviour) => {
      behaviour.failures = 1;
      behaviour.gate = new Promise<void>((resolve) => (open = resolve));
    });

    await waitFor('the retried call', () => calls.seen.length === 2);
    // The second call is held at the gate: its batch is not done, so nothing may be committed yet.
    expect(await committedOffset(groupId, topic)).toBe('-1');
    expect(calls.seen[1].ids).toEqual(calls.seen[0].ids);
    expect(calls.seen[0].ids).toHaveLength(3);
    expect(calls.seen[0].batch).toMatchObject({ topic, partition: 0, firstOffset: '0', lastOffset: '2', groupJoins: 1 });

    open();
    await waitFor('the offsets committed', async () => (await committedOffset(groupId, topic)) === '3');
    expect(calls.seen).toHaveLength(2);
    await Promise.all(transport.readiness().map((readiness) => readiness.check()));
  });

  it('sends a record that breaks its contract to <topic>.dlq with the reason; the handler gets only the valid ones', async () => {
    const topic = await topicWith(['u-1', 'u-2'], ['{"not":"an envelope"}']);
    const groupId = uniqueGroupId('transport-dlq');
    const { calls } = await start({ topic, groupId, fromBeginning: true });

    await waitFor('the offsets committed', async () => (await committedOffset(groupId, topic)) === '3');
    expect(calls.seen.flatMap((call) => call.ids)).toHaveLength(2);
    const [dead] = await readTopic(kafka, `${topic}.dlq`, { count: 1, timeoutMs: 10_000 });
    expect(dead.value).toBe('{"not":"an envelope"}');
    expect(dead.headers).toMatchObject({ [DLQ_HEADERS.sourceTopic]: topic, [DLQ_HEADERS.sourceOffset]: '2', [DLQ_HEADERS.consumerGroup]: groupId });
    expect(dead.headers[DLQ_HEADERS.reason]).not.toBe('');
  });

  it('refuses to start when a subscription has no @EventPattern handler', async () => {
    const transport = new KafkaBatchTransport(kafka, [
      { pattern: 'metric.event', name: 'events', topic: uniqueTopic('unhandled'), messageType: 'metric.event', groupId: uniqueGroupId('unhandled') },
    ]);
    const app = await NestFactory.createMicroservice(ConsumersModule, { strategy: transport, logger: false });
    apps.push(app);
    await expect(app.listen()).rejects.toThrow(/no handler for \["metric.event"\], no subscription for \["exposure"\]/);
  });
});
