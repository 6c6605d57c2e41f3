import { Module, type DynamicModule } from '@nestjs/common';
import { PlatformModule, type ConfigServiceConfig } from '@xp/platform';
import { ConnectionsModule, readinessChecks } from './connections/connections.module';
import { EntitiesModule } from './entities/entities.module';
import { RelayModule } from './relay/relay.module';
import { SchedulesModule } from './schedules/schedules.module';

@Module({})
export class AppModule {
  static forRoot(config: ConfigServiceConfig): DynamicModule {
    const connections = ConnectionsModule.forRoot(config);
    return {
      module: AppModule,
      imports: [
        connections,
        PlatformModule.forRoot({ config, readiness: { imports: [connections], ...readinessChecks } }),
        EntitiesModule,
        SchedulesModule,
        RelayModule.forRoot(),
      ],
    };
  }
}
