import { Module, type DynamicModule } from '@nestjs/common';
import { PlatformModule, type DeploymentServiceConfig } from '@xp/platform';
import { ConnectionsModule, readinessChecks } from './connections/connections.module';

@Module({})
export class AppModule {
  static forRoot(config: DeploymentServiceConfig): DynamicModule {
    const connections = ConnectionsModule.forRoot(config);
    return {
      module: AppModule,
      imports: [connections, PlatformModule.forRoot({ config, readiness: { imports: [connections], ...readinessChecks } })],
    };
  }
}
