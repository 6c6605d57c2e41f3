import { Module, type DynamicModule } from '@nestjs/common';
import { PlatformModule, type DeploymentServiceConfig } from '@xp/platform';
import { ConnectionsModule, readinessChecks } from './connections/connections.module';
import { defaultDeploymentOptions, type DeploymentOptions } from './deployment-options';
import { DeploymentModule } from './deployment.module';

@Module({})
export class AppModule {
  static forRoot(config: DeploymentServiceConfig, options: Partial<DeploymentOptions> = {}): DynamicModule {
    const connections = ConnectionsModule.forRoot(config);
    return {
      module: AppModule,
      imports: [
        connections,
        PlatformModule.forRoot({ config, readiness: { imports: [connections], ...readinessChecks } }),
        DeploymentModule.forRoot({ ...defaultDeploymentOptions, ...options }),
      ],
    };
  }
}
