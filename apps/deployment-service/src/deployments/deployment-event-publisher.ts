import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { EnvelopeOf } from '@xp/contracts';
import { ContractProducer } from '@xp/kafka';
import type { Kafka } from 'kafkajs';
import { KAFKA } from '../connections/tokens';
import { DEPLOYMENT_OPTIONS, type DeploymentOptions } from '../deployment-options';

/**
 * Publishes deployment events to xp.deployments, keyed by deployment id (idempotent producer).
 * Connects on first use, not at start-up: the service must start (and serve operators) without Kafka;
 * a failed connect fails that publish, which the action runner retries.
 */
@Injectable()
export class DeploymentEventPublisher implements OnApplicationShutdown {
  private readonly producer: ContractProducer;
  private connected: Promise<void> | null = null;

  constructor(
    @Inject(KAFKA) kafka: Kafka,
    @Inject(DEPLOYMENT_OPTIONS) private readonly options: DeploymentOptions,
  ) {
    this.producer = new ContractProducer(kafka);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.connected) await this.producer.disconnect();
  }

  async publish(envelope: EnvelopeOf<'deployment.event'>): Promise<void> {
    this.connected ??= this.producer.connect().catch((err: unknown) => {
      this.connected = null;
      throw err;
    });
    await this.connected;
    await this.producer.send(this.options.deploymentsTopic, 'deployment.event', [{ key: envelope.data.deploymentId, envelope }]);
  }
}
