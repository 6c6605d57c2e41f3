import { Module, type DynamicModule } from '@nestjs/common';
import { topicNames } from '@xp/contracts';
import { PlatformModule, type DeploymentServiceConfig } from '@xp/platform';
import { ConnectionsModule, readinessChecks } from './connections/connections.module';
import { defaultDeploymentOptions, type DeploymentOptions } from './deployment-options';
import { DeploymentModule } from './deployment.module';

/** Topics and consumer group under KAFKA_TOPIC_PREFIX (a shared group would mix several platforms' partitions). */
function prefixed(prefix: string): Pick<DeploymentOptions, 'decisionsTopic' | 'deploymentsTopic' | 'groupId'> {
  const names = topicNames(prefix);
  return { decisionsTopic: names.decisions, deploymentsTopic: names.deployments, groupId: `${prefix}${defaultDeploymentOptions.groupId}` };
}

@Module({})
export class AppModule {
  static forRoot(config: DeploymentServiceConfig, options: Partial<DeploymentOptions> = {}): DynamicModule {
    const connections = ConnectionsModule.forRoot(config);
    return {
      module: AppModule,
      imports: [
        connections,
        PlatformModule.forRoot({ config, readiness: { imports: [connections], ...readinessChecks } }),
        DeploymentModule.forRoot({ ...defaultDeploymentOptions, ...prefixed(config.kafka.topicPrefix ?? ''), ...options }),
      ],
    };
  }
}
