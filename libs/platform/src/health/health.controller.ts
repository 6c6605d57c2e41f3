import { Controller, Get, HttpStatus, Inject, Logger, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { READINESS_CHECKS, type ReadinessCheck } from './readiness-check';
import { runReadinessChecks, type CheckState } from './run-readiness-checks';
import { Public } from '../auth/require-role.decorator';

@Public()
@Controller('health')
export class HealthController {
  private readonly logger = new Logger('HealthController');

  constructor(@Inject(READINESS_CHECKS) private readonly checks: ReadinessCheck[]) {}

  /** Liveness: the process answers. Deliberately checks no dependency. */
  @Get()
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /**
   * Readiness: 200 only when every engine this service depends on answers and every part it starts in
   * the background (consumers, replays) is there; `waitingFor` says what each `starting` part waits for.
   */
  @Get('ready')
  async ready(
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<{ status: 'ok' | 'unavailable'; checks: Record<string, CheckState>; waitingFor?: Record<string, string> }> {
    const { status, checks, waitingFor, failures } = await runReadinessChecks(this.checks);
    if (status === 'ok') return { status, checks };
    this.logger.warn({ failures, waitingFor }, 'not ready');
    reply.status(HttpStatus.SERVICE_UNAVAILABLE);
    return Object.keys(waitingFor).length > 0 ? { status, checks, waitingFor } : { status, checks };
  }
}
