import { Module, type DynamicModule } from '@nestjs/common';
import { PlatformModule, type DeploymentServiceConfig } from '@xp/platform';
import { ConnectionsModule, readinessChecks } from './connections/connections.module';
import { defaultDeploymentOptions, type DeploymentOptions } from './deployment-options';
import { DeploymentModule } from './deployment.module';
import { DecisionConsumer } from './decisions/decision.consumer';
import type { Kafka } from 'kafkajs';
import type { DataSource } from 'typeorm';

@Module({})
export class AppModule {
  static forRoot(config: DeploymentServiceConfig, options: Partial<DeploymentOptions> = {}): DynamicModule {
    const connections = ConnectionsModule.forRoot(config);
    const deployment = DeploymentModule.forRoot({
      ...defaultDeploymentOptions,
      consumerSessionTimeoutMs: config.kafka.consumer.sessionTimeoutMs,
      consumerHeartbeatIntervalMs: config.kafka.consumer.heartbeatIntervalMs,
      decisionsTopic: config.kafka.topics.decisions.name,
      deploymentsTopic: config.kafka.topics.deployments.name,
      groupId: config.kafka.groups.deployment,
      ...options,
    });
    return {
      module: AppModule,
      imports: [
        connections,
        PlatformModule.forRoot({
          config,
          readiness: {
            imports: [connections, deployment],
            inject: [...readinessChecks.inject, DecisionConsumer],
            useFactory: (postgres: DataSource, kafka: Kafka, consumer: DecisionConsumer) => [
              ...readinessChecks.useFactory(postgres, kafka),
              consumer.readiness(),
            ],
          },
        }),
        deployment,
      ],
    };
  }
}
