import { Module, type DynamicModule } from '@nestjs/common';
import { KAFKA, KAFKA_BATCH_TRANSPORT, KafkaConsumersModule, PlatformModule, type DeploymentServiceConfig, type KafkaBatchTransport } from '@xp/platform';
import { ConnectionsModule, readinessChecks } from './connections/connections.module';
import { defaultDeploymentOptions, type DeploymentOptions } from './deployment-options';
import { DeploymentModule } from './deployment.module';
import { decisionSubscription } from './decisions/decision-subscription';
import type { Kafka } from 'kafkajs';
import type { DataSource } from 'typeorm';

@Module({})
export class AppModule {
  static forRoot(config: DeploymentServiceConfig, options: Partial<DeploymentOptions> = {}): DynamicModule {
    const connections = ConnectionsModule.forRoot(config);
    const deploymentOptions: DeploymentOptions = {
      ...defaultDeploymentOptions,
      consumerSessionTimeoutMs: config.kafka.consumer.sessionTimeoutMs,
      consumerHeartbeatIntervalMs: config.kafka.consumer.heartbeatIntervalMs,
      decisionsTopic: config.kafka.topics.decisions.name,
      deploymentsTopic: config.kafka.topics.deployments.name,
      groupId: config.kafka.groups.deployment,
      ...options,
    };
    const deployment = DeploymentModule.forRoot(deploymentOptions);
    const consumers = KafkaConsumersModule.forRoot({ inject: [KAFKA], useFactory: (kafka: Kafka) => [decisionSubscription(kafka, deploymentOptions)] });
    return {
      module: AppModule,
      imports: [
        connections,
        consumers,
        PlatformModule.forRoot({
          config,
          readiness: {
            imports: [connections, consumers],
            inject: [...readinessChecks.inject, KAFKA_BATCH_TRANSPORT],
            useFactory: (postgres: DataSource, kafka: Kafka, transport: KafkaBatchTransport) => [
              ...readinessChecks.useFactory(postgres, kafka),
              ...transport.readiness(),
            ],
          },
        }),
        deployment,
      ],
    };
  }
}
