import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { MessageTypeName } from '@xp/contracts';
import { ContractProducer, type OutgoingRecord } from '@xp/kafka';
import type { Kafka } from 'kafkajs';
import { KAFKA } from '../connections/tokens';
import { ASSIGNMENT_OPTIONS, type AssignmentOptions } from '../options/assignment-options';
import { withinAckTimeout } from './produce-timeout-error';

/**
 * The service's one producer (idempotent, acks all). Connects on first use and again after a
 * failed connect, so the service starts and answers while Kafka is still coming up.
 */
@Injectable()
export class KafkaPublisher implements OnApplicationShutdown {
  private readonly producer: ContractProducer;
  private connecting: Promise<void> | null = null;

  constructor(
    @Inject(KAFKA) kafka: Kafka,
    @Inject(ASSIGNMENT_OPTIONS) private readonly options: AssignmentOptions,
  ) {
    this.producer = new ContractProducer(kafka);
  }

  /**
   * For a caller that answers a request: resolves once Kafka acknowledged, or rejects with a
   * ProduceTimeoutError after `produceTimeoutMs` (KAFKA_PRODUCE_TIMEOUT_MS), so a Kafka outage costs
   * the client a prompt 503 rather than kafkajs' 15-30 s of retries. The send itself goes on and
   * may still be stored; ids make the client's retry count once.
   */
  send<T extends MessageTypeName>(topic: string, messageType: T, records: OutgoingRecord<T>[]): Promise<void> {
    return withinAckTimeout(this.sendInBackground(topic, messageType, records), topic, this.options.produceTimeoutMs);
  }

  /** For background work (the exposure buffer): waits as long as kafkajs' retries take. */
  async sendInBackground<T extends MessageTypeName>(topic: string, messageType: T, records: OutgoingRecord<T>[]): Promise<void> {
    await this.connect();
    await this.producer.send(topic, messageType, records);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.connecting) await this.producer.disconnect();
  }

  private connect(): Promise<void> {
    this.connecting ??= this.producer.connect().catch((err: unknown) => {
      this.connecting = null;
      throw err;
    });
    return this.connecting;
  }
}
