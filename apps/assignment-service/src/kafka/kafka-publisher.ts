import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { MessageTypeName } from '@xp/contracts';
import { ContractProducer, type OutgoingRecord } from '@xp/kafka';
import type { Kafka } from 'kafkajs';
import { KAFKA } from '../connections/tokens';

/**
 * The service's one producer (idempotent, acks all). Connects on first use and again after a
 * failed connect, so the service starts and answers while Kafka is still coming up.
 */
@Injectable()
export class KafkaPublisher implements OnApplicationShutdown {
  private readonly producer: ContractProducer;
  private connecting: Promise<void> | null = null;

  constructor(@Inject(KAFKA) kafka: Kafka) {
    this.producer = new ContractProducer(kafka);
  }

  async send<T extends MessageTypeName>(topic: string, messageType: T, records: OutgoingRecord<T>[]): Promise<void> {
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
