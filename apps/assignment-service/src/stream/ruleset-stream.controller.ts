import { Controller, Get, Inject, Res, type BeforeApplicationShutdown } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireRole } from '@xp/platform';
import type { FastifyReply } from 'fastify';
import { AssignmentMetrics } from '../metrics/assignment-metrics';
import { ASSIGNMENT_OPTIONS, type AssignmentOptions } from '../options/assignment-options';
import { RulesetStore } from '../ruleset/ruleset-store';
import { SseConnection } from './sse-connection';

@ApiTags('ruleset')
@Controller('v1/ruleset/stream')
export class RulesetStreamController implements BeforeApplicationShutdown {
  // Open streams never go idle: the HTTP server would wait for them forever on shutdown.
  private readonly open = new Set<SseConnection>();

  constructor(
    private readonly store: RulesetStore,
    private readonly metrics: AssignmentMetrics,
    @Inject(ASSIGNMENT_OPTIONS) private readonly options: AssignmentOptions,
  ) {}

  @Get()
  @RequireRole('sdk')
  @ApiOperation({
    summary: 'Server-sent events of the ruleset',
    description:
      '`event: ruleset` with the full `{version, ruleset}` on connect (once the ruleset is ready) and after every applied config change; ' +
      '`: keep-alive` comments in between. A slow client skips intermediate snapshots and gets the latest.',
  })
  stream(@Res() reply: FastifyReply): void {
    // The stream outlives the handler: Fastify must not answer or time out this reply itself.
    reply.hijack();
    const res = reply.raw;
    const connection = new SseConnection(res, this.options.sseKeepAliveMs);
    const current = this.store.current();
    if (current) connection.send(current);
    const unsubscribe = this.store.subscribe((snapshot) => connection.send(snapshot));
    this.metrics.streamClients.inc();
    this.open.add(connection);
    res.on('close', () => {
      this.open.delete(connection);
      unsubscribe();
      connection.close();
      this.metrics.streamClients.dec();
    });
  }

  /** Ends every stream before the server closes (clients reconnect to another instance). */
  beforeApplicationShutdown(): void {
    for (const connection of this.open) connection.close();
  }
}
