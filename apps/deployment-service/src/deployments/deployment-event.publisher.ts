import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { EnvelopeOf } from '@xp/contracts';
import { ContractProducer } from '@xp/kafka';
import type { Kafka } from 'kafkajs';
import { KAFKA } from '../connections/tokens';
import { DEPLOYMENT_OPTIONS, type DeploymentOptions } from '../deployment-options';

/** Publishes deployment events to xp.deployments, keyed by deployment id (idempotent producer). */
@Injectable()
export class DeploymentEventPublisher implements OnModuleInit, OnApplicationShutdown {
  private readonly producer: ContractProducer;

  constructor(
    @Inject(KAFKA) kafka: Kafka,
    @Inject(DEPLOYMENT_OPTIONS) private readonly options: DeploymentOptions,
  ) {
    this.producer = new ContractProducer(kafka);
  }

  async onModuleInit(): Promise<void> {
    await this.producer.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.producer.disconnect();
  }

  async publish(envelope: EnvelopeOf<'deployment.event'>): Promise<void> {
    await this.producer.send(this.options.deploymentsTopic, 'deployment.event', [{ key: envelope.data.deploymentId, envelope }]);
  }
}
