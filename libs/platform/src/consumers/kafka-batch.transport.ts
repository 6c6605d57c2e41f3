import type { BeforeApplicationShutdown } from '@nestjs/common';
import { Server, type CustomTransportStrategy } from '@nestjs/microservices';
import { runBatchConsumer, type BatchConsumerHandle, type BatchConsumerLogger, type BatchInfo, type ConsumedRecord } from '@xp/kafka';
import type { MessageTypeName } from '@xp/contracts';
import type { Kafka } from 'kafkajs';
import { lastValueFrom } from 'rxjs';
import { BackgroundStarter } from '../bootstrap/background-starter';
import type { ReadinessCheck } from '../health/readiness-check';
import { KafkaBatchContext } from './kafka-batch-context';
import type { KafkaSubscription } from './kafka-subscription';

export const KAFKA_BATCH_TRANSPORT = Symbol('KafkaBatchTransport');

/**
 * A Nest transport on runBatchConsumer: each subscription is one consumer group whose batches go to the
 * `@EventPattern(subscription.pattern)` handler(s), `(@Payload() records, @Ctx() context: KafkaBatchContext)`.
 * The offsets of a batch are committed once its handler resolved (so its durable work is done); a handler
 * that throws gets the same batch again after a backoff, nothing committed; records failing their contract
 * go to `<topic>.dlq` and never reach a handler.
 *
 * listen() returns at once and the consumers join in the background (BackgroundStarter: retried while
 * Kafka is down), so HTTP answers first and readiness() says what each consumer still waits for.
 */
export class KafkaBatchTransport extends Server implements CustomTransportStrategy, BeforeApplicationShutdown {
  private readonly consumers = new Map<string, { starter: BackgroundStarter; handle?: BatchConsumerHandle }>();
  private closing?: Promise<void>;

  constructor(
    private readonly kafka: Kafka,
    private readonly subscriptions: KafkaSubscription[],
  ) {
    super();
    for (const subscription of subscriptions) {
      const consumer: { starter: BackgroundStarter; handle?: BatchConsumerHandle } = {
        starter: new BackgroundStarter(subscription.name, () => this.start(subscription, consumer), {
          warn: (context) => this.logger.warn(context),
        }),
      };
      this.consumers.set(subscription.pattern, consumer);
    }
  }

  listen(callback: (error?: unknown) => void): void {
    const unhandled = this.subscriptions.filter((s) => !this.getHandlerByPattern(s.pattern)).map((s) => s.pattern);
    const unsubscribed = [...this.getHandlers().keys()].filter((pattern) => !this.consumers.has(pattern));
    if (unhandled.length > 0 || unsubscribed.length > 0) {
      callback(new Error(`Kafka batch transport: no handler for ${JSON.stringify(unhandled)}, no subscription for ${JSON.stringify(unsubscribed)}`));
      return;
    }
    for (const { starter } of this.consumers.values()) void starter.begin();
    callback();
  }

  /** One check per subscription: starting, then joining its group, then up while it has partitions. */
  readiness(): ReadinessCheck[] {
    return this.subscriptions.map((subscription) => {
      const consumer = this.consumers.get(subscription.pattern)!;
      return consumer.starter.readiness(subscription.name, () =>
        consumer.handle?.assigned ? null : `joining the consumer group ${subscription.groupId} of ${subscription.topic}`,
      );
    });
  }

  /** Stops every consumer (a running batch gets its grace period and stays uncommitted if cut); idempotent. */
  close(): Promise<void> {
    this.closing ??= Promise.all(
      [...this.consumers.values()].map(async (consumer) => {
        await consumer.starter.stop();
        await consumer.handle?.stop();
      }),
    ).then(() => undefined);
    return this.closing;
  }

  /** Before the engines close (onApplicationShutdown), so no handler races their close. */
  beforeApplicationShutdown(): Promise<void> {
    return this.close();
  }

  on(): never {
    throw new Error('KafkaBatchTransport has no events; readiness() tells its state');
  }

  unwrap<T>(): T {
    return [...this.consumers.values()].map((c) => c.handle?.consumer) as T;
  }

  private async start(subscription: KafkaSubscription, consumer: { starter: BackgroundStarter; handle?: BatchConsumerHandle }): Promise<void> {
    await subscription.prepare?.();
    const handle = await runBatchConsumer({
      kafka: this.kafka,
      groupId: subscription.groupId,
      topic: subscription.topic,
      messageType: subscription.messageType,
      fromBeginning: subscription.fromBeginning,
      maxBatchSize: subscription.maxBatchSize,
      backoff: subscription.backoff,
      sessionTimeoutMs: subscription.sessionTimeoutMs,
      heartbeatIntervalMs: subscription.heartbeatIntervalMs,
      fetch: subscription.fetch,
      logger: this.batchLogger(),
      handler: (records, batch) => this.dispatch(subscription.pattern, records, batch),
    });
    if (consumer.starter.stopped) return handle.stop();
    consumer.handle = handle;
    this.logger.log({ groupId: subscription.groupId, topic: subscription.topic, msg: `${subscription.name} consuming` });
  }

  /** Every handler of the pattern in turn; resolves when all are done, rejects with the first error. */
  private async dispatch(pattern: string, records: ConsumedRecord<MessageTypeName>[], batch: BatchInfo): Promise<void> {
    const context = new KafkaBatchContext([batch]);
    for (let handler = this.getHandlerByPattern(pattern) ?? undefined; handler; handler = handler.next) {
      await lastValueFrom(this.transformToObservable(handler(records, context)), { defaultValue: undefined });
    }
  }

  private batchLogger(): BatchConsumerLogger {
    return {
      warn: (context, message) => this.logger.warn({ ...context, msg: message }),
      error: (context, message) => this.logger.error({ ...context, msg: message }),
    };
  }
}
