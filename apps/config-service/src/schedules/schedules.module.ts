import { Inject, Logger, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { SERVICE_CONFIG, type ConfigServiceConfig } from '@xp/platform';
import { EntitiesModule } from '../entities/entities.module';
import { EventStoreModule } from '../event-store/event-store.module';
import { ScheduleRunner } from './schedule-runner';
import { ScheduleService } from './schedule.service';
import { SchedulerLoop } from './scheduler-loop';
import { SchedulesController } from './schedules.controller';

export const DEFAULT_SCHEDULER_INTERVAL_MS = 1_000;

/**
 * Scheduled changes: the `/v1/schedules` routes and the scheduler loop, which starts once the HTTP
 * server listens (start-up is never held up by it) and stops, finishing its pass, on shutdown.
 */
@Module({
  imports: [EventStoreModule, EntitiesModule],
  controllers: [SchedulesController],
  providers: [ScheduleService, ScheduleRunner],
})
export class SchedulesModule implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly loop: SchedulerLoop;

  constructor(
    @Inject(ScheduleRunner) runner: ScheduleRunner,
    @Inject(SERVICE_CONFIG) config: ConfigServiceConfig,
    @Inject(HttpAdapterHost) private readonly http: HttpAdapterHost,
  ) {
    this.loop = new SchedulerLoop(() => runner.tick(), config.schedulerIntervalMs ?? DEFAULT_SCHEDULER_INTERVAL_MS, new Logger('Scheduler'));
  }

  onApplicationBootstrap(): void {
    const server = this.http.httpAdapter.getHttpServer() as { listening?: boolean; once(event: 'listening', listener: () => void): unknown };
    if (server.listening) this.loop.start();
    else server.once('listening', () => this.loop.start());
  }

  async onApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }
}
